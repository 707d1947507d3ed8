import { describe, expect, it } from 'vitest';
import { TestCluster, spec } from './harness.js';

const threeNodes = [{ hostname: 'n1' }, { hostname: 'n2' }, { hostname: 'n3' }];

describe('replicated orchestrator: service reconcile', () => {
  it('creates one task per replica in slots 1..N, desired running, from the current spec', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const serviceId = cluster.createService(spec('web', 3));
    const created = cluster.createdTasks(serviceId);
    expect(created.map((task) => task.slot)).toEqual([1, 2, 3]);
    expect(created.every((t) => t.nodeId === '' && t.desiredState === 'running')).toBe(true);
    expect(created.every((task) => task.origin === 'orchestrator')).toBe(true);
    expect(created[0]!.specVersion).toBe(cluster.state.services[serviceId]!.specVersion);
    cluster.run(1000);
    expect(cluster.rows(serviceId).map((row) => row.observed)).toEqual(Array(3).fill('running'));
  });

  it('scale 5 -> 2 removes slots 3-5, gone just after stopping; 2 -> 4 reuses 3 and 4', () => {
    const cluster = new TestCluster({ nodes: threeNodes, agent: { stopMs: 3000 } });
    const serviceId = cluster.createService(spec('web', 5));
    cluster.run(2000);
    const before = cluster.tasks(serviceId);
    cluster.scale(serviceId, 2);
    const scaledAt = cluster.now;
    cluster.run(2900);
    expect(cluster.rows(serviceId).map((r) => [r.slot, r.desired, r.observed])).toEqual([
      [1, 'running', 'running'],
      [2, 'running', 'running'],
      [3, 'remove', 'running'],
      [4, 'remove', 'running'],
      [5, 'remove', 'running'],
    ]);
    cluster.run(2000);
    expect(cluster.rows(serviceId).map((r) => r.slot)).toEqual([1, 2]);
    for (const task of before.filter((t) => t.slot >= 3)) {
      const stoppedAt = cluster.observedAt(task.id, 'shutdown')!;
      expect(stoppedAt).toBe(scaledAt + 3000);
      expect(cluster.removedAt(task.id)! - stoppedAt).toBeLessThanOrEqual(250);
    }
    cluster.scale(serviceId, 4);
    cluster.run(2000);
    expect(cluster.rows(serviceId).map((r) => [r.slot, r.desired, r.observed])).toEqual([
      [1, 'running', 'running'],
      [2, 'running', 'running'],
      [3, 'running', 'running'],
      [4, 'running', 'running'],
    ]);
  });

  it('scale-down takes copies from the most loaded node first', () => {
    const nodes = [{ hostname: 'n1' }, { hostname: 'n2', availability: 'pause' as const }];
    const cluster = new TestCluster({ nodes });
    const serviceId = cluster.createService(spec('web', 3));
    cluster.run(1000);
    cluster.setAvailability('n2', 'active');
    cluster.scale(serviceId, 4);
    cluster.run(1000);
    expect(cluster.placement(serviceId)).toEqual({ 1: 'n1', 2: 'n1', 3: 'n1', 4: 'n2' });
    cluster.scale(serviceId, 2);
    // Slot 1 is n1's first copy and slot 4 n2's first: both have index 1, so they stay.
    expect(cluster.placement(serviceId)).toEqual({ 1: 'n1', 4: 'n2' });
    const removed = cluster.rows(serviceId).filter((r) => r.desired === 'remove');
    expect(removed.map((r) => r.slot)).toEqual([2, 3]);
  });

  it('scale-down removes a pending (unassigned) slot before running ones; reaped at once', () => {
    const cluster = new TestCluster({ nodes: [{ hostname: 'n1' }] });
    const serviceId = cluster.createService(spec('web', 3));
    cluster.run(1000);
    cluster.setAvailability('n1', 'pause');
    const first = cluster.liveTasks(serviceId)[0]!;
    cluster.exitTask(first.id, 1);
    cluster.run(6000);
    const pending = cluster.liveTasks(serviceId).find((task) => task.slot === 1)!;
    expect([pending.nodeId, pending.status.state]).toEqual(['', 'pending']);
    cluster.scale(serviceId, 2);
    expect(cluster.state.tasks[pending.id]!.desiredState).toBe('remove');
    expect(Object.keys(cluster.placement(serviceId))).toEqual(['2', '3']);
    cluster.run(250);
    expect(cluster.state.tasks[pending.id]).toBeUndefined();
  });

  it('creates no duplicates when triggers repeat within one instant', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const serviceId = cluster.createService(spec('web', 2));
    cluster.run(1000);
    const service = cluster.state.services[serviceId]!;
    for (const replicas of [4, 4, 4]) {
      cluster.sim.emit({
        type: 'service/updated',
        serviceId,
        spec: { ...service.spec, mode: { replicated: { replicas } } },
        specVersion: service.specVersion + 1,
        previousSpec: service.spec,
        previousSpecVersion: service.specVersion,
        updateStatus: null,
        endpointPorts: [],
      });
    }
    cluster.settle();
    expect(cluster.tasks(serviceId).map((task) => task.slot)).toEqual([1, 2, 3, 4]);
  });

  it('reconciles when a live task is deleted, refilling its slot', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const serviceId = cluster.createService(spec('web', 2));
    cluster.run(1000);
    const victim = cluster.liveTasks(serviceId)[1]!;
    cluster.sim.emit({ type: 'task/removed', taskId: victim.id });
    cluster.settle();
    const refill = cluster.liveTasks(serviceId).find((task) => task.slot === 2)!;
    expect(refill.id).not.toBe(victim.id);
    expect([refill.origin, refill.desiredState]).toEqual(['orchestrator', 'running']);
  });

  it('service removal sets every task to desired remove; reaped once stopped', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const serviceId = cluster.createService(spec('web', 2));
    cluster.run(1000);
    cluster.exitTask(cluster.liveTasks(serviceId)[0]!.id, 1);
    cluster.run(6000);
    expect(cluster.tasks(serviceId)).toHaveLength(3);
    cluster.removeService(serviceId);
    expect(cluster.tasks(serviceId).map((t) => t.desiredState)).toEqual(Array(3).fill('remove'));
    cluster.run(1000 + 250);
    expect(cluster.tasks(serviceId)).toEqual([]);
  });

  it('a scaled-away slot keeps its history until a later reconcile deletes the dead slot', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const serviceId = cluster.createService(spec('web', 3, (s) => (s.task.restart.delayMs = 0)));
    cluster.run(1000);
    const failed = cluster.liveTasks(serviceId)[2]!;
    cluster.exitTask(failed.id, 1);
    cluster.run(2000);
    cluster.scale(serviceId, 2);
    cluster.run(2000);
    expect(cluster.tasks(serviceId).map((t) => [t.slot, t.desiredState])).toEqual([
      [1, 'running'],
      [2, 'running'],
      [3, 'shutdown'],
    ]);
    cluster.updateService(serviceId, (s) => (s.labels = { touched: 'yes' }));
    expect(cluster.tasks(serviceId).map((t) => t.slot)).toEqual([1, 2]);
  });

  it('a reused dead slot keeps its old tasks as history', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const serviceId = cluster.createService(spec('web', 3, (s) => (s.task.restart.delayMs = 0)));
    cluster.run(1000);
    cluster.exitTask(cluster.liveTasks(serviceId)[2]!.id, 1);
    cluster.run(2000);
    cluster.scale(serviceId, 2);
    cluster.run(2000);
    cluster.scale(serviceId, 3);
    cluster.run(2000);
    expect(cluster.rows(serviceId).map((r) => [r.slot, r.desired, r.observed])).toEqual([
      [1, 'running', 'running'],
      [2, 'running', 'running'],
      [3, 'shutdown', 'failed'],
      [3, 'running', 'running'],
    ]);
  });
});
