/**
 * The global orchestrator (swarmkit `manager/orchestrator/global/global.go`, SWARM.md 3.4):
 * one task per eligible node for every global service, pre-assigned to that node in slot 0.
 * Service events reconcile the service over all nodes; node events reconcile the node over all
 * global services; a failed task is restarted on its own node through the restart supervisor,
 * after each event, unless that node is paused or no longer matches (then it is shut down).
 */
import type { Component, SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import {
  advanceDesiredState,
  deleteTask,
  isGlobalService,
  setServiceTasksRemove,
  uniqueInOrder,
} from './common.js';
import {
  isEligibleNode,
  nodeMatchesService,
  reconcileGlobalNode,
  reconcileGlobalService,
} from './global-reconcile.js';
import { RestartSupervisor } from './restart.js';
import { UpdateSupervisor } from './update.js';

/** The orchestrator's memory, all of it derived from the events it has seen. */
interface Memory {
  restarts: RestartSupervisor;
  updates: UpdateSupervisor;
  /** Ids of the global services in creation order. */
  serviceIds: string[];
}

/** Creates the global-service orchestrator component. */
export function createGlobalOrchestrator(): Component {
  const restarts = new RestartSupervisor();
  const memory: Memory = { restarts, updates: new UpdateSupervisor(restarts), serviceIds: [] };
  return {
    name: 'global-orchestrator',
    onEvent(ctx, event) {
      memory.restarts.observe(ctx, event);
      memory.updates.observe(ctx, event);
      const restartTaskIds: string[] = [];
      handleServiceEvent(ctx, event, memory);
      handleNodeEvent(ctx, event, memory);
      handleTaskEvent(ctx, event, memory, restartTaskIds);
      restartTasks(ctx, memory, restartTaskIds);
    },
  };
}

function handleServiceEvent(ctx: SimContext, event: LoggedEvent, memory: Memory): void {
  switch (event.type) {
    case 'service/created':
      if (!isGlobalService(event.service)) return;
      memory.serviceIds.push(event.service.id);
      reconcileGlobalService(ctx, memory.restarts, memory.updates, event.service.id);
      return;
    // Status writes too, as in swarmkit (see the replicated orchestrator).
    case 'service/updated':
    case 'service/updateStatusChanged':
      if (memory.serviceIds.includes(event.serviceId)) {
        reconcileGlobalService(ctx, memory.restarts, memory.updates, event.serviceId);
      }
      return;
    // A new leader's orchestrator starts by reconciling every service (swarmkit Run).
    case 'raft/leaderElected':
      for (const id of [...memory.serviceIds]) {
        reconcileGlobalService(ctx, memory.restarts, memory.updates, id);
      }
      return;
    case 'service/removed':
      if (!memory.serviceIds.includes(event.serviceId)) return;
      setServiceTasksRemove(ctx, event.serviceId);
      memory.serviceIds = memory.serviceIds.filter((id) => id !== event.serviceId);
      memory.restarts.clearServiceHistory(event.serviceId);
      return;
    default:
      return;
  }
}

function handleNodeEvent(ctx: SimContext, event: LoggedEvent, memory: Memory): void {
  switch (event.type) {
    case 'node/joined':
      reconcileGlobalNode(ctx, memory.restarts, event.node.id, memory.serviceIds);
      return;
    case 'node/availabilityChanged':
    case 'node/statusChanged':
    case 'node/labelsChanged':
    case 'node/roleChanged':
      reconcileGlobalNode(ctx, memory.restarts, event.nodeId, memory.serviceIds);
      return;
    case 'node/removed':
      // A deleted node's global tasks are deleted outright, whatever their state.
      for (const taskId of [...(ctx.state.tasksByNode[event.nodeId] ?? [])]) {
        const task = ctx.state.tasks[taskId];
        if (task && memory.serviceIds.includes(task.serviceId)) deleteTask(ctx, taskId);
      }
      return;
    default:
      return;
  }
}

function handleTaskEvent(
  ctx: SimContext,
  event: LoggedEvent,
  memory: Memory,
  restartTaskIds: string[],
): void {
  switch (event.type) {
    // swarmkit's global orchestrator watches task updates only, not creations.
    case 'task/stateChanged':
    case 'task/assigned':
    case 'task/unschedulable':
    case 'task/desiredStateChanged': {
      const task = ctx.state.tasks[event.taskId];
      if (!task || !memory.serviceIds.includes(task.serviceId)) return;
      if (compareTaskStates(task.desiredState, 'running') > 0) return;
      if (isTerminal(task.status.state)) restartTaskIds.push(task.id);
      return;
    }
    case 'task/removed':
      memory.restarts.cancel(ctx, event.taskId);
      return;
    default:
      return;
  }
}

/** tickTasks: restart on the same node, or shut down where the node may not run it any more. */
function restartTasks(ctx: SimContext, memory: Memory, taskIds: readonly string[]): void {
  for (const taskId of uniqueInOrder(taskIds)) {
    const task = ctx.state.tasks[taskId];
    if (!task || compareTaskStates(task.desiredState, 'running') > 0) continue;
    const service = ctx.state.services[task.serviceId];
    const node = ctx.state.nodes[task.nodeId];
    if (!isGlobalService(service) || !isEligibleNode(node)) continue;
    if (node.availability === 'pause' || !nodeMatchesService(service, node)) {
      advanceDesiredState(ctx, taskId, 'shutdown');
      continue;
    }
    memory.restarts.restart(ctx, service, task);
  }
}
