/**
 * A worker crashes under a 6-replica service on 3 managers + 2 workers. swarmkit's constants
 * decide the timeline: the node goes DOWN 3 heartbeat periods (13.5-16.5 s) after its last
 * heartbeat, and the orchestrator replaces its tasks elsewhere after the 5 s restart delay. The
 * old tasks keep their last reported state (Running, desired Shutdown) on the dead node.
 */
import { describe, expect, it } from 'vitest';
import { injectFault, healFault } from '../../src/faults/inject.js';
import { cluster, eventsOf } from './cluster.js';

function crashedWorker() {
  const c = cluster(3);
  c.docker('docker service create --name web --replicas 6 nginx');
  c.sim.runUntil(30_000);
  expect(c.runningOn('web')).toHaveLength(6);
  const crashAt = c.sim.now;
  const faultId = injectFault(c.sim.ctx, { kind: 'nodeCrash', nodeId: c.id('worker2') });
  expect(typeof faultId).toBe('string');
  return { c, crashAt, faultId: faultId as string };
}

describe('faults: a worker crashes', () => {
  it('goes DOWN "heartbeat failure" 3 drawn periods after its last heartbeat', () => {
    const { c, crashAt } = crashedWorker();
    c.sim.runUntil(crashAt + 20_000);
    const [down] = eventsOf(c.events, 'node/statusChanged').filter((e) => e.state === 'down');
    expect(down).toMatchObject({ nodeId: c.id('worker2'), message: 'heartbeat failure' });
    expect(down!.heartbeatPeriodMs).toBeGreaterThanOrEqual(4500);
    expect(down!.heartbeatPeriodMs).toBeLessThanOrEqual(5500);
    expect(down!.t).toBe(down!.lastHeartbeatAt! + 3 * down!.heartbeatPeriodMs!);
    // The last heartbeat came before the crash, so DOWN is 13.5-16.5 s after it at most.
    expect(down!.t - crashAt).toBeGreaterThan(0);
    expect(down!.t - crashAt).toBeLessThanOrEqual(16_500);
  });

  it('replaces its tasks elsewhere 5 s after DOWN, leaving the old ones Running/Shutdown', () => {
    const { c, crashAt } = crashedWorker();
    const before = c
      .tasks('web')
      .filter((t) => t.nodeId === c.id('worker2') && t.status.state === 'running');
    expect(before.length).toBeGreaterThan(0);
    c.sim.runUntil(crashAt + 40_000);
    const downAt = eventsOf(c.events, 'node/statusChanged').find((e) => e.state === 'down')!.t;
    for (const old of before) {
      const task = c.sim.state.tasks[old.id]!;
      expect(task.status.state).toBe('running');
      expect(task.desiredState).toBe('shutdown');
      const replacement = c.tasks('web').find((t) => t.slot === old.slot && t.id !== old.id)!;
      expect(replacement.createdAt).toBe(downAt);
      expect(replacement.nodeId).not.toBe(c.id('worker2'));
      const running = replacement.transitions.find((step) => step.state === 'running')!;
      expect(running.at - downAt).toBeGreaterThanOrEqual(5_000);
      expect(running.at - downAt).toBeLessThan(7_000);
    }
    expect(c.runningOn('web').filter((h) => h !== 'worker2')).toHaveLength(6);
  });

  it('reports its old tasks failed when it boots, and nothing moves back', () => {
    const { c, crashAt, faultId } = crashedWorker();
    c.sim.runUntil(crashAt + 40_000);
    const placement = c.runningOn('web').filter((h) => h !== 'worker2');
    healFault(c.sim.ctx, faultId);
    c.sim.runUntil(crashAt + 70_000);
    expect(c.sim.state.nodes[c.id('worker2')]!.status.state).toBe('ready');
    const old = c.tasks('web').filter((t) => t.nodeId === c.id('worker2'));
    expect(old.length).toBeGreaterThan(0);
    for (const task of old) {
      expect(task.status.state).toBe('failed');
      expect(task.status.err).toBe('task: non-zero exit (137)');
    }
    expect(c.runningOn('web')).toEqual(placement);
  });
});
