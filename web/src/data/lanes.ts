/**
 * What the node lanes show at one instant: one lane per node in join order with its tasks, and
 * one lane for tasks the scheduler has not placed, each with the scheduler's reason.
 */
import type { ClusterState } from '../../../src/model/state.js';
import { isTerminal, type TaskState } from '../../../src/model/task-state.js';
import type { Task } from '../../../src/model/types.js';
import { isHostDown } from '../../../src/model/world.js';
import {
  managerStatusWord,
  nodeAvailabilityWord,
  nodeStatusWord,
} from '../../../src/scenario/queries.js';

/** How a task box is coloured: a few groups of the fourteen states. */
export type StateGroup = 'pending' | 'starting' | 'running' | 'complete' | 'shutdown' | 'failed';

/** One task box. */
export interface TaskBox {
  taskId: string;
  /** `web.3`; a global task is labelled with its service alone, its lane names the node. */
  label: string;
  service: string;
  state: TaskState;
  desiredState: TaskState;
  group: StateGroup;
  /** Ended (terminal observed state): drawn faded, after the live ones. */
  ended: boolean;
  err: string;
}

/** One node's lane. */
export interface NodeLane {
  nodeId: string;
  hostname: string;
  role: 'manager' | 'worker';
  leader: boolean;
  /** `Leader`, `Reachable`, `Unreachable` or `` as `node ls` MANAGER STATUS. */
  managerStatus: string;
  /** `Active`, `Pause`, `Drain`. */
  availability: string;
  /** `Ready`, `Down`, `Unknown`, `Disconnected` as `node ls` STATUS. */
  status: string;
  /** The host is crashed, restarting or gone, whatever the manager believes yet. */
  hostDown: boolean;
  tasks: TaskBox[];
}

/** The lanes at one instant. */
export interface Lanes {
  nodes: NodeLane[];
  /** Unassigned tasks that are still wanted, with `no suitable node (...)` when known. */
  pending: TaskBox[];
}

/** The colour group of a task state. */
export function stateGroup(state: TaskState): StateGroup {
  if (state === 'running') return 'running';
  if (state === 'complete') return 'complete';
  if (state === 'failed' || state === 'rejected' || state === 'orphaned') return 'failed';
  if (isTerminal(state)) return 'shutdown';
  if (state === 'new' || state === 'pending' || state === 'assigned') return 'pending';
  return 'starting';
}

/** The lanes of `state`. */
export function lanesOf(state: ClusterState): Lanes {
  const nodes = state.nodeIds.map((nodeId): NodeLane => {
    const node = state.nodes[nodeId]!;
    const tasks = (state.tasksByNode[nodeId] ?? []).map((id) => boxOf(state, state.tasks[id]!));
    return {
      nodeId,
      hostname: node.description.hostname,
      role: node.role,
      leader: node.managerStatus?.leader === true,
      managerStatus: managerStatusWord(node),
      availability: nodeAvailabilityWord(node),
      status: nodeStatusWord(node),
      hostDown: isHostDown(state.world, nodeId),
      // Live tasks first, then the history the reaper keeps; each part in assignment order.
      tasks: [...tasks.filter((box) => !box.ended), ...tasks.filter((box) => box.ended)],
    };
  });
  const pending = state.serviceIds.flatMap((serviceId) =>
    (state.tasksByService[serviceId] ?? [])
      .map((id) => state.tasks[id]!)
      .filter((task) => !task.nodeId && !isTerminal(task.status.state))
      .map((task) => boxOf(state, task)),
  );
  return { nodes, pending };
}

function boxOf(state: ClusterState, task: Task): TaskBox {
  const service = state.services[task.serviceId]?.spec.name ?? task.serviceId;
  return {
    taskId: task.id,
    label: task.slot > 0 ? `${service}.${task.slot}` : service,
    service,
    state: task.status.state,
    desiredState: task.desiredState,
    group: stateGroup(task.status.state),
    ended: isTerminal(task.status.state),
    err: task.status.err,
  };
}
