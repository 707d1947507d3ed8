/**
 * The expectation sentences, checked against a cluster state built by folding events by hand,
 * so they are judged by what docker would show, independently of the simulator's components.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoggedEvent, SimEvent } from '../../src/model/events.js';
import { buildNode, buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import { applyEvent } from '../../src/model/reduce.js';
import { emptyClusterState, type ClusterState } from '../../src/model/state.js';
import type { TaskState } from '../../src/model/task-state.js';
import type { ServiceSpec } from '../../src/model/types.js';
import { compileExpectation, SENTENCES } from '../../src/scenario/expectations.js';

/**
 * web (replicated, 3): slot 1 runs on worker1 after an earlier failure there, slot 2 runs on
 * worker2, slot 3 is pending for lack of resources, slot 4 was scaled away but still runs.
 * mon (global): running on worker1 and on worker2, which was drained (desired shutdown).
 */
function buildState(): ClusterState {
  const state = emptyClusterState();
  let t = 0;
  const emit = (event: SimEvent) => applyEvent(state, { t: (t += 10), ...event } as LoggedEvent);
  emit({
    type: 'cluster/initialized',
    clusterId: 'c',
    taskHistoryRetentionLimit: 5,
    heartbeatPeriodMs: 5000,
  });
  ['manager1', 'worker1', 'worker2'].forEach((hostname, index) => {
    const role = index === 0 ? 'manager' : 'worker';
    const addr = `10.0.0.${index}`;
    const node = buildNode({ id: `n${index}`, hostname, role, addr, leader: index === 0 }, t);
    emit({ type: 'node/joined', node });
  });
  emit({ type: 'node/availabilityChanged', nodeId: 'n2', availability: 'drain' });
  const web = defaultServiceSpec('web', 'nginx', 3);
  const mon: ServiceSpec = { ...defaultServiceSpec('mon', 'nginx'), mode: { global: {} } };
  for (const [id, spec] of [['s-web', web], ['s-mon', mon]] as const) {
    const service = {
      id,
      version: 0,
      createdAt: t,
      updatedAt: t,
      spec,
      specVersion: 1,
      previousSpec: null,
      previousSpecVersion: null,
      updateStatus: null,
      endpointPorts: [],
    };
    emit({ type: 'service/created', service });
  }
  /** Creates a task and walks it through `states`; `err` is its failure or pending reason. */
  const task = (id: string, slot: number, nodeId: string, states: TaskState[], err = '') => {
    const serviceId = slot === 0 ? 's-mon' : 's-web';
    const spec = slot === 0 ? mon : web;
    const options = { id, serviceId, spec, specVersion: 1, slot, origin: 'orchestrator' as const };
    const created = buildTask({ ...options, nodeId: slot === 0 ? nodeId : '' }, t);
    emit({ type: 'task/created', task: created });
    for (const state of states) {
      if (state === 'assigned') {
        emit({ type: 'task/assigned', taskId: id, nodeId, message: 'assigned' });
        continue;
      }
      const failure = state === 'failed' ? err : '';
      const change = { taskId: id, state, message: state, err: failure, exitCode: null };
      emit({ type: 'task/stateChanged', ...change });
    }
    if (err && states.at(-1) === 'pending') emit({ type: 'task/unschedulable', taskId: id, err });
  };
  const toRunning: TaskState[] = [
    'pending',
    'assigned',
    'accepted',
    'preparing',
    'ready',
    'starting',
    'running',
  ];
  task('t1a', 1, 'n1', [...toRunning, 'failed'], 'task: non-zero exit (1)');
  emit({ type: 'task/desiredStateChanged', taskId: 't1a', desiredState: 'shutdown' });
  task('t1b', 1, 'n1', toRunning);
  task('t2', 2, 'n2', toRunning);
  task('t3', 3, '', ['pending'], 'no suitable node (insufficient resources on 3 nodes)');
  task('t4', 4, 'n0', toRunning);
  emit({ type: 'task/desiredStateChanged', taskId: 't4', desiredState: 'remove' });
  task('g1', 0, 'n1', toRunning);
  task('g2', 0, 'n2', toRunning);
  emit({ type: 'task/desiredStateChanged', taskId: 'g2', desiredState: 'shutdown' });
  return state;
}

let state: ClusterState;
beforeAll(() => {
  state = buildState();
});

/** Expects `sentence` to evaluate to `passed`, with `actual` as what was seen when given. */
function expectCheck(sentence: string, passed: boolean, actual?: string): void {
  const result = check(sentence);
  expect(result.passed, `${sentence} -> ${result.actual}`).toBe(passed);
  if (actual !== undefined) expect(result.actual).toBe(actual);
}

function check(sentence: string): { passed: boolean; actual: string } {
  const compiled = compileExpectation(sentence);
  if (!('check' in compiled)) throw new Error(`${compiled.problem}; ${compiled.hint}`);
  return compiled.check(state);
}

describe('service sentences', () => {
  it('counts REPLICAS as service ls does: running tasks whatever their desired state', () => {
    // Slot 3 is pending, but the scaled-away slot 4 is still running, so docker shows 3/3.
    expectCheck('service web has 3/3 running', true, 'service web has 3/3 running');
    expectCheck('service web has 2/3 running', false);
  });

  it('counts a global service as desired = tasks whose desired state is Running', () => {
    expectCheck('service mon has 2/1 running', true, 'service mon has 2/1 running');
  });

  it('places by the tasks the swarm still wants: not ended, not being shut down', () => {
    expectCheck('service web has 1 task on worker1', true);
    expectCheck('service web has 0 tasks on manager1', true);
    const both = 'service web runs on worker1, worker2';
    expectCheck('service web runs on worker2, worker1', true, both);
    expectCheck('service web runs on worker1', false, both);
    expect(check('service web has 1 task on worker9').actual).toBe(
      'service web has 0 tasks on worker9 (there is no node worker9)',
    );
  });

  it('counts tasks by observed state, history included', () => {
    expectCheck('service web has 1 Pending task', true);
    expectCheck('service web has 5 tasks', true);
    const running = 'service web has 3 Running tasks';
    expectCheck('service web has at least 3 Running tasks', true, running);
    expectCheck('service web has at most 0 Failed tasks', false, 'service web has 1 Failed task');
  });

  it('tells whether a service exists', () => {
    expectCheck('service web exists', true);
    expectCheck('service gone does not exist', true);
    expectCheck('service web does not exist', false, 'service web exists');
    expectCheck('service gone has 1/1 running', false, 'service gone does not exist');
  });
});

describe('task and slot sentences', () => {
  it("judges a slot's newest task, with its node and exact error", () => {
    expectCheck('task web.1 is Running on worker1', true);
    expectCheck('task web.1 is running', true);
    expectCheck('task web.1 is Running on worker2', false, 'task web.1 is Running on worker1');
    const pending =
      'task web.3 is Pending with error "no suitable node (insufficient resources on 3 nodes)"';
    expectCheck(pending, true, pending);
    expectCheck('task web.3 is Pending with error "no suitable node"', false);
    expectCheck('task web.9 is Running', false, 'task web.9 does not exist');
  });

  it('names global tasks by hostname', () => {
    expectCheck('task mon.worker1 is Running on worker1', true);
    expectCheck('slot mon.worker2 has 1 task', true);
  });

  it('counts a slot history, optionally by state and bound', () => {
    expectCheck('slot web.1 has 2 tasks', true, 'slot web.1 has 2 tasks');
    expectCheck('slot web.1 has 1 Failed task', true);
    expectCheck('slot web.1 has at most 1 tasks', false);
    expectCheck('slot web.1 has at least 2 tasks', true);
    expectCheck('slot web.7 has 0 tasks', true);
  });
});

describe('node sentences', () => {
  it('accept any of the words node ls shows for the node', () => {
    expectCheck('node worker2 is Drain', true);
    expectCheck('node worker2 is Ready', true);
    expectCheck('node manager1 is Leader', true);
    expectCheck('node worker1 is Drain', false, 'node worker1 is Ready, Active');
    expectCheck('node ghost is Ready', false, 'there is no node ghost');
  });

  it('accepts any of the managers a leader sentence names, and only those', () => {
    expectCheck('the leader is manager1', true);
    expectCheck('the leader is worker1 or manager1', true);
    expectCheck('the leader is worker1 or worker2', false, 'the leader is manager1');
  });
});

describe('the sentence table', () => {
  it('offers, for an unknown sentence, the forms with the same first word', () => {
    const compiled = compileExpectation('slot web.1 is full');
    expect(compiled).toEqual({
      problem: "unknown expectation 'slot web.1 is full'",
      hint:
        'valid sentences: slot NAME.SLOT has [at least|at most] COUNT [STATE] tasks | ' +
        'slot NAME.SLOT shows STATE IMAGE[, STATE IMAGE...]|nothing',
    });
  });

  it('reaches every form: no earlier pattern shadows a later one', () => {
    const examples = [
      'service web has 3/3 running',
      'service web has 2 tasks on worker1',
      'service web runs on worker1, worker2',
      'service web has at least 2 Running tasks',
      'service web does not exist',
      'service web exists',
      'task web.1 is Running on worker1 with error ""',
      'slot web.1 has 4 Failed tasks',
      'node worker1 is Drain',
      'the leader is manager2 or manager3',
      'the swarm has settled',
      // expectations-update.ts
      'service web update is paused with message "update paused"',
      'service web has no update status',
      'service web previous image is nginx:1.25',
      'service web has no previous spec',
      'service web inspect .Spec.Mode is {}',
      'slot web.1 shows Running nginx, Shutdown nginx',
      'every slot of web shows Running nginx',
      // expectations-traffic.ts
      'a request to worker1:3000 is answered by web.1',
    ];
    const first = (text: string) => SENTENCES.findIndex((entry) => entry.pattern.test(text));
    const matched = examples.map(first);
    expect(matched).toEqual(SENTENCES.map((_, index) => index));
  });
});
