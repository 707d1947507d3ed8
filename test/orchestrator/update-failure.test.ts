/**
 * Update failures and rollbacks in the full swarm (SWARM.md 6.2 step 6, 6.3, 13 items 9, 10, 12):
 * pause with the exact message, continue, automatic rollback above the failure ratio, manual
 * rollbacks, and what restarts and scale-ups build while an update is paused.
 */
import { describe, expect, it } from 'vitest';
import { isApiError } from '../../src/api/errors.js';
import type { UpdateConfig } from '../../src/model/types.js';
import { UpdateSwarm, serviceSpec } from './update-harness.js';

const SLEEP = ['sleep', '100000'];
const FAIL = ['sh', '-c', 'exit 1'];

/** An alpine service sleeping in `replicas` slots since 20 s, then updated to `args`. */
function failingUpdate(
  replicas: number,
  update: Partial<UpdateConfig>,
  rollback: UpdateConfig | null = null,
  args: string[] = FAIL,
) {
  const cluster = new UpdateSwarm();
  const spec = serviceSpec('alpine', replicas, update);
  spec.task.container.args = SLEEP;
  spec.rollback = rollback;
  const serviceId = cluster.create(spec);
  cluster.run(20_000);
  const original = cluster.service(serviceId);
  const old = cluster.liveTasks(serviceId);
  const updatedAt = cluster.now;
  cluster.update(serviceId, (next) => (next.task.container.args = args));
  const newVersion = cluster.service(serviceId).specVersion;
  return { cluster, serviceId, original, old, updatedAt, newVersion };
}

describe('update failure action', () => {
  it('pause: the first failing replacement pauses the update, leaving the service mixed', () => {
    const { cluster, serviceId, old, updatedAt, newVersion } = failingUpdate(3, {});
    cluster.run(120_000);
    const fresh = cluster.updaterTasks(serviceId);
    expect(cluster.status(serviceId)).toEqual({
      state: 'paused',
      startedAt: updatedAt,
      completedAt: null,
      message: `update paused due to failure or early termination of task ${fresh[0]!.id}`,
    });
    const pausedAt = cluster.statusChangedAt(serviceId, 'paused')!;
    expect(pausedAt).toBe(cluster.observedAt(fresh[0]!.id, 'failed'));
    // No slot is taken after the pause. A worker that moved on when slot 1 reported RUNNING
    // finishes that slot; slot 3 keeps its old task.
    expect(fresh.every((task) => task.createdAt <= pausedAt)).toBe(true);
    expect(fresh.map((task) => task.slot)).not.toContain(3);
    const slot3 = cluster.liveTasks(serviceId).filter((task) => task.slot === 3);
    expect(slot3.map((task) => [task.id, task.status.state])).toEqual([[old[2]!.id, 'running']]);
    // The replaced slots crash-loop on restarts, which use the new spec.
    const restarts = cluster.createdTasks(serviceId).filter((task) => task.origin === 'restart');
    expect(restarts.length).toBeGreaterThan(5);
    expect(restarts.every((t) => t.specVersion === newVersion)).toBe(true);
    expect(restarts.every((t) => t.spec.container.args.join(' ') === FAIL.join(' '))).toBe(true);
  });

  it('only stops within Monitor of running count: exit 4 s after start, monitor 5 s vs 2 s', () => {
    const late = ['sh', '-c', 'sleep 4; exit 1'];
    const outcome = (monitorMs: number) => {
      const { cluster, serviceId } = failingUpdate(3, { monitorMs }, null, late);
      cluster.run(120_000);
      return [cluster.status(serviceId)?.state, cluster.updaterTasks(serviceId).length];
    };
    // Slot 2 was taken when slot 1 ran; the pause 4 s later stops only slot 3 from starting.
    expect(outcome(5000)).toEqual(['paused', 2]);
    expect(outcome(2000)).toEqual(['completed', 3]);
  });

  it('start-first: a replacement that fails before running leaves the old task running', () => {
    const cluster = new UpdateSwarm();
    const serviceId = cluster.create(serviceSpec('nginx', 3, { order: 'start-first' }));
    cluster.run(20_000);
    const old = cluster.liveTasks(serviceId);
    cluster.update(serviceId, (spec) => (spec.task.container.image = 'nginx:bad'));
    cluster.run(500);
    const fresh = cluster.updaterTasks(serviceId);
    expect(cluster.state.tasks[fresh[0]!.id]!.status.state).toBe('preparing');
    cluster.reject(fresh[0]!.id, 'No such image: nginx:bad');
    cluster.run(60_000);
    expect(cluster.status(serviceId)?.message).toBe(
      `update paused due to failure or early termination of task ${fresh[0]!.id}`,
    );
    expect(cluster.updaterTasks(serviceId)).toHaveLength(1);
    const first = cluster.state.tasks[old[0]!.id]!;
    expect([first.desiredState, first.status.state]).toEqual(['running', 'running']);
  });

  it('continue: every slot is replaced despite failures, then completed after the monitor', () => {
    const { cluster, serviceId } = failingUpdate(3, { failureAction: 'continue' });
    cluster.run(120_000);
    const fresh = cluster.updaterTasks(serviceId);
    expect(fresh.map((task) => task.slot)).toEqual([1, 2, 3]);
    expect(fresh.map((task) => cluster.observedAt(task.id, 'failed'))).not.toContain(undefined);
    const lastDone = cluster.reachedAt(fresh[2]!.id)!;
    expect(cluster.status(serviceId)).toMatchObject({
      state: 'completed',
      message: 'update completed',
      completedAt: lastDone + 5000,
    });
  });

  it('rollback above ratio 0.5: third failure of 4 rolls back with the rollback config', () => {
    const rollbackConfig: UpdateConfig = {
      parallelism: 0,
      delayMs: 0,
      failureAction: 'pause',
      monitorMs: 5000,
      maxFailureRatio: 0,
      order: 'stop-first',
    };
    const update = { failureAction: 'rollback' as const, maxFailureRatio: 0.5 };
    const run = failingUpdate(4, update, rollbackConfig);
    const { cluster, serviceId, original } = run;
    cluster.run(180_000);
    const fresh = cluster.updaterTasks(serviceId);
    const forward = fresh.filter((task) => task.specVersion === run.newVersion);
    const backward = fresh.filter((task) => task.specVersion === original.specVersion);
    // 1/4 and 2/4 are not above 0.5; the third failure (3/4) is.
    const failures = cluster.failedInOrder(forward);
    expect(failures.length).toBeGreaterThanOrEqual(3);
    const started = cluster.events.find(
      (e) => e.type === 'service/updated' && e.updateStatus?.state === 'rollback_started',
    );
    const rolledBackAt = started!.t;
    expect(rolledBackAt).toBe(cluster.observedAt(failures[2]!.id, 'failed'));
    expect(started?.type === 'service/updated' && started.updateStatus?.message).toBe(
      `update rolled back due to failure or early termination of task ${failures[2]!.id}`,
    );
    // Rollback parallelism 0: every slot still dirty at that moment is replaced at once.
    expect(backward.length).toBeGreaterThan(0);
    expect(backward.every((task) => task.createdAt === rolledBackAt)).toBe(true);
    const service = cluster.service(serviceId);
    expect(service.updateStatus).toEqual({
      state: 'rollback_completed',
      startedAt: run.updatedAt,
      completedAt: expect.any(Number),
      message: 'rollback completed',
    });
    expect(service.spec).toEqual(original.spec);
    expect(service.specVersion).toBe(original.specVersion);
    expect([service.previousSpec, service.previousSpecVersion]).toEqual([null, null]);
    const live = cluster.liveTasks(serviceId);
    expect(live.map((task) => [task.slot, task.status.state])).toEqual([
      [1, 'running'],
      [2, 'running'],
      [3, 'running'],
      [4, 'running'],
    ]);
    expect(live.map((task) => task.spec.container.args)).toEqual(Array(4).fill(SLEEP));
    // The automatic rollback burned the previous spec: no manual rollback now.
    const answer = cluster.rollback(serviceId);
    expect(isApiError(answer) && [answer.code, answer.message]).toEqual([
      'FailedPrecondition',
      `service ${serviceId} does not have a previous spec`,
    ]);
  });
});

describe('rollback', () => {
  it('manual rollback twice: back to the old spec, then forward to the newer one again', () => {
    const cluster = new UpdateSwarm();
    const serviceId = cluster.create(serviceSpec('nginx', 3));
    cluster.run(20_000);
    const first = cluster.service(serviceId);
    cluster.update(serviceId, (spec) => (spec.task.container.image = 'nginx:1.25'));
    cluster.run(60_000);
    const second = cluster.service(serviceId);
    expect(second.updateStatus?.state).toBe('completed');
    const answer = cluster.rollback(serviceId);
    expect(isApiError(answer) ? answer.message : answer.updateStatus).toMatchObject({
      state: 'rollback_started',
      message: 'manually requested rollback',
    });
    cluster.run(60_000);
    expect(cluster.status(serviceId)).toMatchObject({
      state: 'rollback_completed',
      message: 'rollback completed',
    });
    const images = () => cluster.liveTasks(serviceId).map((task) => task.spec.container.image);
    expect(images()).toEqual(['nginx', 'nginx', 'nginx']);
    expect(cluster.service(serviceId).specVersion).toBe(first.specVersion);
    cluster.rollback(serviceId);
    cluster.run(60_000);
    expect(cluster.service(serviceId).spec).toEqual(second.spec);
    expect(cluster.service(serviceId).specVersion).toBe(second.specVersion);
    expect(images()).toEqual(['nginx:1.25', 'nginx:1.25', 'nginx:1.25']);
    expect(cluster.status(serviceId)?.state).toBe('rollback_completed');
  });

  it('a failure during a rollback pauses it: rollback_paused', () => {
    const cluster = new UpdateSwarm();
    const spec = serviceSpec('alpine', 2);
    spec.task.container.args = FAIL;
    const serviceId = cluster.create(spec);
    cluster.run(10_000);
    cluster.update(serviceId, (next) => {
      next.task.container.args = SLEEP;
      next.rollback = { ...next.update!, failureAction: 'rollback' };
    });
    cluster.run(60_000);
    expect(cluster.status(serviceId)?.state).toBe('completed');
    cluster.rollback(serviceId);
    const rolledBackAt = cluster.now;
    cluster.run(60_000);
    const rollbackTasks = cluster
      .updaterTasks(serviceId)
      .filter((task) => task.createdAt >= rolledBackAt);
    const failed = cluster.failedInOrder(rollbackTasks)[0]!;
    expect(failed.spec.container.args).toEqual(FAIL);
    // Rollback config of the restored (failing) spec: none, so the defaults (pause) apply.
    expect(cluster.status(serviceId)).toMatchObject({
      state: 'rollback_paused',
      message: `update paused due to failure or early termination of task ${failed.id}`,
    });
  });

  it('failure action rollback during a rollback pauses with "rollback paused"', () => {
    const cluster = new UpdateSwarm();
    const spec = serviceSpec('alpine', 2);
    spec.task.container.args = FAIL;
    spec.rollback = { ...spec.update!, failureAction: 'rollback' };
    const serviceId = cluster.create(spec);
    cluster.run(10_000);
    cluster.update(serviceId, (next) => (next.task.container.args = SLEEP));
    cluster.run(60_000);
    cluster.rollback(serviceId);
    const rolledBackAt = cluster.now;
    cluster.run(60_000);
    const rollbackTasks = cluster
      .updaterTasks(serviceId)
      .filter((task) => task.createdAt >= rolledBackAt);
    const failed = cluster.failedInOrder(rollbackTasks)[0]!;
    expect(cluster.status(serviceId)).toMatchObject({
      state: 'rollback_paused',
      message: `rollback paused due to failure or early termination of task ${failed.id}`,
    });
  });
});

describe('while an update is paused', () => {
  it('a scale-up builds the new slots from the new spec, and the update resumes', () => {
    const { cluster, serviceId } = failingUpdate(3, {});
    cluster.run(30_000);
    expect(cluster.status(serviceId)?.state).toBe('paused');
    const stillOld = cluster
      .liveTasks(serviceId)
      .filter((task) => task.spec.container.args.join(' ') === SLEEP.join(' '))
      .map((task) => task.slot);
    expect(stillOld.length).toBeGreaterThan(0);
    cluster.scale(serviceId, 5);
    const scaled = cluster.service(serviceId);
    const added = cluster.createdTasks(serviceId).filter((t) => t.slot >= 4);
    expect(added.map((t) => [t.slot, t.origin, t.specVersion])).toEqual([
      [4, 'orchestrator', scaled.specVersion],
      [5, 'orchestrator', scaled.specVersion],
    ]);
    expect(added.every((t) => t.spec.container.args.join(' ') === FAIL.join(' '))).toBe(true);
    // A scale is an update: it clears the status, so the rolling update picks up again...
    expect(cluster.status(serviceId)?.state).toBe('updating');
    cluster.run(60_000);
    // ...on the slots still running the old spec only, and pauses again on its first failure
    // (the scaled tasks fail too, but the updater did not create them).
    const resumed = cluster
      .updaterTasks(serviceId)
      .filter((task) => task.specVersion === scaled.specVersion);
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed.every((task) => stillOld.includes(task.slot))).toBe(true);
    expect(cluster.status(serviceId)).toMatchObject({
      state: 'paused',
      message: `update paused due to failure or early termination of task ${resumed[0]!.id}`,
    });
  });
});
