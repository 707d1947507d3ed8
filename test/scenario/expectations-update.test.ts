/**
 * The update sentences (UpdateStatus, spec and previous spec, a slot's `service ps` rows),
 * checked against a state folded from events by hand, so they are judged by what
 * `docker service inspect` and `docker service ps` would show, not by the updater.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoggedEvent, SimEvent } from '../../src/model/events.js';
import { buildNode, buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import { applyEvent } from '../../src/model/reduce.js';
import { emptyClusterState, type ClusterState } from '../../src/model/state.js';
import type { TaskState } from '../../src/model/task-state.js';
import type { ServiceSpec } from '../../src/model/types.js';
import { compileExpectation } from '../../src/scenario/expectations.js';

const PAUSED = 'update paused due to failure or early termination of task p9';
const TO_RUNNING: TaskState[] = ['pending', 'assigned', 'accepted', 'preparing', 'ready'];
TO_RUNNING.push('starting', 'running');

/** A spec of `name` running `image` with `ping HOST`. */
function pingSpec(name: string, image: string, host: string, replicas = 2): ServiceSpec {
  const spec = defaultServiceSpec(name, image, replicas);
  const container = { ...spec.task.container, args: ['ping', host] };
  return { ...spec, task: { ...spec.task, container } };
}

/**
 * pinger (2 replicas) was updated from alpine:3.18 pinging a.com to alpine:3.19 pinging b.com
 * and paused: slot 1 was replaced (old task shut down), slot 2 still runs the old image.
 * fresh was never updated. mon is global, one task on worker1.
 */
function buildState(): ClusterState {
  const state = emptyClusterState();
  let t = 0;
  const emit = (event: SimEvent) => applyEvent(state, { t: (t += 10), ...event } as LoggedEvent);
  const limits = { taskHistoryRetentionLimit: 5, heartbeatPeriodMs: 5000 };
  emit({ type: 'cluster/initialized', clusterId: 'c', ...limits });
  ['manager1', 'worker1'].forEach((hostname, index) => {
    const role = index === 0 ? 'manager' : 'worker';
    const addr = `10.0.0.${index}`;
    const node = buildNode({ id: `n${index}`, hostname, role, addr, leader: index === 0 }, t);
    emit({ type: 'node/joined', node });
  });
  const before = pingSpec('pinger', 'alpine:3.18', 'a.com');
  const after = pingSpec('pinger', 'alpine:3.19', 'b.com');
  const fresh = defaultServiceSpec('fresh', 'nginx:1.25@sha256:abc', 1);
  const mon: ServiceSpec = { ...defaultServiceSpec('mon', 'busybox:1'), mode: { global: {} } };
  for (const [id, spec] of [['s-p', before], ['s-f', fresh], ['s-m', mon]] as const) {
    const none = { previousSpec: null, previousSpecVersion: null, updateStatus: null };
    const service = { id, version: 0, createdAt: t, updatedAt: t, spec, specVersion: 1, ...none };
    emit({ type: 'service/created', service: { ...service, endpointPorts: [] } });
  }
  const move = (taskId: string, state: TaskState) =>
    emit({ type: 'task/stateChanged', taskId, state, message: state, err: '', exitCode: null });
  /** Creates a task of `spec` and runs it on `nodeId`. */
  const task = (id: string, serviceId: string, spec: ServiceSpec, slot: number, nodeId: string) => {
    const specVersion = spec === after ? 2 : 1;
    const options = { id, serviceId, spec, specVersion, slot, origin: 'orchestrator' as const };
    const created = buildTask({ ...options, nodeId: slot === 0 ? nodeId : '' }, t);
    emit({ type: 'task/created', task: created });
    for (const state of TO_RUNNING) {
      if (state !== 'assigned') move(id, state);
      else emit({ type: 'task/assigned', taskId: id, nodeId, message: 'assigned' });
    }
  };
  task('p1a', 's-p', before, 1, 'n0');
  task('p2a', 's-p', before, 2, 'n1');
  task('f1', 's-f', fresh, 1, 'n1');
  task('m1', 's-m', mon, 0, 'n1');
  const updating = { startedAt: t, completedAt: null, message: 'update in progress' };
  const updateStatus = { state: 'updating' as const, ...updating };
  const previous = { previousSpec: before, previousSpecVersion: 1, endpointPorts: [] };
  const update = { serviceId: 's-p', spec: after, specVersion: 2, updateStatus, ...previous };
  emit({ type: 'service/updated', ...update });
  emit({ type: 'task/desiredStateChanged', taskId: 'p1a', desiredState: 'shutdown' });
  move('p1a', 'shutdown');
  task('p1b', 's-p', after, 1, 'n1');
  const paused = { ...updateStatus, state: 'paused' as const, message: PAUSED };
  emit({ type: 'service/updateStatusChanged', serviceId: 's-p', updateStatus: paused });
  return state;
}

let state: ClusterState;
beforeAll(() => {
  state = buildState();
});

/** Expects `sentence` to evaluate to `passed`, with `actual` as what was seen. */
function expectCheck(sentence: string, passed: boolean, actual: string): void {
  const compiled = compileExpectation(sentence);
  if (!('check' in compiled)) throw new Error(`${compiled.problem}; ${compiled.hint}`);
  const result = compiled.check(state);
  expect(result.passed, `${sentence} -> ${result.actual}`).toBe(passed);
  expect(result.actual).toBe(actual);
}

function problemOf(sentence: string): string {
  const compiled = compileExpectation(sentence);
  return 'check' in compiled ? 'compiled' : `${compiled.problem}; ${compiled.hint}`;
}

describe('update status sentences', () => {
  it('reads UpdateStatus.State and Message as service inspect shows them', () => {
    const seen = `service pinger update is paused with message "${PAUSED}"`;
    expectCheck('service pinger update is paused', true, seen);
    expectCheck(`service pinger update is PAUSED with message "${PAUSED}"`, true, seen);
    expectCheck('service pinger update is completed', false, seen);
    expectCheck('service pinger update is paused with message "update completed"', false, seen);
    expectCheck('service fresh update is completed', false, 'service fresh has no update status');
  });

  it('says when a service has no update status', () => {
    expectCheck('service fresh has no update status', true, 'service fresh has no update status');
    const seen = `service pinger update is paused with message "${PAUSED}"`;
    expectCheck('service pinger has no update status', false, seen);
  });

  it('refuses a state inspect never shows', () => {
    expect(problemOf('service pinger update is rolling')).toMatch(
      /^unknown update state 'rolling'; valid: updating, paused/,
    );
  });
});

describe('spec sentences', () => {
  it('compares images as service ls shows them, or whole when a digest is given', () => {
    const seen = 'service pinger image is alpine:3.19';
    expectCheck('service pinger image is alpine:3.19', true, seen);
    expectCheck('service pinger image is alpine:3.18', false, seen);
    const pinned = 'service fresh image is nginx:1.25@sha256:abc';
    expectCheck('service fresh image is nginx:1.25@sha256:abc', true, pinned);
    expectCheck('service fresh image is nginx:1.25', true, 'service fresh image is nginx:1.25');
    expectCheck('service fresh image is nginx:1.25@sha256:def', false, pinned);
  });

  it('reads the previous spec kept by an update', () => {
    const seen = 'service pinger previous image is alpine:3.18';
    expectCheck('service pinger previous image is alpine:3.18', true, seen);
    expectCheck('service pinger previous image is alpine:3.19', false, seen);
    const none = 'service fresh has no previous spec';
    expectCheck('service fresh previous image is nginx:1.25', false, none);
    expectCheck('service fresh has no previous spec', true, none);
    expectCheck('service pinger has no previous spec', false, seen);
  });

  it('reads any field of service inspect as its JSON text', () => {
    const args = 'service pinger inspect .Spec.TaskTemplate.ContainerSpec.Args is';
    expectCheck(`${args} [ "ping", "b.com" ]`, true, `${args} ["ping","b.com"]`);
    const previous = 'service pinger inspect .PreviousSpec.TaskTemplate.ContainerSpec.Args is';
    expectCheck(`${previous} ["ping","b.com"]`, false, `${previous} ["ping","a.com"]`);
    // Spec has swarmkit's defaults inserted, as inspect shows them.
    const order = 'service pinger inspect .Spec.UpdateConfig.Order is "stop-first"';
    expectCheck(order, true, order);
    const message = 'service pinger inspect .UpdateStatus.Message is';
    expectCheck(`${message} "update completed"`, false, `${message} "${PAUSED}"`);
    const none = 'service fresh inspect .PreviousSpec is null';
    expectCheck(none, true, none);
  });

  it('reports a field docker cannot evaluate with its template error', () => {
    const sentence = 'service fresh inspect .PreviousSpec.UpdateConfig is';
    const error =
      'template: :1:7: executing "" at <.PreviousSpec.UpdateConfig>: ' +
      'nil pointer evaluating *swarm.ServiceSpec.UpdateConfig';
    expectCheck(`${sentence} null`, false, `${sentence} ${error}`);
  });

  it('refuses a path that is not a field path, and a value that is not JSON', () => {
    const path = problemOf('service pinger inspect Spec.Mode is {}');
    expect(path).toMatch(/^bad field path 'Spec.Mode'/);
    expect(problemOf('service pinger inspect .Spec.UpdateConfig.Order is start-first')).toMatch(
      /^bad JSON value 'start-first'; write the value as JSON/,
    );
  });
});

describe('slot rows sentences', () => {
  it('lists a slot as service ps does: newest first, state word and IMAGE column', () => {
    const seen = 'slot pinger.1 shows Running alpine:3.19, Shutdown alpine:3.18';
    expectCheck('slot pinger.1 shows Running alpine:3.19, Shutdown alpine:3.18', true, seen);
    expectCheck('slot pinger.1 shows running alpine:3.19,shutdown alpine:3.18', true, seen);
    expectCheck('slot pinger.1 shows Shutdown alpine:3.18, Running alpine:3.19', false, seen);
    const old = 'slot pinger.2 shows Running alpine:3.18';
    expectCheck('slot pinger.2 shows Running alpine:3.19', false, old);
  });

  it('drops the digest as the IMAGE column does, and names global slots by hostname', () => {
    const fresh = 'slot fresh.1 shows Running nginx:1.25';
    expectCheck(fresh, true, fresh);
    expectCheck('slot fresh.1 shows Running nginx:1.25@sha256:abc', false, fresh);
    const mon = 'slot mon.worker1 shows Running busybox:1';
    expectCheck(mon, true, mon);
    expectCheck('slot mon.manager1 shows nothing', true, 'slot mon.manager1 shows nothing');
    expectCheck('slot pinger.3 shows Running alpine:3.19', false, 'slot pinger.3 shows nothing');
  });

  it('checks every slot at once, naming the first that differs', () => {
    // pinger: slot 1 updated to 3.19, slot 2 still on 3.18 (paused update).
    const first = 'slot pinger.1 shows Running alpine:3.19, Shutdown alpine:3.18';
    expectCheck('every slot of pinger shows Running alpine:3.18', false, first);
    const second = 'slot pinger.2 shows Running alpine:3.18';
    expectCheck(`every slot of pinger shows ${first.slice(first.indexOf('Running'))}`, false, second);
    const fresh = 'every slot of fresh (1) shows Running nginx:1.25';
    expectCheck('every slot of fresh shows Running nginx:1.25', true, fresh);
    const mon = 'every slot of mon (1) shows Running busybox:1';
    expectCheck('every slot of mon shows Running busybox:1', true, mon);
    expect(problemOf('every slot of pinger shows Running')).toMatch(/^bad row 'Running'/);
  });

  it('refuses rows without a state word and an image', () => {
    expect(problemOf('slot pinger.1 shows Running')).toMatch(/^bad row 'Running'; write each row/);
    const word = problemOf('slot pinger.1 shows Walking alpine');
    expect(word).toMatch(/^unknown task state 'Walking'/);
  });
});
