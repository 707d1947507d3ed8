/**
 * Reconciling one job service (swarmkit `manager/orchestrator/jobs/*`, SWARM.md 3.5). A job's
 * tasks run to COMPLETE (their desired state) instead of running forever. The job iteration is
 * the service's SpecVersion: every service update (scale included) changes it and re-runs the job,
 * as swarmkit's JobIteration does.
 */
import type { SimContext } from '../engine/simulation.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import type { Service, Task } from '../model/types.js';
import { tasksOfService } from '../model/state.js';
import { advanceDesiredState, createTask } from './common.js';
import { isEligibleNode, nodeMatchesService } from './global-reconcile.js';
import { restartIfFailed } from './jobs-restart.js';

/** Whether the service is a replicated or global job (false for a missing service). */
export function isJobService(service: Service | undefined): service is Service {
  if (service === undefined) return false;
  return 'replicatedJob' in service.spec.mode || 'globalJob' in service.spec.mode;
}

/** Whether the task belongs to the service's current job iteration. */
export function inCurrentIteration(service: Service, task: Task): boolean {
  return task.specVersion === service.specVersion;
}

/** A task still on its way to COMPLETE: not completed yet and desired at most COMPLETE. */
function isUnderWay(task: Task): boolean {
  return task.status.state !== 'complete' && compareTaskStates(task.desiredState, 'complete') <= 0;
}

/**
 * Ids of global-job tasks shut down because their node became invalid (drained, DOWN): such a
 * task no longer holds its node, which gets a fresh task once it is eligible again. A task that
 * failed for good still holds it. Kept by the jobs orchestrator, derived from its own writes.
 */
export type ReleasedTasks = Set<string>;

/** Brings one job service to its goal: old iterations removed, failures restarted, tasks added. */
export function reconcileJob(ctx: SimContext, serviceId: string, released: ReleasedTasks): void {
  const service = ctx.state.services[serviceId];
  if (!isJobService(service)) return;
  const tasks = tasksOfService(ctx.state, service.id);
  for (const task of tasks) {
    // Tasks of an older iteration that have not finished are abandoned.
    if (!inCurrentIteration(service, task) && !isTerminal(task.status.state)) {
      advanceDesiredState(ctx, task.id, 'remove');
    }
  }
  const current = tasks.filter((task) => inCurrentIteration(service, task));
  for (const task of current) restartIfFailed(ctx, service, task);
  if ('replicatedJob' in service.spec.mode) reconcileReplicatedJob(ctx, service);
  else reconcileGlobalJob(ctx, service, released);
}

function currentTasks(ctx: SimContext, service: Service): Task[] {
  return tasksOfService(ctx.state, service.id).filter((task) => inCurrentIteration(service, task));
}

/**
 * Replicated job: keep at most MaxConcurrent tasks under way, and never more than the completions
 * still missing; new tasks take the lowest free slots (0..TotalCompletions-1) of this iteration.
 */
function reconcileReplicatedJob(ctx: SimContext, service: Service): void {
  if (!('replicatedJob' in service.spec.mode)) return;
  const { maxConcurrent, totalCompletions } = service.spec.mode.replicatedJob;
  const tasks = currentTasks(ctx, service);
  const completed = tasks.filter((task) => task.status.state === 'complete').length;
  const running = tasks.filter(isUnderWay).length;
  const wanted = Math.min(maxConcurrent - running, totalCompletions - completed - running);
  const used = new Set(tasks.map((task) => task.slot));
  // Slots stop at TotalCompletions: a slot whose task failed for good (no restart left) stays
  // taken, so the job never completes rather than retrying forever in fresh slots.
  let slot = 0;
  for (let created = 0; created < wanted; created += 1) {
    while (used.has(slot)) slot += 1;
    if (slot >= totalCompletions) return;
    used.add(slot);
    createTask(ctx, service, { slot, desiredState: 'complete', origin: 'orchestrator' });
  }
}

/**
 * Global job: one task of this iteration on every eligible node that matches the service. A task
 * under way on a drained or DOWN node is shut down and not replaced elsewhere (swarmkit's global
 * job reconciler does so for its invalid nodes); the node gets a new task if it comes back.
 */
function reconcileGlobalJob(ctx: SimContext, service: Service, released: ReleasedTasks): void {
  const tasks = currentTasks(ctx, service);
  for (const nodeId of ctx.state.nodeIds) {
    const node = ctx.state.nodes[nodeId];
    if (!node || !nodeMatchesService(service, node)) continue;
    const onNode = tasks.filter((task) => task.nodeId === nodeId && !released.has(task.id));
    if (!isEligibleNode(node)) {
      for (const task of onNode) releaseTask(ctx, task, released);
      continue;
    }
    if (node.availability === 'pause' || onNode.length > 0) continue;
    createTask(ctx, service, { slot: 0, nodeId, desiredState: 'complete', origin: 'orchestrator' });
  }
}

/** Shuts down a task that is still under way (observed at most RUNNING) on an invalid node. */
function releaseTask(ctx: SimContext, task: Task, released: ReleasedTasks): void {
  if (compareTaskStates(task.status.state, 'running') > 0) return;
  if (compareTaskStates(task.desiredState, 'complete') > 0) return;
  advanceDesiredState(ctx, task.id, 'shutdown');
  released.add(task.id);
}
