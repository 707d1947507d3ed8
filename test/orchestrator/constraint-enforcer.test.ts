import { describe, expect, it } from 'vitest';
import type { SimContext } from '../../src/engine/simulation.js';
import { buildNode, buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import { emptyClusterState } from '../../src/model/state.js';
import type { Task } from '../../src/model/types.js';
import {
  ENFORCER_REJECT_ERR,
  ENFORCER_REJECT_MESSAGE,
  noncompliantTasks,
} from '../../src/orchestrator/constraint-enforcer.js';
import { TestCluster, spec } from './harness.js';

const zoned = [
  { hostname: 'n1', labels: { zone: 'a' } },
  { hostname: 'n2', labels: { zone: 'a' } },
];

function zoneService(cluster: TestCluster, condition: 'any' | 'none' = 'any'): string {
  return cluster.createService(
    spec('web', 1, (s) => {
      s.task.placement.constraints = ['node.labels.zone == a'];
      s.task.restart.condition = condition;
    }),
  );
}

describe('constraint enforcer', () => {
  it('rejects a task whose node lost a needed label; it restarts elsewhere after the delay', () => {
    const cluster = new TestCluster({ nodes: zoned });
    const serviceId = zoneService(cluster);
    cluster.run(1000);
    const old = cluster.liveTasks(serviceId)[0]!;
    expect(cluster.hostname(old.nodeId)).toBe('n1');
    cluster.setLabels('n1', {});
    const rejectedAt = cluster.now;
    const rejected = cluster.state.tasks[old.id]!;
    expect([rejected.status.state, rejected.status.message, rejected.status.err]).toEqual([
      'rejected',
      ENFORCER_REJECT_MESSAGE,
      ENFORCER_REJECT_ERR,
    ]);
    expect(rejected.desiredState).toBe('shutdown');
    const replacement = cluster.liveTasks(serviceId)[0]!;
    cluster.run(6000);
    expect(cluster.desiredAt(replacement.id, 'running')).toBe(rejectedAt + 5000);
    expect(cluster.placement(serviceId)).toEqual({ 1: 'n2' });
  });

  it('with restart condition none the rejected task is simply gone', () => {
    const cluster = new TestCluster({ nodes: zoned });
    const serviceId = zoneService(cluster, 'none');
    cluster.run(1000);
    cluster.setLabels('n1', {});
    cluster.run(10_000);
    expect(cluster.rows(serviceId).map((r) => [r.node, r.desired, r.observed])).toEqual([
      ['n1', 'shutdown', 'rejected'],
    ]);
  });

  it('leaves tasks on paused and drained nodes alone', () => {
    const cluster = new TestCluster({ nodes: zoned });
    const serviceId = cluster.createService(
      spec('web', 2, (s) => (s.task.placement.constraints = ['node.labels.zone == a'])),
    );
    cluster.run(1000);
    cluster.setAvailability('n1', 'pause');
    cluster.setLabels('n1', {});
    cluster.run(10_000);
    expect(cluster.tasks(serviceId).map((t) => t.status.state)).toEqual(['running', 'running']);
    cluster.setAvailability('n1', 'drain');
    cluster.run(10_000);
    const onN1 = cluster.tasks(serviceId).filter((t) => cluster.hostname(t.nodeId) === 'n1');
    expect(onN1.map((t) => t.status.state)).toEqual(['shutdown']);
  });

  it('rejects, in store order, the tasks whose reservations overflow the node', () => {
    const state = emptyClusterState();
    const node = buildNode(
      { id: 'n', hostname: 'n', role: 'worker', addr: '10.0.0.1', nanoCPUs: 2e9 },
      0,
    );
    const task = (id: string, nanoCPUs: number, desiredState: Task['desiredState'] = 'running') => {
      // Each task gets its own spec: tasks share their service's spec object, which is immutable.
      const spec = defaultServiceSpec('web', 'nginx');
      const built = buildTask(
        { id, serviceId: 's', spec, specVersion: 1, slot: 1, origin: 'orchestrator' },
        0,
      );
      built.spec.resources.reservations.nanoCPUs = nanoCPUs;
      built.nodeId = 'n';
      built.desiredState = desiredState;
      built.status.state = 'running';
      return built;
    };
    const ctx = { state } as SimContext;
    const tasks = [task('a', 1e9), task('b', 1.5e9), task('c', 1e9), task('d', 1e9, 'shutdown')];
    expect(noncompliantTasks(ctx, node, tasks).map((t) => t.id)).toEqual(['b']);
    // Store order is task-ID order (memdb's node index), whatever order the tasks came in:
    // a and b fill the 2 CPUs, so c goes although it was listed (assigned) first.
    const shuffled = [task('c', 1e9), task('b', 1e9), task('a', 1e9)];
    expect(noncompliantTasks(ctx, node, shuffled).map((t) => t.id)).toEqual(['c']);
  });
});
