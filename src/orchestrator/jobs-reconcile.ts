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

/** Brings one job service to its goal: old iterations removed, failures restarted, tasks added. */
export function reconcileJob(ctx: SimContext, serviceId: string): void {
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
  else reconcileGlobalJob(ctx, service);
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

/** Global job: one task of this iteration on every eligible node that matches the service. */
function reconcileGlobalJob(ctx: SimContext, service: Service): void {
  const tasks = currentTasks(ctx, service);
  for (const nodeId of ctx.state.nodeIds) {
    const node = ctx.state.nodes[nodeId];
    if (!isEligibleNode(node) || node.availability === 'pause') continue;
    if (!nodeMatchesService(service, node)) continue;
    if (tasks.some((task) => task.nodeId === nodeId)) continue;
    createTask(ctx, service, { slot: 0, nodeId, desiredState: 'complete', origin: 'orchestrator' });
  }
}

/**
 * The restart supervisor's rule for jobs: a task that stopped without completing is shut down
 * and, unless the policy forbids it, replaced in its slot (or on its node) after the restart
 * delay. `any` acts as `on-failure`, since a completed job task is never re-run. MaxAttempts
 * counts the restarts of this slot in this iteration (the window is not modelled for jobs).
 */
function restartIfFailed(ctx: SimContext, service: Service, task: Task): void {
  if (!isTerminal(task.status.state) || task.status.state === 'complete') return;
  if (compareTaskStates(task.desiredState, 'complete') > 0) return;
  advanceDesiredState(ctx, task.id, 'shutdown');
  const policy = task.spec.restart;
  if (policy.condition === 'none') return;
  const global = 'globalJob' in service.spec.mode;
  const sameInstance = (other: Task): boolean =>
    other.slot === task.slot && (!global || other.nodeId === task.nodeId);
  const restarts = currentTasks(ctx, service).filter(
    (other) => sameInstance(other) && other.origin === 'restart',
  ).length;
  if (policy.maxAttempts > 0 && restarts >= policy.maxAttempts) return;
  if (global && !isEligibleNode(ctx.state.nodes[task.nodeId])) return;
  const replacement = createTask(ctx, service, {
    slot: task.slot,
    nodeId: global ? task.nodeId : '',
    desiredState: 'ready',
    origin: 'restart',
  });
  const delayMs = ctx.state.nodes[task.nodeId]?.availability === 'drain' ? 0 : policy.delayMs;
  ctx.at(ctx.now + delayMs, `job restart delay of task ${replacement.id}`, (timerCtx) => {
    const now = timerCtx.state.tasks[replacement.id];
    if (now && now.desiredState === 'ready') advanceDesiredState(timerCtx, now.id, 'complete');
  });
}
