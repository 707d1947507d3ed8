/** REPLICAS as `docker service ls` shows it, shared by the CLI view, scenarios and checks. */
import { describe, expect, it } from 'vitest';
import type { LoggedEvent, SimEvent } from '../../src/model/events.js';
import { buildNode, buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import { formatReplicas, replicaCount } from '../../src/model/queries.js';
import { applyEvent } from '../../src/model/reduce.js';
import { emptyClusterState, type ClusterState } from '../../src/model/state.js';
import type { TaskState } from '../../src/model/task-state.js';
import type { Service, ServiceSpec } from '../../src/model/types.js';

function serviceOf(id: string, spec: ServiceSpec): Service {
  return {
    id,
    version: 0,
    createdAt: 0,
    updatedAt: 0,
    spec,
    specVersion: 1,
    previousSpec: null,
    previousSpecVersion: null,
    updateStatus: null,
    endpointPorts: [],
  };
}

const TO_RUNNING = ['pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running'];

/** A state holding `service` with one task per entry: running or not, and desired state. */
function stateWith(
  service: Service,
  tasks: Array<[boolean, 'running' | 'shutdown']>,
): ClusterState {
  const state = emptyClusterState();
  let t = 0;
  const emit = (event: SimEvent) => applyEvent(state, { t: (t += 1), ...event } as LoggedEvent);
  const node = buildNode({ id: 'n1', hostname: 'w1', role: 'worker', addr: '10.0.0.1' }, t);
  emit({ type: 'node/joined', node });
  emit({ type: 'service/created', service });
  tasks.forEach(([running, desiredState], index) => {
    const taskId = `t${index}`;
    const options = { id: taskId, serviceId: service.id, spec: service.spec, specVersion: 1 };
    const task = buildTask({ ...options, slot: index + 1, origin: 'orchestrator' }, t);
    emit({ type: 'task/created', task });
    for (const state of running ? (TO_RUNNING as TaskState[]) : []) {
      const message = '';
      if (state === 'assigned') emit({ type: 'task/assigned', taskId, nodeId: 'n1', message });
      else emit({ type: 'task/stateChanged', taskId, state, message, err: '', exitCode: null });
    }
    if (desiredState === 'running') return;
    emit({ type: 'task/desiredStateChanged', taskId, desiredState });
  });
  return state;
}

describe('replicaCount', () => {
  it('counts every running task, even one told to stop, against the replica count', () => {
    // A start-first update: the old task still runs next to its replacement.
    const web = serviceOf('s1', defaultServiceSpec('web', 'nginx', 1));
    const state = stateWith(web, [[true, 'shutdown'], [true, 'running'], [false, 'running']]);
    expect(replicaCount(state, web)).toEqual({ running: 2, desired: 1 });
  });

  it('takes desired of a global service from the tasks whose desired state is Running', () => {
    const spec: ServiceSpec = { ...defaultServiceSpec('mon', 'nginx'), mode: { global: {} } };
    const mon = serviceOf('s2', spec);
    const state = stateWith(mon, [[true, 'running'], [false, 'running'], [true, 'shutdown']]);
    expect(replicaCount(state, mon)).toEqual({ running: 2, desired: 2 });
  });
});

describe('formatReplicas', () => {
  const withMax = (spec: ServiceSpec): ServiceSpec => ({
    ...spec,
    task: { ...spec.task, placement: { ...spec.task.placement, maxReplicas: 2 } },
  });

  it('appends the per-node limit of a replicated service', () => {
    const web = serviceOf('s1', withMax(defaultServiceSpec('web', 'nginx', 3)));
    expect(formatReplicas(web, { running: 1, desired: 3 })).toBe('1/3 (max 2 per node)');
    const plain = serviceOf('s1', defaultServiceSpec('web', 'nginx', 3));
    expect(formatReplicas(plain, { running: 3, desired: 3 })).toBe('3/3');
  });

  it('leaves the limit out for a global service, as docker does', () => {
    const global = { ...defaultServiceSpec('mon', 'nginx'), mode: { global: {} } };
    const mon = serviceOf('s2', withMax(global));
    expect(formatReplicas(mon, { running: 2, desired: 2 })).toBe('2/2');
  });
});
