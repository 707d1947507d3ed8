/**
 * Events of tasks (`task/*`): creation, observed and desired state moves, placement, network
 * addresses, logs and removal.
 */
import type { TaskState } from '../task-state.js';
import type {
  GenericResource,
  Task,
  TaskNetworkAttachment,
  VolumeAttachment,
} from '../types.js';

export interface TaskCreated {
  type: 'task/created';
  task: Task;
}

/** An observed-state move reported by the allocator, scheduler or an agent. */
export interface TaskStateChanged {
  type: 'task/stateChanged';
  taskId: string;
  state: TaskState;
  message: string;
  err: string;
  exitCode: number | null;
  /**
   * When the agent reported it (Status.Timestamp), ms, if earlier than this write: the dispatcher
   * writes agent statuses in batches (src/agent/reporter.ts). Absent: reported now.
   */
  reportedAt?: number;
}

/** The scheduler placed the task: state `assigned` on `nodeId`. */
export interface TaskAssigned {
  type: 'task/assigned';
  taskId: string;
  nodeId: string;
  message: string;
  /** Generic resources assigned to the task on `nodeId`; absent when it reserves none. */
  genericResources?: GenericResource[];
  /** The cluster volumes chosen for its `type=cluster` mounts; absent when it has none. */
  volumes?: VolumeAttachment[];
}

/** The scheduler could not place a pending task; it stays pending with this error. */
export interface TaskUnschedulable {
  type: 'task/unschedulable';
  taskId: string;
  err: string;
}

/**
 * The agent re-reported a task's status without a state change: only Status.Timestamp and the
 * container exit code move. swarmkit does this when a desired-state change cancels a running
 * task's wait (the exit code is then -1), so `service ps` shows a fresh "Running" age.
 */
export interface TaskStatusRefreshed {
  type: 'task/statusRefreshed';
  taskId: string;
  exitCode: number | null;
  /** When the agent re-reported it, ms, if earlier than this write (as TaskStateChanged's). */
  reportedAt?: number;
}

export interface TaskDesiredStateChanged {
  type: 'task/desiredStateChanged';
  taskId: string;
  desiredState: TaskState;
}

/** The task left the store (reaper, scale-down, service removal). */
export interface TaskRemoved {
  type: 'task/removed';
  taskId: string;
}

/** A line the task's container wrote; `service logs` shows these. */
export interface TaskLogged {
  type: 'task/logged';
  taskId: string;
  stream: 'stdout' | 'stderr';
  line: string;
}

/**
 * The allocator gave a NEW task its addresses on every network it attaches to (just before it
 * moves the task to PENDING). The addresses are freed when the task stops or is removed.
 */
export interface TaskNetworksAllocated {
  type: 'task/networksAllocated';
  taskId: string;
  networks: TaskNetworkAttachment[];
}
