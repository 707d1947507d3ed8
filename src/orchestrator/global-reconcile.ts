/**
 * Reconciles of global services (swarmkit `global/global.go`, SWARM.md 3.4): one live task per
 * eligible node that matches the constraints. A node is eligible unless it is drained or DOWN;
 * a paused node keeps what it has but gets nothing new.
 */
import type { SimContext } from '../engine/simulation.js';
import type { Node, Service, Task } from '../model/types.js';
import { nodeMatchesConstraints } from '../scheduler/constraint.js';
import { advanceDesiredState, createTask, isGlobalService, serviceConstraints } from './common.js';
import { isTaskDirty } from './dirty.js';
import type { RestartSupervisor } from './restart.js';
import { groupTasks, type Slot } from './slots.js';
import type { UpdateSupervisor } from './update.js';
import { tasksOfService, tasksOnNode } from '../model/state.js';

/** Whether the global orchestrator keeps tasks on this node: not deleted, drained or DOWN. */
export function isEligibleNode(node: Node | undefined): node is Node {
  return node !== undefined && node.availability !== 'drain' && node.status.state !== 'down';
}

/** Whether the node satisfies the service's current placement constraints. */
export function nodeMatchesService(service: Service, node: Node): boolean {
  return nodeMatchesConstraints(node, serviceConstraints(service.spec.task.placement.constraints));
}

/** Sets desired SHUTDOWN on each task that is not already past it. */
export function shutdownTasks(ctx: SimContext, tasks: readonly Task[]): void {
  for (const task of tasks) advanceDesiredState(ctx, task.id, 'shutdown');
}

function addTask(ctx: SimContext, service: Service, nodeId: string): void {
  createTask(ctx, service, { slot: 0, nodeId, origin: 'orchestrator' });
}

/** The live (updatable) tasks of the service on each node, by node id in first-task order. */
function liveTasksByNode(
  ctx: SimContext,
  restarts: RestartSupervisor,
  service: Service,
  tasks: readonly Task[],
): Map<string, Slot> {
  const live = new Map<string, Slot>();
  for (const [nodeId, slot] of groupTasks(tasks, (task) => task.nodeId)) {
    const updatable = restarts.updatableTasksInSlot(slot, service);
    if (updatable.length > 0) live.set(nodeId, updatable);
  }
  return live;
}

/** reconcileServices for one service: add missing tasks, shut down unwanted ones. */
export function reconcileGlobalService(
  ctx: SimContext,
  restarts: RestartSupervisor,
  updates: UpdateSupervisor,
  serviceId: string,
): void {
  const service = ctx.state.services[serviceId];
  if (!isGlobalService(service)) return;
  const tasks = tasksOfService(ctx.state, serviceId);
  const byNode = liveTasksByNode(ctx, restarts, service, tasks);
  const updateSlots: Slot[] = [];
  for (const nodeId of ctx.state.nodeIds) {
    const node = ctx.state.nodes[nodeId];
    if (!isEligibleNode(node)) continue;
    const nodeTasks = byNode.get(nodeId) ?? [];
    byNode.delete(nodeId);
    if (!nodeMatchesService(service, node)) {
      shutdownTasks(ctx, nodeTasks);
      continue;
    }
    if (node.availability === 'pause') continue;
    if (nodeTasks.length === 0) addTask(ctx, service, nodeId);
    else updateSlots.push(nodeTasks);
  }
  // What is left sits on drained, DOWN or deleted nodes: shut down, never replaced elsewhere.
  for (const nodeTasks of byNode.values()) shutdownTasks(ctx, nodeTasks);
  if (updateSlots.length > 0) updates.update(ctx, service, updateSlots);
}

/**
 * reconcileOneNode: after a node event. Drained and DOWN nodes lose their global tasks; a paused
 * node is left alone; an eligible node gets a task for every matching global service that has
 * none there, and out-of-date tasks are replaced at once, without the rolling updater.
 */
export function reconcileGlobalNode(
  ctx: SimContext,
  restarts: RestartSupervisor,
  nodeId: string,
  serviceIds: readonly string[],
): void {
  const node = ctx.state.nodes[nodeId];
  if (!node) return;
  const onNode = tasksOnNode(ctx.state, nodeId);
  if (node.availability === 'drain' || node.status.state === 'down') {
    shutdownTasks(ctx, onNode.filter((task) => serviceIds.includes(task.serviceId)));
    return;
  }
  if (node.availability === 'pause') return;
  for (const serviceId of serviceIds) {
    const service = ctx.state.services[serviceId];
    if (!isGlobalService(service) || !nodeMatchesService(service, node)) continue;
    const ofService = onNode.filter((task) => task.serviceId === serviceId);
    const live = ofService.length > 0 ? restarts.updatableTasksInSlot(ofService, service) : [];
    const clean = live.filter((task) => !isTaskDirty(service, task, node));
    const unwanted = live.filter((task) => isTaskDirty(service, task, node));
    if (clean.length === 0) addTask(ctx, service, nodeId);
    else unwanted.push(...clean.slice(1));
    shutdownTasks(ctx, unwanted);
  }
}
