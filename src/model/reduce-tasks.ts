/**
 * The fold for task events (`task/*`, but for `task/networksAllocated`, which reduce-networks.ts
 * books): creation, forward-only moves of the observed and desired states, placement, status
 * refreshes, logs and removal, with the service, node and slot indexes kept in step.
 */
import type { LoggedEvent } from './events.js';
import { releaseTaskAddresses, taskStopped } from './reduce-networks.js';
import { keepTaskVolumes } from './reduce-volumes.js';
import { slotKey, type ClusterState } from './state.js';
import { compareTaskStates, type TaskState } from './task-state.js';
import type { Task } from './types.js';
import { ModelViolation } from './violation.js';

type TaskEvent = Exclude<
  Extract<LoggedEvent, { type: `task/${string}` }>,
  { type: 'task/networksAllocated' }
>;
type TaskAssignedEvent = Extract<TaskEvent, { type: 'task/assigned' }>;

/** Applies a task event to `state` in place (after the clock and version moved). */
export function applyTaskEvent(state: ClusterState, event: TaskEvent): void {
  switch (event.type) {
    case 'task/created':
      createTask(state, event, event.task);
      return;
    case 'task/stateChanged': {
      const task = touchTask(state, event);
      const stoppedBefore = taskStopped(task);
      moveObservedState(task, event, event.state);
      if (taskStopped(task)) releaseTaskAddresses(state, task, stoppedBefore);
      task.status.message = event.message;
      task.status.err = event.err;
      task.status.exitCode = event.exitCode;
      // Status.Timestamp is the agent's, which a batched write carries (src/agent/reporter.ts).
      if (event.reportedAt !== undefined) task.status.timestamp = event.reportedAt;
      keepTaskVolumes(state, task);
      return;
    }
    case 'task/assigned':
      assignTask(state, event);
      return;
    case 'task/unschedulable': {
      const task = touchTask(state, event);
      if (task.status.state !== 'pending') {
        throw new ModelViolation(`unschedulable task is ${task.status.state}, not pending`, event);
      }
      task.status.err = event.err;
      return;
    }
    case 'task/statusRefreshed': {
      const task = touchTask(state, event);
      task.status.timestamp = event.reportedAt ?? event.t;
      task.status.exitCode = event.exitCode;
      return;
    }
    case 'task/desiredStateChanged': {
      const task = touchTask(state, event);
      if (compareTaskStates(event.desiredState, task.desiredState) <= 0) {
        const move = `from ${task.desiredState} to ${event.desiredState}`;
        throw new ModelViolation(`desired state of task ${task.id} moved ${move}`, event);
      }
      task.desiredState = event.desiredState;
      return;
    }
    case 'task/removed': {
      const task = touchTask(state, event);
      releaseTaskAddresses(state, task, taskStopped(task));
      removeTask(state, task);
      return;
    }
    case 'task/logged':
      touchTask(state, event);
      return;
  }
}

function assignTask(state: ClusterState, event: TaskAssignedEvent): void {
  const task = touchTask(state, event);
  if (!state.nodes[event.nodeId]) {
    throw new ModelViolation('task assigned to unknown node', event);
  }
  if (task.nodeId && task.nodeId !== event.nodeId) {
    throw new ModelViolation('pre-assigned task moved to another node', event);
  }
  moveObservedState(task, event, 'assigned');
  task.status.message = event.message;
  task.status.err = '';
  if (event.genericResources) task.assignedGenericResources = event.genericResources;
  if (event.volumes) task.volumes = structuredClone(event.volumes);
  if (!task.nodeId) {
    // A slot-0 task's slot key names its node (a replicated job's first slot): re-key it.
    const unplaced = slotKey(task);
    task.nodeId = event.nodeId;
    state.tasksByNode[event.nodeId]!.push(task.id);
    if (slotKey(task) !== unplaced) {
      removeFromList(state.tasksBySlot[unplaced], task.id);
      if (state.tasksBySlot[unplaced]?.length === 0) delete state.tasksBySlot[unplaced];
      (state.tasksBySlot[slotKey(task)] ??= []).push(task.id);
    }
  }
}

function createTask(state: ClusterState, event: LoggedEvent, task: Task): void {
  if (state.tasks[task.id]) throw new ModelViolation('task created twice', event);
  const byService = state.tasksByService[task.serviceId];
  if (!byService) throw new ModelViolation('task created for unknown service', event);
  // Only the parts the fold mutates are copied; specs are immutable and shared (see factory.ts).
  state.tasks[task.id] = {
    ...task,
    status: { ...task.status },
    transitions: task.transitions.map((transition) => ({ ...transition })),
    version: state.version,
  };
  byService.push(task.id);
  (state.tasksBySlot[slotKey(task)] ??= []).push(task.id);
  if (task.nodeId) {
    const byNode = state.tasksByNode[task.nodeId];
    if (!byNode) throw new ModelViolation('task created on unknown node', event);
    byNode.push(task.id);
  }
}

function removeTask(state: ClusterState, task: Task): void {
  delete state.tasks[task.id];
  removeFromList(state.tasksByService[task.serviceId], task.id);
  const slot = state.tasksBySlot[slotKey(task)];
  removeFromList(slot, task.id);
  if (slot?.length === 0) delete state.tasksBySlot[slotKey(task)];
  if (task.nodeId) removeFromList(state.tasksByNode[task.nodeId], task.id);
}

function removeFromList(list: string[] | undefined, id: string): void {
  if (!list) return;
  const index = list.indexOf(id);
  if (index >= 0) list.splice(index, 1);
}

function moveObservedState(task: Task, event: LoggedEvent, next: TaskState): void {
  if (compareTaskStates(next, task.status.state) <= 0) {
    throw new ModelViolation(
      `task ${task.id} moved from ${task.status.state} to ${next}: states only move forward`,
      event,
    );
  }
  task.status.state = next;
  task.status.timestamp = event.t;
  task.transitions.push({ state: next, at: event.t });
}

/** The task `event` writes, stamped with the store version. */
function touchTask(state: ClusterState, event: LoggedEvent & { taskId: string }): Task {
  const task = state.tasks[event.taskId];
  if (!task) throw new ModelViolation(`unknown task ${event.taskId}`, event);
  task.version = state.version;
  return task;
}
