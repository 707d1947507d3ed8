import { describe, expect, it } from 'vitest';
import { ENFORCER_REJECT_ERR } from '../../src/orchestrator/constraint-enforcer.js';
import { TestCluster, globalSpec } from './harness.js';

const threeNodes = [{ hostname: 'n1' }, { hostname: 'n2' }, { hostname: 'n3' }];

/** Node hostname -> [desired, observed] of the service's tasks there, newest last. */
function byNode(cluster: TestCluster, serviceId: string): Record<string, string[][]> {
  const result: Record<string, string[][]> = {};
  for (const task of cluster.tasks(serviceId)) {
    (result[cluster.hostname(task.nodeId)] ??= []).push([task.desiredState, task.status.state]);
  }
  return result;
}

describe('global orchestrator', () => {
  it('runs one pre-assigned slot-0 task per node, and a joining node gets one', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const serviceId = cluster.createService(globalSpec('agent'));
    const created = cluster.createdTasks(serviceId);
    expect(created.map((t) => [t.slot, cluster.hostname(t.nodeId), t.desiredState])).toEqual([
      [0, 'n1', 'running'],
      [0, 'n2', 'running'],
      [0, 'n3', 'running'],
    ]);
    cluster.addNode({ hostname: 'n4' });
    cluster.run(1000);
    expect(Object.keys(byNode(cluster, serviceId))).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(Object.values(byNode(cluster, serviceId)).flat()).toEqual(
      Array(4).fill(['running', 'running']),
    );
  });

  it('drained and down nodes lose their task, not replaced; back to active gets a new one', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const serviceId = cluster.createService(globalSpec('agent'));
    cluster.run(1000);
    cluster.setAvailability('n1', 'drain');
    cluster.setStatus('n2', 'down');
    cluster.run(10_000);
    expect(byNode(cluster, serviceId)).toEqual({
      n1: [['shutdown', 'shutdown']],
      n2: [['shutdown', 'running']],
      n3: [['running', 'running']],
    });
    cluster.setAvailability('n1', 'active');
    cluster.setStatus('n2', 'ready');
    cluster.run(2000);
    expect(byNode(cluster, serviceId)).toEqual({
      n1: [
        ['shutdown', 'shutdown'],
        ['running', 'running'],
      ],
      n2: [
        ['shutdown', 'shutdown'],
        ['running', 'running'],
      ],
      n3: [['running', 'running']],
    });
  });

  it('a paused node keeps its task but gets none for a new service', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const first = cluster.createService(globalSpec('first'));
    cluster.run(1000);
    cluster.setAvailability('n3', 'pause');
    const second = cluster.createService(globalSpec('second'));
    cluster.run(1000);
    expect(Object.keys(byNode(cluster, first))).toEqual(['n1', 'n2', 'n3']);
    expect(Object.keys(byNode(cluster, second))).toEqual(['n1', 'n2']);
  });

  it('restarts a failed task on the same node after the restart delay', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const serviceId = cluster.createService(globalSpec('agent'));
    cluster.run(1000);
    const onN2 = cluster.tasks(serviceId).find((t) => cluster.hostname(t.nodeId) === 'n2')!;
    cluster.exitTask(onN2.id, 1);
    const failedAt = cluster.now;
    const replacement = cluster.createdTasks(serviceId)[3]!;
    const { nodeId, slot, desiredState } = replacement;
    expect([cluster.hostname(nodeId), slot, desiredState]).toEqual(['n2', 0, 'ready']);
    cluster.run(6000);
    expect(cluster.desiredAt(replacement.id, 'running')).toBe(failedAt + 5000);
    expect(cluster.state.tasks[replacement.id]!.status.state).toBe('running');
  });

  it('follows labels: newly matching nodes get a task, the enforcer rejects unmatched ones', () => {
    const cluster = new TestCluster({
      nodes: [{ hostname: 'n1', labels: { gpu: 'yes' } }, { hostname: 'n2' }],
    });
    const serviceId = cluster.createService(
      globalSpec('agent', (s) => (s.task.placement.constraints = ['node.labels.gpu == yes'])),
    );
    cluster.run(1000);
    expect(byNode(cluster, serviceId)).toEqual({ n1: [['running', 'running']] });
    cluster.setLabels('n2', { gpu: 'yes' });
    cluster.setLabels('n1', {});
    cluster.run(10_000);
    expect(byNode(cluster, serviceId)).toEqual({
      n1: [['shutdown', 'rejected']],
      n2: [['running', 'running']],
    });
    const rejected = cluster.tasks(serviceId).find((t) => t.status.state === 'rejected')!;
    expect(rejected.status.err).toBe(ENFORCER_REJECT_ERR);
  });

  it('a service update narrowing the constraints shuts down tasks on unmatched nodes', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const serviceId = cluster.createService(globalSpec('agent'));
    cluster.run(1000);
    cluster.updateService(serviceId, (s) => {
      s.task.placement.constraints = ['node.hostname != n3'];
    });
    cluster.run(2000);
    expect(byNode(cluster, serviceId)).toEqual({
      n1: [['running', 'running']],
      n2: [['running', 'running']],
      n3: [['shutdown', 'shutdown']],
    });
  });

  it('deletes the global tasks of a removed node', () => {
    const cluster = new TestCluster({ nodes: threeNodes });
    const serviceId = cluster.createService(globalSpec('agent'));
    cluster.run(1000);
    cluster.setStatus('n3', 'down');
    cluster.removeNode('n3');
    cluster.run(1000);
    expect(Object.keys(byNode(cluster, serviceId))).toEqual(['n1', 'n2']);
    expect(cluster.createdTasks(serviceId)).toHaveLength(3);
  });
});
