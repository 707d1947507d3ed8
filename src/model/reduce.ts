/**
 * The fold: how each event changes the cluster state. `applyEvent` is an immer-style recipe: it
 * mutates the draft it is given and returns nothing. The engine applies it in place on its live
 * state (one copy of a 100k-task record per event would dominate a run); `reduce` wraps it in
 * immer's `produce` for callers that want persistent snapshots (the viewer, tests).
 *
 * An event that makes no sense in the current state (unknown id, a backward state move) is a bug
 * in whichever component emitted it, so it throws `ModelViolation` instead of being ignored.
 */
import { produce } from 'immer';
import type { LoggedEvent } from './events.js';
import { slotKey, type ClusterState } from './state.js';
import { applyContainerEvent } from './reduce-containers.js';
import { applyImageEvent } from './reduce-images.js';
import {
  applyNetworkEvent,
  releaseAddresses,
  releaseTaskAddresses,
  setNodeAttachments,
  setServiceVips,
  taskStopped,
} from './reduce-networks.js';
import { applyTrafficEvent, noteContainerLoss } from './reduce-traffic.js';
import { applyVolumeEvent, keepTaskVolumes } from './reduce-volumes.js';
import { applyWorldEvent } from './reduce-world.js';
import { compareTaskStates, type TaskState } from './task-state.js';
import type { Node, Service, Task } from './types.js';

/** An event that cannot apply to the state it was emitted against. */
export class ModelViolation extends Error {
  constructor(
    message: string,
    readonly event: LoggedEvent,
  ) {
    super(message);
    this.name = 'ModelViolation';
  }
}

/** Returns the state after `event`, leaving `state` untouched (structural sharing via immer). */
export function reduce(state: ClusterState, event: LoggedEvent): ClusterState {
  return produce(state, (draft) => {
    applyEvent(draft, event);
  });
}

/** Applies `event` to `state` in place. */
export function applyEvent(state: ClusterState, event: LoggedEvent): void {
  if (event.t < state.now) {
    throw new ModelViolation(`event at ${event.t} ms is before the clock (${state.now} ms)`, event);
  }
  state.now = event.t;
  state.version += 1;
  switch (event.type) {
    case 'cluster/initialized':
      state.cluster = {
        id: event.clusterId,
        taskHistoryRetentionLimit: event.taskHistoryRetentionLimit,
        heartbeatPeriodMs: event.heartbeatPeriodMs,
      };
      return;
    case 'node/joined':
      if (state.nodes[event.node.id]) throw new ModelViolation('node joined twice', event);
      state.nodes[event.node.id] = { ...structuredClone(event.node), version: state.version };
      state.nodeIds.push(event.node.id);
      state.tasksByNode[event.node.id] = [];
      if (event.node.managerStatus?.leader) state.world.raft.leaderId = event.node.id;
      return;
    case 'node/availabilityChanged':
      touchNode(state, event).availability = event.availability;
      return;
    case 'node/statusChanged': {
      const node = touchNode(state, event);
      node.status.state = event.state;
      node.status.message = event.message;
      if (event.state === 'down') state.world.lastDownAt[event.nodeId] = event.t;
      return;
    }
    case 'node/labelsChanged':
      touchNode(state, event).labels = { ...event.labels };
      return;
    case 'node/descriptionChanged':
      touchNode(state, event).description.resources = structuredClone(event.resources);
      return;
    case 'node/roleChanged': {
      const node = touchNode(state, event);
      node.desiredRole = event.desiredRole;
      node.role = event.role;
      if (event.managerStatus !== undefined) node.managerStatus = structuredClone(event.managerStatus);
      return;
    }
    case 'node/removed':
      releaseAddresses(state, touchNode(state, event).attachments ?? []);
      delete state.nodes[event.nodeId];
      state.nodeIds = state.nodeIds.filter((id) => id !== event.nodeId);
      return;
    case 'node/imagePulled': {
      const node = touchNode(state, event);
      if (!node.images.includes(event.image)) node.images = [...node.images, event.image].sort();
      return;
    }
    case 'image/built':
    case 'image/pushed':
      applyImageEvent(state, event);
      return;
    case 'container/created':
    case 'container/logged':
    case 'container/stopRequested':
    case 'container/exited':
    case 'container/removed':
      applyContainerEvent(state, event);
      return;
    case 'volume/created':
    case 'volume/removed':
      applyVolumeEvent(state, event);
      return;
    case 'network/created':
    case 'network/removed':
    case 'task/networksAllocated':
      applyNetworkEvent(state, event);
      return;
    case 'node/attachmentsChanged':
      touchNode(state, event);
      setNodeAttachments(state, event.nodeId, event.attachments, event);
      return;
    case 'service/created':
      if (state.services[event.service.id]) throw new ModelViolation('service created twice', event);
      state.services[event.service.id] = { ...structuredClone(event.service), version: state.version };
      state.serviceIds.push(event.service.id);
      state.tasksByService[event.service.id] = [];
      setServiceVips(state, [], event.service.virtualIps ?? [], event);
      return;
    case 'service/updated': {
      const service = touchService(state, event);
      service.spec = structuredClone(event.spec);
      service.specVersion = event.specVersion;
      service.previousSpec = structuredClone(event.previousSpec);
      service.previousSpecVersion = event.previousSpecVersion;
      service.updateStatus = structuredClone(event.updateStatus);
      service.endpointPorts = structuredClone(event.endpointPorts);
      setServiceVips(state, service.virtualIps ?? [], event.virtualIps ?? [], event);
      if (event.virtualIps?.length) service.virtualIps = structuredClone(event.virtualIps);
      else delete service.virtualIps;
      // Every update of a job re-runs it: a new JobIteration (SWARM.md 3.2).
      if ('replicatedJob' in service.spec.mode || 'globalJob' in service.spec.mode) {
        service.jobIteration = (service.jobIteration ?? 0) + 1;
      }
      return;
    }
    case 'service/updateStatusChanged':
      touchService(state, event).updateStatus = structuredClone(event.updateStatus);
      return;
    case 'service/removed':
      releaseAddresses(state, touchService(state, event).virtualIps ?? []);
      delete state.services[event.serviceId];
      state.serviceIds = state.serviceIds.filter((id) => id !== event.serviceId);
      return;
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
      keepTaskVolumes(state, task);
      return;
    }
    case 'task/assigned': {
      const task = touchTask(state, event);
      if (!state.nodes[event.nodeId]) throw new ModelViolation('task assigned to unknown node', event);
      if (task.nodeId && task.nodeId !== event.nodeId) {
        throw new ModelViolation('pre-assigned task moved to another node', event);
      }
      moveObservedState(task, event, 'assigned');
      task.status.message = event.message;
      task.status.err = '';
      if (event.genericResources) task.assignedGenericResources = event.genericResources;
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
      return;
    }
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
      task.status.timestamp = event.t;
      task.status.exitCode = event.exitCode;
      return;
    }
    case 'task/desiredStateChanged': {
      const task = touchTask(state, event);
      if (compareTaskStates(event.desiredState, task.desiredState) <= 0) {
        throw new ModelViolation(
          `desired state of task ${task.id} moved from ${task.desiredState} to ${event.desiredState}`,
          event,
        );
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
    case 'network/requestRouted':
      applyTrafficEvent(state, event);
      return;
    case 'scenario/stepRan':
    case 'scenario/expectationChecked':
    case 'shell/commandRan':
      return;
    case 'fault/injected':
    case 'fault/healed':
    case 'raft/leaderElected':
    case 'raft/leaderLost':
    case 'raft/campaignStarted':
    case 'raft/reachabilityChanged':
      applyWorldEvent(state, event);
      if (event.type === 'fault/injected') noteContainerLoss(state, event);
      return;
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

function touchNode(state: ClusterState, event: LoggedEvent & { nodeId: string }): Node {
  const node = state.nodes[event.nodeId];
  if (!node) throw new ModelViolation(`unknown node ${event.nodeId}`, event);
  node.version = state.version;
  node.updatedAt = event.t;
  return node;
}

function touchService(state: ClusterState, event: LoggedEvent & { serviceId: string }): Service {
  const service = state.services[event.serviceId];
  if (!service) throw new ModelViolation(`unknown service ${event.serviceId}`, event);
  service.version = state.version;
  service.updatedAt = event.t;
  return service;
}

function touchTask(state: ClusterState, event: LoggedEvent & { taskId: string }): Task {
  const task = state.tasks[event.taskId];
  if (!task) throw new ModelViolation(`unknown task ${event.taskId}`, event);
  task.version = state.version;
  return task;
}
