import { describe, expect, it } from 'vitest';
import { OLD_TASK_STOP_TIMEOUT_MS } from '../../src/model/defaults.js';
import { TestCluster, spec } from './harness.js';

const twoNodes = [{ hostname: 'n1' }, { hostname: 'n2' }];

/** Two replicas, one per node, running. */
function runningPair(stopMs = 1000): { cluster: TestCluster; serviceId: string } {
  const cluster = new TestCluster({ nodes: twoNodes, agent: { stopMs } });
  const serviceId = cluster.createService(spec('web', 2));
  cluster.run(1000);
  expect(cluster.placement(serviceId)).toEqual({ 1: 'n1', 2: 'n2' });
  return { cluster, serviceId };
}

describe('replicated tasks and node events', () => {
  it('drain: replacements at once with no delay, each started only when its old task stops', () => {
    const { cluster, serviceId } = runningPair(3000);
    const old = cluster.liveTasks(serviceId)[0]!;
    cluster.setAvailability('n1', 'drain');
    const drainedAt = cluster.now;
    expect(cluster.state.tasks[old.id]!.desiredState).toBe('shutdown');
    const replacement = cluster.liveTasks(serviceId).find((t) => t.slot === 1)!;
    expect([replacement.createdAt, replacement.desiredState, replacement.origin]).toEqual([
      drainedAt,
      'ready',
      'restart',
    ]);
    cluster.run(2999);
    expect(cluster.state.tasks[replacement.id]!.status.state).toBe('ready');
    expect(cluster.hostname(cluster.state.tasks[replacement.id]!.nodeId)).toBe('n2');
    cluster.run(1000);
    expect(cluster.observedAt(old.id, 'shutdown')).toBe(drainedAt + 3000);
    expect(cluster.desiredAt(replacement.id, 'running')).toBe(drainedAt + 3000);
    expect(cluster.state.tasks[replacement.id]!.status.state).toBe('running');
  });

  it('drain: a replacement whose old task never stops starts after the 1-minute timeout', () => {
    const { cluster, serviceId } = runningPair(10 * OLD_TASK_STOP_TIMEOUT_MS);
    cluster.setAvailability('n1', 'drain');
    const drainedAt = cluster.now;
    const replacement = cluster.liveTasks(serviceId).find((t) => t.slot === 1)!;
    cluster.run(OLD_TASK_STOP_TIMEOUT_MS + 1000);
    expect(cluster.desiredAt(replacement.id, 'running')).toBe(drainedAt + OLD_TASK_STOP_TIMEOUT_MS);
  });

  it('drain with restart condition none shuts the tasks down without replacing them', () => {
    const cluster = new TestCluster({ nodes: twoNodes });
    const none = spec('web', 2, (s) => (s.task.restart.condition = 'none'));
    const serviceId = cluster.createService(none);
    cluster.run(1000);
    cluster.setAvailability('n1', 'drain');
    cluster.run(10_000);
    expect(cluster.rows(serviceId).map((r) => [r.slot, r.node, r.desired, r.observed])).toEqual([
      [1, 'n1', 'shutdown', 'shutdown'],
      [2, 'n2', 'running', 'running'],
    ]);
  });

  it('pause: nothing moves', () => {
    const { cluster, serviceId } = runningPair();
    const before = cluster.rows(serviceId);
    cluster.setAvailability('n1', 'pause');
    cluster.run(30_000);
    expect(cluster.rows(serviceId)).toEqual(before);
    expect(cluster.createdTasks(serviceId)).toHaveLength(2);
  });

  it('node down: replacement after the delay; old task stays desired shutdown, running', () => {
    const { cluster, serviceId } = runningPair();
    const old = cluster.liveTasks(serviceId)[0]!;
    cluster.setStatus('n1', 'down');
    const downAt = cluster.now;
    const replacement = cluster.liveTasks(serviceId).find((t) => t.slot === 1)!;
    expect(replacement.desiredState).toBe('ready');
    cluster.run(10_000);
    expect(cluster.desiredAt(replacement.id, 'running')).toBe(downAt + 5000);
    expect(cluster.rows(serviceId).map((r) => [r.slot, r.node, r.desired, r.observed])).toEqual([
      [1, 'n1', 'shutdown', 'running'],
      [1, 'n2', 'running', 'running'],
      [2, 'n2', 'running', 'running'],
    ]);
    expect(cluster.state.tasks[old.id]!.status.state).toBe('running');
  });

  it('a node coming back gets its old tasks stopped and nothing moves back (no rebalance)', () => {
    const { cluster, serviceId } = runningPair();
    cluster.setStatus('n1', 'down');
    cluster.run(10_000);
    cluster.setStatus('n1', 'ready');
    cluster.run(30_000);
    expect(cluster.rows(serviceId).map((r) => [r.slot, r.node, r.desired, r.observed])).toEqual([
      [1, 'n1', 'shutdown', 'shutdown'],
      [1, 'n2', 'running', 'running'],
      [2, 'n2', 'running', 'running'],
    ]);
    expect(cluster.createdTasks(serviceId)).toHaveLength(3);
  });

  it('node removal: orphaned tasks are restarted elsewhere after the delay', () => {
    const { cluster, serviceId } = runningPair();
    cluster.setStatus('n1', 'down');
    cluster.run(10_000);
    cluster.setStatus('n1', 'ready');
    cluster.run(2000);
    cluster.setAvailability('n2', 'drain');
    cluster.run(10_000);
    expect(cluster.placement(serviceId)).toEqual({ 1: 'n1', 2: 'n1' });
    cluster.removeNode('n1');
    const removedAt = cluster.now;
    const replacements = cluster.liveTasks(serviceId);
    expect(replacements.map((t) => [t.slot, t.desiredState, t.createdAt])).toEqual([
      [1, 'ready', removedAt],
      [2, 'ready', removedAt],
    ]);
    cluster.run(6000);
    expect(replacements.map((t) => cluster.desiredAt(t.id, 'running'))).toEqual([
      removedAt + 5000,
      removedAt + 5000,
    ]);
  });
});
