/**
 * The checkers must catch the bugs they exist for. Each case hand-writes the events a broken
 * component would emit (no real component is involved) and expects the named violation.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { collectingInvariantObserver, type Violation } from '../../src/check/invariants.js';
import { buildNode, buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import type { ServiceSpec, UpdateState } from '../../src/model/types.js';

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

  it('flags two running tasks in one slot on ready nodes', () => {
    const stopFirst = world(defaultServiceSpec('web', 'nginx', 1));
    stopFirst.place('t1', 1, 'n1');
    stopFirst.place('t2', 1, 'n2');
    stopFirst.run('t1');
    expect(stopFirst.violations).toEqual([]);
    stopFirst.run('t2');
    expect(stopFirst.violations.map((v) => v.invariant)).toEqual(['slot-runs-twice']);
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

describe('start-first hands a slot over', () => {
  const startFirstSpec = (): ServiceSpec => {
    const spec = defaultServiceSpec('web', 'nginx', 1);
    spec.update = { parallelism: 1, delayMs: 0, failureAction: 'pause', monitorMs: 5000, maxFailureRatio: 0, order: 'start-first' };
    spec.rollback = { ...spec.update, failureAction: 'pause' };
    return spec;
  };
  /** Runs t1 from spec 1, then updates to spec 2 with `status` and runs its replacement t2. */
  function handOver(status: UpdateState | null, specVersion: number) {
    const spec = startFirstSpec();
    const w = world(spec);
    w.place('t1', 1, 'n1');
    w.run('t1');
    const updated = structuredClone(spec);
    updated.task.container.env = ["V=2"];
    const updateStatus = status && { state: status, startedAt: 0, completedAt: null, message: '' };
    w.sim.emit({
      type: 'service/updated', serviceId: 's1', spec: updated, specVersion, previousSpec: spec,
      previousSpecVersion: 1, updateStatus, endpointPorts: [],
    });
    const task = buildTask({ id: 't2', serviceId: 's1', spec: updated, specVersion, slot: 1, origin: 'updater' }, 0);
    w.sim.emit({ type: 'task/created', task });
    w.sim.emit({ type: 'task/stateChanged', taskId: 't2', state: 'pending', message: '', err: '', exitCode: null });
    w.sim.emit({ type: 'task/assigned', taskId: 't2', nodeId: 'n2', message: '' });
    w.run('t2');
    return w.violations.map((v) => v.invariant);
  }

  it('allows old and new running side by side while the update is in progress', () => {
    expect(handOver('updating', 2)).toEqual([]);
    expect(handOver('rollback_started', 2)).toEqual([]);
  });

  it('flags an old-spec task still running once no update is in progress', () => {
    expect(handOver('completed', 2)).toEqual(['slot-runs-twice']);
    expect(handOver(null, 2)).toEqual(['slot-runs-twice']);
  });

  it("allows swarmkit's leftovers: two copies of the current spec in a start-first slot", () => {
    // Both desired-running tasks of a handed-over slot failed and were restarted on their own.
    const w = world(startFirstSpec());
    w.place('t1', 1, 'n1');
    w.place('t2', 1, 'n2');
    w.run('t1');
    w.run('t2');
    expect(w.violations).toEqual([]);
    expect(handOver('updating', 1)).toEqual([]);
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
