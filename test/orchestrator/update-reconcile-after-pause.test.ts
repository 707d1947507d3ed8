/**
 * After a paused rollback's run completes ("update completed"), swarmkit's orchestrators react
 * to that status write like to any service write: the reconcile starts a new updater run, which
 * rolls the slots the paused rollback never reached (fidelity.md "fixed" item 13).
 */
import { describe, expect, it } from 'vitest';
import { UpdateSwarm, serviceSpec } from './update-harness.js';

const SLEEP = ['sleep', '100000'];
const FAIL = ['sh', '-c', 'exit 1'];

/** A failing 3-slot service updated to sleep, then rolled back: the rollback pauses early. */
function pausedRollback() {
  const cluster = new UpdateSwarm();
  const spec = serviceSpec('alpine', 3);
  spec.task.container.args = FAIL;
  spec.rollback = { ...spec.update!, failureAction: 'rollback' };
  const serviceId = cluster.create(spec);
  cluster.run(10_000);
  cluster.update(serviceId, (next) => (next.task.container.args = SLEEP));
  cluster.run(90_000);
  cluster.rollback(serviceId);
  return { cluster, serviceId, rolledBackAt: cluster.now };
}

describe('a status write reconciles the service', () => {
  it('the slots a paused rollback did not reach are updated once it completes', () => {
    const { cluster, serviceId, rolledBackAt } = pausedRollback();
    cluster.run(120_000);
    const completedAt = cluster.statusChangedAt(serviceId, 'completed');
    expect(completedAt).toBeGreaterThan(rolledBackAt);
    const rolled = cluster.updaterTasks(serviceId).filter((t) => t.createdAt >= rolledBackAt);
    const beforeCompletion = rolled.filter((t) => t.createdAt < completedAt!);
    const afterCompletion = rolled.filter((t) => t.createdAt >= completedAt!);
    // The paused rollback stopped handing out slots after two (the worker took the second
    // before the first one's failure); the run started by "update completed" took the third.
    const early = new Set(beforeCompletion.map((t) => t.slot));
    expect(early.size).toBe(2);
    expect(afterCompletion.map((t) => t.createdAt)).toEqual([completedAt]);
    expect(early.has(afterCompletion[0]!.slot)).toBe(false);
    expect(rolled.every((t) => t.spec.container.args.join(' ') === FAIL.join(' '))).toBe(true);
    // That run follows the Update config (status COMPLETED, not ROLLBACK_STARTED): pause.
    expect(cluster.status(serviceId)).toMatchObject({
      state: 'paused',
      message: `update paused due to failure or early termination of task ${afterCompletion[0]!.id}`,
    });
  });
});
