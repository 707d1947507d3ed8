/**
 * Update failures and rollbacks in the full swarm (SWARM.md 6.2 step 6, 6.3, 13 items 9, 10, 12):
 * pause with the exact message, continue, automatic rollback above the failure ratio, manual
 * rollbacks, and what restarts and scale-ups build while an update is paused. Also when a failure
 * is judged (update-run.ts): at once while slots remain to hand out, but a failure during the
 * last round waits, as in swarmkit, until that round is done, and is then measured against
 * Monitor at that moment. Slots are taken in a seeded order, so tests name slots by role.
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
  stopGracePeriodMs = 10_000,
) {
  const cluster = new UpdateSwarm();
  const spec = serviceSpec('alpine', replicas, update);
  spec.task.container.args = SLEEP;
  spec.task.container.stopGracePeriodMs = stopGracePeriodMs;
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
    // No slot is taken after the pause. A worker that moved on when the first slot reported
    // RUNNING finishes that slot; the third slot keeps its old task.
    expect(fresh.every((task) => task.createdAt <= pausedAt)).toBe(true);
    expect(fresh).toHaveLength(2);
    const untouched = old.find((task) => !fresh.some((made) => made.slot === task.slot))!;
    const kept = cluster.liveTasks(serviceId).filter((task) => task.slot === untouched.slot);
    expect(kept.map((task) => [task.id, task.status.state])).toEqual([[untouched.id, 'running']]);
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
    expect(fresh.map((task) => task.slot).sort()).toEqual([1, 2, 3]);
    expect(fresh.map((task) => cluster.observedAt(task.id, 'failed'))).not.toContain(undefined);
    const lastDone = cluster.reachedAt(fresh[2]!.id)!;
    expect(cluster.status(serviceId)).toMatchObject({
      state: 'completed',
      message: 'update completed',
      completedAt: lastDone + 5000,
    });
  });

  it('rollback above ratio 0.5: a 3rd failure of 4 in the last round is read when it ends', () => {
    const rollbackConfig: UpdateConfig = {
      parallelism: 0,
      delayMs: 0,
      failureAction: 'pause',
      monitorMs: 5000,
      maxFailureRatio: 0,
      order: 'stop-first',
    };
    const update = { failureAction: 'rollback' as const, maxFailureRatio: 0.5 };
    const rollbackOf = (graceMs: number) => {
      const run = failingUpdate(4, update, rollbackConfig, FAIL, graceMs);
      run.cluster.run(180_000);
      const fresh = run.cluster.updaterTasks(run.serviceId);
      const forward = fresh.filter((task) => task.specVersion === run.newVersion);
      const started = run.cluster.events.find(
        (e) => e.type === 'service/updated' && e.updateStatus?.state === 'rollback_started',
      );
      const message = started?.type === 'service/updated' ? started.updateStatus?.message : '';
      return { ...run, fresh, forward, failures: run.cluster.failedInOrder(forward),
        rolledBackAt: started!.t, message };
    };
    // 1/4 and 2/4 are not above 0.5; the third failure (3/4) is. It comes while the fourth and
    // last slot is in flight: nobody reads the watch then, so it is judged once that slot's
    // replacement is observed running (its old task stops in 2.4 s with a 1 s grace).
    const short = rollbackOf(1000);
    expect(short.forward).toHaveLength(4);
    const thirdFailed = short.cluster.observedAt(short.failures[2]!.id, 'failed')!;
    expect(short.forward[3]!.createdAt).toBeLessThan(thirdFailed);
    expect(short.rolledBackAt).toBe(short.cluster.reachedAt(short.forward[3]!.id));
    expect(short.rolledBackAt - thirdFailed).toBeGreaterThan(2000);
    expect(short.message).toBe(
      `update rolled back due to failure or early termination of task ${short.failures[2]!.id}`,
    );
    // With the default 10 s grace that is ~12 s after the third task ran, beyond Monitor: it no
    // longer counts (swarmkit measures Monitor when it reads the failure). The fourth, failing
    // within Monitor of running during the monitor period, rolls back at once.
    const long = rollbackOf(10_000);
    const fourth = long.failures[3]!;
    expect(long.rolledBackAt).toBe(long.cluster.observedAt(fourth.id, 'failed'));
    expect(long.message).toBe(
      `update rolled back due to failure or early termination of task ${fourth.id}`,
    );
    const { cluster, serviceId, original, updatedAt, fresh, rolledBackAt } = long;
    const run = { updatedAt };
    const backward = fresh.filter((task) => task.specVersion === original.specVersion);
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

  it('a failure during a rollback pauses it; a last-round failure read late may not count', () => {
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
    const [first, second] = cluster.failedInOrder(rollbackTasks);
    expect(first!.spec.container.args).toEqual(FAIL);
    // The first slot's task ran and the worker took the second (last) slot at once, so its
    // failure waited until that slot's replacement ran: after the old task's 10 s stop, longer
    // than Monitor (5 s) after the first one ran, so swarmkit no longer counts it. The second
    // one fails within Monitor of running, during the monitor period, and pauses the rollback.
    const firstRan = cluster.reachedAt(first!.id)!;
    expect(cluster.reachedAt(second!.id)! - firstRan).toBeGreaterThan(5000);
    // Rollback config of the restored (failing) spec: none, so the defaults (pause) apply.
    expect(cluster.status(serviceId)).toMatchObject({
      state: 'rollback_paused',
      message: `update paused due to failure or early termination of task ${second!.id}`,
    });
  });

  it('failure action rollback in a rollback: "rollback paused", then "update completed"', () => {
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
    const failed = cluster.failedInOrder(rollbackTasks)[1]!;
    const statuses = cluster.events.flatMap((e) =>
      e.type === 'service/updateStatusChanged' && e.t >= rolledBackAt
        ? [[e.t, e.updateStatus?.state, e.updateStatus?.message]]
        : [],
    );
    // swarmkit pauses the rollback but does not stop its run: the pause came during the monitor
    // period, which it ends, and the run then marks the update done. The status is no longer
    // ROLLBACK_STARTED, so that reads COMPLETED, "update completed".
    const pausedAt = cluster.observedAt(failed.id, 'failed');
    const cause = `due to failure or early termination of task ${failed.id}`;
    expect(statuses).toEqual([
      [pausedAt, 'rollback_paused', `rollback paused ${cause}`],
      [pausedAt, 'completed', 'update completed'],
    ]);
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
