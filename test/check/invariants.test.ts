/**
 * The checkers must catch the bugs they exist for. Each case hand-writes the events a broken
 * component would emit (no real component is involved) and expects the named violation.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { collectingInvariantObserver, type Violation } from '../../src/check/invariants.js';
import { buildNode, buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import type { ServiceSpec } from '../../src/model/types.js';

function world(spec: ServiceSpec) {
  const violations: Violation[] = [];
  const sim = new Simulation({
    seed: 1,
    components: [],
    observers: [collectingInvariantObserver(violations)],
  });
  sim.emit({ type: 'cluster/initialized', clusterId: 'c', taskHistoryRetentionLimit: 5, heartbeatPeriodMs: 5000 });
  for (const [id, zone] of [['n1', 'east'], ['n2', 'west']] as const) {
    const node = buildNode({ id, hostname: id, role: 'manager', addr: '10.0.0.1', labels: { zone } }, 0);
    sim.emit({ type: 'node/joined', node });
  }
  sim.emit({
    type: 'service/created',
    service: {
      id: 's1', version: 0, createdAt: 0, updatedAt: 0, spec, specVersion: 1,
      previousSpec: null, previousSpecVersion: null, updateStatus: null, endpointPorts: [],
    },
  });
  const place = (taskId: string, slot: number, nodeId: string) => {
    sim.emit({ type: 'task/created', task: buildTask({ id: taskId, serviceId: 's1', spec, specVersion: 1, slot, origin: 'orchestrator' }, 0) });
    sim.emit({ type: 'task/stateChanged', taskId, state: 'pending', message: '', err: '', exitCode: null });
    sim.emit({ type: 'task/assigned', taskId, nodeId, message: 'scheduler assigned task to node' });
  };
  const run = (taskId: string) =>
    sim.emit({ type: 'task/stateChanged', taskId, state: 'running', message: 'started', err: '', exitCode: null });
  return { sim, violations, place, run };
}

describe('safety invariants', () => {
  it('flags a node whose reservations exceed its resources', () => {
    const spec = defaultServiceSpec('web', 'nginx', 2);
    spec.task.resources.reservations.memoryBytes = 1.5 * 1024 ** 3;
    const { violations, place } = world(spec);
    place('t1', 1, 'n1');
    expect(violations).toEqual([]);
    place('t2', 2, 'n1');
    expect(violations.map((v) => v.invariant)).toEqual(['node-overcommitted']);
  });

  it('flags a placement that breaks a constraint', () => {
    const spec = defaultServiceSpec('web', 'nginx', 1);
    spec.task.placement.constraints = ['node.labels.zone==east'];
    const { violations, place } = world(spec);
    place('t1', 1, 'n2');
    expect(violations[0]?.invariant).toBe('placement-violates-constraints');
    expect(violations[0]?.detail).toContain('node.labels.zone==east');
  });

  it('flags two running tasks in one slot on ready nodes, but not under start-first', () => {
    const stopFirst = world(defaultServiceSpec('web', 'nginx', 1));
    stopFirst.place('t1', 1, 'n1');
    stopFirst.place('t2', 1, 'n2');
    stopFirst.run('t1');
    expect(stopFirst.violations).toEqual([]);
    stopFirst.run('t2');
    expect(stopFirst.violations.map((v) => v.invariant)).toEqual(['slot-runs-twice']);

    const spec = defaultServiceSpec('web', 'nginx', 1);
    spec.update = { parallelism: 1, delayMs: 0, failureAction: 'pause', monitorMs: 5000, maxFailureRatio: 0, order: 'start-first' };
    const startFirst = world(spec);
    startFirst.place('t1', 1, 'n1');
    startFirst.place('t2', 1, 'n2');
    startFirst.run('t1');
    startFirst.run('t2');
    expect(startFirst.violations).toEqual([]);
  });

  it('does not count a task on a down node, which keeps showing its last state', () => {
    const { sim, violations, place, run } = world(defaultServiceSpec('web', 'nginx', 1));
    place('t1', 1, 'n1');
    run('t1');
    sim.emit({ type: 'node/statusChanged', nodeId: 'n1', state: 'down', message: 'heartbeat failure' });
    place('t2', 1, 'n2');
    run('t2');
    expect(violations).toEqual([]);
  });
});

describe('a task told to stop may overlap its replacement', () => {
  it('does not count a running task whose desired state is shutdown', () => {
    const { sim, violations, place, run } = world(defaultServiceSpec('web', 'nginx', 1));
    place('t1', 1, 'n1');
    run('t1');
    sim.emit({ type: 'task/desiredStateChanged', taskId: 't1', desiredState: 'shutdown' });
    place('t2', 1, 'n2');
    run('t2');
    expect(violations).toEqual([]);
  });
});
