/**
 * The replicated orchestrator (swarmkit `manager/orchestrator/replicated/*`, SWARM.md 3.1-3.2).
 * Each event is one store commit: it may queue task restarts (a task stopped, or its node became
 * invalid) and service reconciles (service created or updated, a live task deleted); the queued
 * restarts run first, then the reconciles. Both re-read the current state, so a trigger repeated
 * within one instant finds the work already done and creates nothing twice.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { compareTaskStates, isTerminal, type TaskState } from '../model/task-state.js';
import {
  isInvalidNode,
  isReplicatedService,
  setServiceTasksRemove,
  uniqueInOrder,
} from './common.js';
import { reconcileReplicatedService } from './replicated-reconcile.js';
import { RestartSupervisor } from './restart.js';
import { UpdateSupervisor } from './update.js';

interface Work {
  restartTaskIds: string[];
  serviceIds: string[];
}

/** The orchestrator's memory, all of it derived from the events it has seen. */
interface Memory {
  restarts: RestartSupervisor;
  updates: UpdateSupervisor;
  /** Ids of the replicated services, to recognise one once it is deleted. */
  services: Set<string>;
  /** Service of each task whose desired state is <= RUNNING: deleting one triggers a reconcile. */
  liveTaskService: Map<string, string>;
}

/** Creates the replicated-service orchestrator component. */
export function createReplicatedOrchestrator(): Component {
  const restarts = new RestartSupervisor();
  const memory: Memory = {
    restarts,
    updates: new UpdateSupervisor(restarts),
    services: new Set(),
    liveTaskService: new Map(),
  };
  return {
    name: 'replicated-orchestrator',
    onEvent(ctx, event) {
      memory.restarts.observe(ctx, event);
      memory.updates.observe(ctx, event);
      const work: Work = { restartTaskIds: [], serviceIds: [] };
      handleServiceEvent(ctx, event, memory, work);
      handleNodeEvent(ctx, event, work);
      handleTaskEvent(ctx, event, memory, work);
      restartTasks(ctx, memory.restarts, work.restartTaskIds);
      for (const serviceId of uniqueInOrder(work.serviceIds)) {
        reconcileReplicatedService(ctx, memory.restarts, memory.updates, serviceId);
      }
    },
  };
}

function handleServiceEvent(ctx: SimContext, event: LoggedEvent, memory: Memory, work: Work): void {
  switch (event.type) {
    case 'service/created':
      if (!isReplicatedService(event.service)) return;
      memory.services.add(event.service.id);
      work.serviceIds.push(event.service.id);
      return;
    // swarmkit reconciles on every write to the service, the updater's status writes included:
    // after a paused rollback completes, that is what picks up the slots it did not reach.
    case 'service/updated':
    case 'service/updateStatusChanged':
      if (memory.services.has(event.serviceId)) work.serviceIds.push(event.serviceId);
      return;
    // A new leader's orchestrator starts by reconciling every service (swarmkit Run): with an
    // empty restart history, a slot that used up MaxAttempts is refilled then.
    case 'raft/leaderElected':
      work.serviceIds.push(...memory.services);
      return;
    case 'service/removed':
      if (!memory.services.delete(event.serviceId)) return;
      setServiceTasksRemove(ctx, event.serviceId);
      memory.restarts.clearServiceHistory(event.serviceId);
      return;
    default:
      return;
  }
}

function handleNodeEvent(ctx: SimContext, event: LoggedEvent, work: Work): void {
  switch (event.type) {
    case 'node/joined':
    case 'node/availabilityChanged':
    case 'node/statusChanged':
    case 'node/labelsChanged':
    case 'node/roleChanged': {
      const nodeId = event.type === 'node/joined' ? event.node.id : event.nodeId;
      if (isInvalidNode(ctx.state.nodes[nodeId])) queueTasksOfNode(ctx, nodeId, work);
      return;
    }
    case 'node/removed':
      queueTasksOfNode(ctx, event.nodeId, work);
      return;
    default:
      return;
  }
}

/** Every replicated task on the node that should still run is sent to the restart supervisor. */
function queueTasksOfNode(ctx: SimContext, nodeId: string, work: Work): void {
  for (const taskId of ctx.state.tasksByNode[nodeId] ?? []) {
    const task = ctx.state.tasks[taskId]!;
    if (!atMostRunning(task.desiredState)) continue;
    if (isReplicatedService(ctx.state.services[task.serviceId])) work.restartTaskIds.push(taskId);
  }
}

function handleTaskEvent(ctx: SimContext, event: LoggedEvent, memory: Memory, work: Work): void {
  switch (event.type) {
    case 'task/created':
      if (atMostRunning(event.task.desiredState)) {
        memory.liveTaskService.set(event.task.id, event.task.serviceId);
      }
      queueIfStranded(ctx, event.task.id, work);
      return;
    case 'task/desiredStateChanged':
      if (!atMostRunning(event.desiredState)) memory.liveTaskService.delete(event.taskId);
      queueIfStranded(ctx, event.taskId, work);
      return;
    case 'task/stateChanged':
    case 'task/assigned':
    case 'task/unschedulable':
      queueIfStranded(ctx, event.taskId, work);
      return;
    case 'task/removed': {
      const serviceId = memory.liveTaskService.get(event.taskId);
      memory.liveTaskService.delete(event.taskId);
      if (serviceId !== undefined && memory.services.has(serviceId)) {
        work.serviceIds.push(serviceId);
      }
      memory.restarts.cancel(ctx, event.taskId);
      return;
    }
    default:
      return;
  }
}

/** Queues a task that should run but has stopped, or sits on an invalid node. */
function queueIfStranded(ctx: SimContext, taskId: string, work: Work): void {
  const task = ctx.state.tasks[taskId];
  if (!task || !atMostRunning(task.desiredState)) return;
  if (!isReplicatedService(ctx.state.services[task.serviceId])) return;
  const stranded = task.nodeId !== '' && isInvalidNode(ctx.state.nodes[task.nodeId]);
  if (isTerminal(task.status.state) || stranded) work.restartTaskIds.push(taskId);
}

function restartTasks(ctx: SimContext, restarts: RestartSupervisor, taskIds: string[]): void {
  for (const taskId of uniqueInOrder(taskIds)) {
    const task = ctx.state.tasks[taskId];
    if (!task || !atMostRunning(task.desiredState)) continue;
    const service = ctx.state.services[task.serviceId];
    if (isReplicatedService(service)) restarts.restart(ctx, service, task);
  }
}

function atMostRunning(state: TaskState): boolean {
  return compareTaskStates(state, 'running') <= 0;
}
