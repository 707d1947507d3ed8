/**
 * The fold for routed requests (src/network/mesh.ts). Only a request the routing mesh balanced
 * changes the state: the receiving node's IPVS pointer for the service moves to the backend it
 * picked, so the next request to that node goes to the backend after it. A replay of the log
 * therefore balances exactly as the run did, with no memory outside the events.
 *
 * It also notes when a host fault killed a node's containers: the store keeps such tasks
 * RUNNING until the agent reports them, but they answer nothing meanwhile.
 */
import type { LoggedEvent } from './events.js';
import type { ClusterState } from './state.js';
import type { SimTime, Task } from './types.js';
import { ModelViolation } from './violation.js';

type TrafficEvent = Extract<LoggedEvent, { type: 'network/requestRouted' }>;
type FaultEvent = Extract<LoggedEvent, { type: 'fault/injected' }>;

/** Applies a routed request to `state` in place. */
export function applyTrafficEvent(state: ClusterState, event: TrafficEvent): void {
  if (event.via !== 'ingress' || event.backendTaskId === undefined) return;
  if (event.hostNodeId === undefined || event.serviceId === undefined) {
    throw new ModelViolation('a request through the mesh names no node or service', event);
  }
  const task = state.tasks[event.backendTaskId];
  if (!task) throw new ModelViolation(`unknown task ${event.backendTaskId}`, event);
  const since = runningSince(task);
  if (since === null) throw new ModelViolation(`task ${task.id} never ran`, event);
  const tables = (state.ipvs ??= {});
  (tables[event.hostNodeId] ??= {})[event.serviceId] = { taskId: task.id, runningAt: since };
}

/** When the task last became RUNNING (its place in IPVS's backend order); null if never. */
export function runningSince(task: Task): SimTime | null {
  for (let i = task.transitions.length - 1; i >= 0; i -= 1) {
    const transition = task.transitions[i]!;
    if (transition.state === 'running') return transition.at;
  }
  return null;
}

/** Records when a crash or an engine restart killed the containers of its node. */
export function noteContainerLoss(state: ClusterState, event: FaultEvent): void {
  const { fault } = event;
  if (fault.kind !== 'nodeCrash' && fault.kind !== 'nodeRestart') return;
  (state.containersLostAt ??= {})[fault.nodeId] = event.t;
}

/** True while the task's container lives: RUNNING, and its host has not lost it since. */
export function containerAlive(state: ClusterState, task: Task): boolean {
  if (task.status.state !== 'running') return false;
  const lostAt = state.containersLostAt?.[task.nodeId];
  return lostAt === undefined || lostAt < runningSince(task)!;
}
