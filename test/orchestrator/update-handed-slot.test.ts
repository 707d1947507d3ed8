/**
 * A worker judges its slot by the tasks the reconcile handed over (swarmkit `updater.go` worker,
 * updateTask, removeOldTasks; SWARM.md 6.2 step 5). When the handed task failed before a worker
 * reached the slot, the restart supervisor has already shut it down and replaced it; swarmkit's
 * stop-first transaction then fails whole ("already shut down when reached by updater"): no
 * replacement, and the restart supervisor's task keeps its restart delay. Recorded on Engine
 * 20.10 in update-auto-rollback: that task ran 5.8 s (web1) and 5.9 s (web2) after its creation.
 */
import { describe, expect, it } from 'vitest';
import type { Task, UpdateConfig } from '../../src/model/types.js';
import { UpdateSwarm, serviceSpec } from './update-harness.js';

const SLEEP = ['sleep', '100000'];
const DIES_AFTER_30S = ['sh', '-c', 'sleep 30; exit 1'];
const RESTART_DELAY_MS = 60_000;

/** One slot at a time, 40 s apart: the second slot is reached well after its task died. */
const SLOW_ROLLBACK: UpdateConfig = {
  parallelism: 1,
  delayMs: 40_000,
  failureAction: 'pause',
  monitorMs: 5000,
  maxFailureRatio: 0,
  order: 'stop-first',
};

/** 2 replicas updated at once to a task that dies 30 s in, then rolled back by hand. */
function rollbackOverDyingTasks() {
  const cluster = new UpdateSwarm();
  const spec = serviceSpec('alpine', 2, { parallelism: 0 });
  spec.task.container.args = SLEEP;
  spec.rollback = SLOW_ROLLBACK;
  const serviceId = cluster.create(spec);
  cluster.run(20_000);
  cluster.update(serviceId, (next) => {
    next.task.container.args = DIES_AFTER_30S;
    next.task.restart = { ...next.task.restart, delayMs: RESTART_DELAY_MS };
  });
  cluster.run(15_000);
  const updated = cluster.liveTasks(serviceId);
  cluster.rollback(serviceId);
  const rolledBackAt = cluster.now;
  cluster.run(200_000);
  return { cluster, serviceId, updated, rolledBackAt };
}

describe('a slot whose handed task failed before a worker reached it', () => {
  it('rollback: the restart replacement waits its restart delay, none is built beside it', () => {
    const { cluster, serviceId, updated, rolledBackAt } = rollbackOverDyingTasks();
    expect(updated.map((task) => task.spec.container.args)).toEqual([
      DIES_AFTER_30S,
      DIES_AFTER_30S,
    ]);
    const failedAt = (task: Task) => cluster.observedAt(task.id, 'failed');
    // The first slot is rolled back at once; the other's task dies during the worker's Delay.
    const late = updated.find((task) => failedAt(task) !== undefined)!;
    expect(failedAt(late)).toBeGreaterThan(rolledBackAt);
    const inSlot = cluster
      .createdTasks(serviceId)
      .filter((task) => task.slot === late.slot && task.createdAt > rolledBackAt);
    expect(inSlot.map((task) => [task.origin, task.createdAt, task.spec.container.args])).toEqual([
      ['restart', failedAt(late), SLEEP],
    ]);
    const replacement = inSlot[0]!;
    // Not started when the worker reached the slot (~40 s after the rollback began), but when
    // the restart delay of the failed task ran out.
    expect(cluster.desiredAt(replacement.id, 'running')).toBe(failedAt(late)! + RESTART_DELAY_MS);
    expect(cluster.status(serviceId)).toMatchObject({
      state: 'rollback_completed',
      message: 'rollback completed',
    });
    const live = cluster.liveTasks(serviceId);
    expect(live.map((task) => [task.status.state, task.spec.container.args])).toEqual([
      ['running', SLEEP],
      ['running', SLEEP],
    ]);
  });
});
