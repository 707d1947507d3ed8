/**
 * The checkers must catch the bugs they exist for. Each case hand-writes the events a broken
 * component would emit (no real component is involved) and expects the named violation.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { collectingInvariantObserver, type Violation } from '../../src/check/invariants.js';
import { buildNode, buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import type { ServiceSpec, TaskOrigin, UpdateState } from '../../src/model/types.js';

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
  function handOver(
    status: UpdateState | null,
    specVersion: number,
    origin: TaskOrigin = 'updater',
  ) {
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
    const task = buildTask({ id: 't2', serviceId: 's1', spec: updated, specVersion, slot: 1, origin }, 0);
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
    expect(handOver('completed', 2, 'orchestrator')).toEqual(['slot-runs-twice']);
    expect(handOver('rollback_completed', 2, 'orchestrator')).toEqual(['slot-runs-twice']);
    expect(handOver(null, 2, 'orchestrator')).toEqual(['slot-runs-twice']);
  });

  it('allows the restart of a failed replacement beside the old task it never retired', () => {
    expect(handOver('completed', 2, 'restart')).toEqual([]);
    expect(handOver('rollback_completed', 2, 'restart')).toEqual([]);
    expect(handOver(null, 2, 'restart')).toEqual([]);
  });

  it('allows the hand-over of a run working under a final status or none', () => {
    // swarmkit's Run keeps the status it finds (after a completion, a reconcile starts one), and
    // a no-op update clears the status while the run towards the same spec goes on.
    expect(handOver('completed', 2)).toEqual([]);
    expect(handOver('rollback_completed', 2)).toEqual([]);
    expect(handOver(null, 2)).toEqual([]);
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

  it('allows a start-first run that a rollback to a deep-equal spec kept going', () => {
    // A no-op update after a start-first one, then a rollback: the restored spec equals the
    // run's, so the run goes on start-first under rollback_started (rollback order stop-first).
    const rolledBackTo = (previousEnv: string) => {
      const spec = startFirstSpec();
      spec.rollback = { ...spec.update!, order: 'stop-first' };
      const w = world(spec);
      w.place('t1', 1, 'n1');
      w.run('t1');
      const previous = structuredClone(spec);
      previous.task.container.env = [previousEnv];
      const current = structuredClone(spec);
      current.task.container.env = ['V=2'];
      const updateStatus = { state: 'rollback_started' as const, startedAt: 0, completedAt: null, message: '' };
      w.sim.emit({
        type: 'service/updated', serviceId: 's1', spec: current, specVersion: 2, previousSpec: previous,
        previousSpecVersion: 3, updateStatus, endpointPorts: [],
      });
      const task = buildTask({ id: 't2', serviceId: 's1', spec: current, specVersion: 2, slot: 1, origin: 'updater' }, 0);
      w.sim.emit({ type: 'task/created', task });
      w.sim.emit({ type: 'task/stateChanged', taskId: 't2', state: 'pending', message: '', err: '', exitCode: null });
      w.sim.emit({ type: 'task/assigned', taskId: 't2', nodeId: 'n2', message: '' });
      w.run('t2');
      return w.violations.map((v) => v.invariant);
    };
    expect(rolledBackTo('V=2')).toEqual([]);
    expect(rolledBackTo('V=3')).toEqual(['slot-runs-twice']);
  });

  it('allows two copies of an older spec only while a newer run is in progress', () => {
    // A drain restarted both tasks of a start-first hand-over; then the spec changed. The new
    // run retires them when it reaches the slot; after it, they are a violation.
    const copies = (status: UpdateState | null) => {
      const spec = startFirstSpec();
      const w = world(spec);
      w.place('t1', 1, 'n1');
      w.place('t2', 1, 'n2');
      const updated = structuredClone(spec);
      updated.task.container.env = ['V=2'];
      const updateStatus = status && { state: status, startedAt: 0, completedAt: null, message: '' };
      w.sim.emit({
        type: 'service/updated', serviceId: 's1', spec: updated, specVersion: 2, previousSpec: spec,
        previousSpecVersion: 1, updateStatus, endpointPorts: [],
      });
      w.run('t1');
      w.run('t2');
      return w.violations.map((v) => v.invariant);
    };
    expect(copies('updating')).toEqual([]);
    expect(copies('completed')).toEqual(['slot-runs-twice']);
    expect(copies(null)).toEqual(['slot-runs-twice']);
  });
});

describe('a start-first run cut short leaves its slots with two tasks', () => {
  /**
   * t1 (spec 1) runs; a start-first update to spec 2 creates t2; the service is rolled back to
   * spec 1 with `status` before t2 runs (the update's run stopped, so t1 was never retired).
   */
  function abandoned(status: UpdateState, order: 'start-first' | 'stop-first' = 'start-first') {
    const spec = defaultServiceSpec('web', 'nginx', 1);
    spec.update = {
      parallelism: 1, delayMs: 0, failureAction: 'rollback', monitorMs: 0, maxFailureRatio: 0,
      order,
    };
    spec.rollback = { ...spec.update, failureAction: 'pause', order: 'stop-first' };
    const w = world(spec);
    w.place('t1', 1, 'n1');
    w.run('t1');
    const updated = structuredClone(spec);
    updated.task.container.env = ['V=2'];
    const updating = { state: 'updating' as const, startedAt: 0, completedAt: null, message: '' };
    w.sim.emit({
      type: 'service/updated', serviceId: 's1', spec: updated, specVersion: 7, previousSpec: spec,
      previousSpecVersion: 1, updateStatus: updating, endpointPorts: [],
    });
    const fields = { id: 't2', serviceId: 's1', spec: updated, specVersion: 7, slot: 1 };
    w.sim.emit({ type: 'task/created', task: buildTask({ ...fields, origin: 'updater' }, 0) });
    const pending = { state: 'pending' as const, message: '', err: '', exitCode: null };
    w.sim.emit({ type: 'task/stateChanged', taskId: 't2', ...pending });
    w.sim.emit({ type: 'task/assigned', taskId: 't2', nodeId: 'n2', message: '' });
    const updateStatus = { ...updating, state: status };
    w.sim.emit({
      type: 'service/updated', serviceId: 's1', spec, specVersion: 1, previousSpec: null,
      previousSpecVersion: null, updateStatus, endpointPorts: [],
    });
    return w;
  }

  it("allows an overtaken start-first run's task beside the old one, one spec deep", () => {
    // A stop-first update (spec 9) overtook the update to spec 7 before t2 ran.
    const overtake = (order: 'start-first' | 'stop-first') => {
      const w = abandoned('updating', order);
      const spec7 = structuredClone(w.sim.state.services['s1']!.spec);
      spec7.task.container.env = ['V=2'];
      const spec9 = structuredClone(spec7);
      spec9.update!.order = 'stop-first';
      const updateStatus = {
        state: 'updating' as const, startedAt: 0, completedAt: null, message: '',
      };
      w.sim.emit({
        type: 'service/updated', serviceId: 's1', spec: spec9, specVersion: 9, previousSpec: spec7,
        previousSpecVersion: 7, updateStatus, endpointPorts: [],
      });
      w.run('t2');
      return w.violations.map((v) => v.invariant);
    };
    expect(overtake('start-first')).toEqual([]);
    // Had spec 7 been stop-first too, t1 would have been shut down as t2 was created.
    expect(overtake('stop-first')).toEqual(['slot-runs-twice']);
  });

  it("allows the abandoned spec's task beside the old one until the rollback ends", () => {
    for (const status of ['rollback_started', 'rollback_paused'] as const) {
      const w = abandoned(status);
      w.run('t2');
      expect(w.violations).toEqual([]);
    }
  });

  it('flags the pair once the rollback is over, or two tasks of the restored spec', () => {
    const over = abandoned('rollback_completed');
    over.run('t2');
    expect(over.violations.map((v) => v.invariant)).toEqual(['slot-runs-twice']);
    // Stop-first service: a second task of spec 1 in the slot is no leftover of anything.
    const twice = abandoned('rollback_started', 'stop-first');
    twice.place('t3', 1, 'n2');
    twice.run('t3');
    expect(twice.violations.map((v) => v.invariant)).toEqual(['slot-runs-twice']);
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

describe('a rolling update working on the slot lists it took at its start', () => {
  /** Two current-spec tasks running in slot 1 (global: on n1), created by `origins`. */
  function twoOnNode(origins: [TaskOrigin, TaskOrigin], global = true) {
    const spec = defaultServiceSpec('g', 'nginx');
    if (global) spec.mode = { global: {} };
    const w = world(spec);
    origins.forEach((origin, index) => {
      const taskId = `g${index}`;
      const slot = global ? 0 : 1;
      const task = buildTask({ id: taskId, serviceId: 's1', spec, specVersion: 1, slot, nodeId: 'n1', origin }, 0);
      w.sim.emit({ type: 'task/created', task });
      w.sim.emit({ type: 'task/stateChanged', taskId, state: 'pending', message: '', err: '', exitCode: null });
      w.sim.emit({ type: 'task/assigned', taskId, nodeId: 'n1', message: '' });
      w.run(taskId);
    });
    return w.violations.map((v) => v.invariant);
  }

  it("allows the node reconcile's replacement beside the updater's", () => {
    expect(twoOnNode(['orchestrator', 'updater'])).toEqual([]);
  });

  it("allows the restart supervisor's replacement beside the updater's, stop-first too", () => {
    expect(twoOnNode(['restart', 'updater'], false)).toEqual([]);
    expect(twoOnNode(['restart', 'updater'])).toEqual([]);
  });

  it('flags two replacements from one source, or a replicated slot refilled twice', () => {
    expect(twoOnNode(['orchestrator', 'orchestrator'])).toEqual(['slot-runs-twice']);
    expect(twoOnNode(['updater', 'updater'])).toEqual(['slot-runs-twice']);
    expect(twoOnNode(['orchestrator', 'updater'], false)).toEqual(['slot-runs-twice']);
    expect(twoOnNode(['restart', 'orchestrator'], false)).toEqual(['slot-runs-twice']);
  });
});
