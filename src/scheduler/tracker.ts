/**
 * The scheduler's view of the event stream (swarmkit's `createTask`/`updateTask`/`deleteTask`
 * and node watches): which events call for a new scheduling pass, and the failure history that
 * ranks nodes. It remembers, for every task it tracks (observed PENDING..RUNNING), what it needs
 * once the task is gone from the state: its service version, its node and whether it was
 * pre-assigned.
 */
import type { LoggedEvent } from '../model/events.js';
import type { ClusterState } from '../model/state.js';
import { TASK_STATE_NUMBER, type TaskState } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import { RecentFailures } from './failures.js';
import { NodeInfoCache } from './node-info.js';

interface TrackedTask {
  serviceId: string;
  specVersion: number;
  nodeId: string;
  /** Created with its node set (global): its failures say nothing about the node choice. */
  preassigned: boolean;
  state: TaskState;
}

function isTrackedState(state: TaskState): boolean {
  const value = TASK_STATE_NUMBER[state];
  return value >= TASK_STATE_NUMBER.pending && value <= TASK_STATE_NUMBER.running;
}

/** Whether a task observed in `state` holds its node's reservation (ASSIGNED..RUNNING). */
function holdsState(state: TaskState): boolean {
  const value = TASK_STATE_NUMBER[state];
  return value >= TASK_STATE_NUMBER.assigned && value <= TASK_STATE_NUMBER.running;
}

/** Whether the tracked task holds a reservation on a node (assigned and past PENDING). */
function holdsReservation(tracked: TrackedTask): boolean {
  return tracked.nodeId !== '' && tracked.state !== 'pending';
}

/** Tracked tasks and recent failures, fed one event at a time. */
export class TaskTracker {
  /** Failures of non-pre-assigned tasks, per node and service version. */
  readonly failures = new RecentFailures();
  /** Per-node accounting kept between passes; events mark the nodes they change. */
  readonly nodeInfos = new NodeInfoCache();
  /** Looked up by task id only; never iterated to make a decision. */
  private readonly tracked = new Map<string, TrackedTask>();
  /** Ids of the tasks observed PENDING (looked up and filtered, never trusted for order). */
  private readonly pending = new Set<string>();
  /** Creation sequence of every task in the state. */
  private readonly creationSeq = new Map<string, number>();
  private nextSeq = 0;

  /**
   * The pending tasks, in service creation order then task creation order: the order a pass
   * considers them (it decides which pre-assigned task gets a contended node).
   */
  pendingTasks(state: ClusterState): Task[] {
    const serviceOrder = new Map(state.serviceIds.map((id, index) => [id, index]));
    // Each task's sort keys are looked up once, not in every comparison (100k tasks at scale).
    const keyed: { task: Task; service: number; seq: number }[] = [];
    for (const taskId of this.pending) {
      const task = state.tasks[taskId];
      if (task?.status.state !== 'pending') continue;
      const service = serviceOrder.get(task.serviceId);
      if (service === undefined) continue;
      keyed.push({ task, service, seq: this.creationSeq.get(task.id)! });
    }
    keyed.sort((a, b) => a.service - b.service || a.seq - b.seq);
    return keyed.map((entry) => entry.task);
  }

  /** Starts tracking the tasks already in the state (a scheduler started mid-run). */
  adopt(state: ClusterState): boolean {
    let anyPending = false;
    for (const serviceId of state.serviceIds) {
      for (const taskId of state.tasksByService[serviceId] ?? []) {
        const task = state.tasks[taskId]!;
        this.creationSeq.set(task.id, this.nextSeq++);
        if (task.status.state === 'pending') this.pending.add(task.id);
        if (!isTrackedState(task.status.state)) continue;
        this.track(task, task.status.state);
        anyPending ||= task.status.state === 'pending';
      }
    }
    return anyPending;
  }

  /** Updates the memory with `event`; true when it calls for a scheduling pass. */
  observe(state: ClusterState, event: LoggedEvent): boolean {
    // Any change to a node may change what the scheduler knows of it.
    if (event.type.startsWith('node/') && 'nodeId' in event) this.nodeInfos.nodeChanged(event.nodeId);
    switch (event.type) {
      case 'node/joined':
        this.nodeInfos.membershipChange();
        return true;
      case 'node/removed':
        this.nodeInfos.membershipChange();
        return false;
      case 'node/availabilityChanged':
      case 'node/statusChanged':
      case 'node/labelsChanged':
      case 'node/roleChanged':
        return true;
      case 'clusterVolume/provisioned':
      case 'clusterVolume/updated':
        // A volume the plugin created, or whose availability changed, may place a task.
        return true;
      case 'task/created':
        this.creationSeq.set(event.task.id, this.nextSeq++);
        if (event.task.status.state === 'pending') this.pending.add(event.task.id);
        if (!isTrackedState(event.task.status.state)) return false;
        this.track(event.task, event.task.status.state);
        return event.task.status.state === 'pending';
      case 'task/stateChanged':
        return this.stateChanged(state, event.taskId, event.state, event.t);
      case 'task/assigned': {
        this.pending.delete(event.taskId);
        this.nodeInfos.taskAssigned(event.taskId, event.nodeId);
        const tracked = this.tracked.get(event.taskId);
        if (tracked) {
          tracked.nodeId = event.nodeId;
          tracked.state = 'assigned';
        }
        return false;
      }
      case 'task/desiredStateChanged': {
        // Whether the task counts as active on its node depends on its desired state.
        const nodeId = state.tasks[event.taskId]?.nodeId;
        if (nodeId) this.nodeInfos.nodeChanged(nodeId);
        // A pending task that is now desired shut down may have to be moved to SHUTDOWN.
        return this.tracked.get(event.taskId)?.state === 'pending';
      }
      case 'task/removed': {
        this.pending.delete(event.taskId);
        this.creationSeq.delete(event.taskId);
        const nodeId = this.tracked.get(event.taskId)?.nodeId;
        if (nodeId) this.nodeInfos.nodeChanged(nodeId);
        return this.untrack(event.taskId);
      }
      default:
        return false;
    }
  }

  private stateChanged(state: ClusterState, taskId: string, next: TaskState, at: number): boolean {
    const nodeId = state.tasks[taskId]?.nodeId;
    if (nodeId && !this.keepsReservation(taskId, next)) this.nodeInfos.nodeChanged(nodeId);
    if (next === 'pending') this.pending.add(taskId);
    else this.pending.delete(taskId);
    if (next === 'pending') {
      const task = state.tasks[taskId];
      if (task) this.track(task, next);
      return task !== undefined;
    }
    const tracked = this.tracked.get(taskId);
    if (!tracked) return false;
    if (isTrackedState(next)) {
      tracked.state = next;
      return false;
    }
    if ((next === 'failed' || next === 'rejected') && !tracked.preassigned && tracked.nodeId) {
      this.failures.record(tracked.nodeId, tracked.serviceId, tracked.specVersion, at);
    }
    return this.untrack(taskId);
  }

  /**
   * Whether the move to `next` leaves the task holding its reservation as before (both states
   * within ASSIGNED..RUNNING): nothing a node info counts changes, so its node need not be
   * rebuilt. Most moves are these (a task climbs five states to RUNNING), so the saving matters.
   */
  private keepsReservation(taskId: string, next: TaskState): boolean {
    const tracked = this.tracked.get(taskId);
    return tracked !== undefined && holdsReservation(tracked) && holdsState(next);
  }

  private track(task: Task, state: TaskState): void {
    const known = this.tracked.get(task.id);
    this.tracked.set(task.id, {
      serviceId: task.serviceId,
      specVersion: task.specVersion,
      nodeId: task.nodeId,
      // Only a scheduler assignment moves a task from PENDING, so a pending task with a node
      // was created with it; past PENDING, only global tasks (slot 0) were.
      preassigned:
        known?.preassigned ?? (task.nodeId !== '' && (state === 'pending' || task.slot === 0)),
      state,
    });
  }

  /** Stops tracking; true when that frees a reservation (worth a new pass). */
  private untrack(taskId: string): boolean {
    const tracked = this.tracked.get(taskId);
    if (!tracked) return false;
    this.tracked.delete(taskId);
    return holdsReservation(tracked);
  }
}
