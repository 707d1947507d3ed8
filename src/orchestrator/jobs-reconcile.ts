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
import { restartIfFailed, type JobRestarts } from './jobs-restart.js';

/** Whether the service is a replicated or global job (false for a missing service). */
export function isJobService(service: Service | undefined): service is Service {
  if (service === undefined) return false;
  return 'replicatedJob' in service.spec.mode || 'globalJob' in service.spec.mode;
}

/** Whether the task belongs to the service's current job iteration. */
export function inCurrentIteration(service: Service, task: Task): boolean {
  return task.specVersion === service.specVersion;
}

/**
 * What a reconcile reads of a current-iteration task before it acts: swarmkit counts and places
 * from the tasks as they were when the pass began, before its restarts shut failed ones down.
 */
interface Seen {
  id: string;
  slot: number;
  nodeId: string;
  state: Task['status']['state'];
  /** Desired at most COMPLETE: the task still holds its slot (or node), even if it failed. */
  holds: boolean;
}

function seen(task: Task): Seen {
  const holds = compareTaskStates(task.desiredState, 'complete') <= 0;
  return { id: task.id, slot: task.slot, nodeId: task.nodeId, state: task.status.state, holds };
}

/** Brings one job service to its goal: old iterations removed, failures restarted, tasks added. */
export function reconcileJob(ctx: SimContext, restarts: JobRestarts, serviceId: string): void {
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
  const before = current.map(seen);
  for (const task of current) restartIfFailed(ctx, restarts, service, task);
  if ('replicatedJob' in service.spec.mode) reconcileReplicatedJob(ctx, service, before);
  else reconcileGlobalJob(ctx, service, before);
}

/**
 * Replicated job: keep at most MaxConcurrent tasks under way, and never more than the completions
 * still missing; new tasks take the lowest free slots (0..TotalCompletions-1) of this iteration.
 * A slot is held by a completed task or one desired at most COMPLETE; a task that failed for good
 * (shut down, no restart left) frees it, so a later reconcile runs a fresh task there (swarmkit
 * `jobs/replicated/reconciler.go`), not this one: it counted the failed task as under way.
 */
function reconcileReplicatedJob(ctx: SimContext, service: Service, before: Seen[]): void {
  if (!('replicatedJob' in service.spec.mode)) return;
  const { maxConcurrent, totalCompletions } = service.spec.mode.replicatedJob;
  const completed = before.filter((task) => task.state === 'complete').length;
  const running = before.filter((task) => task.state !== 'complete' && task.holds).length;
  const wanted = Math.min(maxConcurrent - running, totalCompletions - completed - running);
  const used = new Set(
    before.filter((task) => task.state === 'complete' || task.holds).map((task) => task.slot),
  );
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
 * job reconciler does so for its invalid nodes). A node is held only by a task desired at most
 * COMPLETE, so one whose task was shut down that way, or failed for good, gets a fresh task at a
 * later reconcile once it is eligible.
 */
function reconcileGlobalJob(ctx: SimContext, service: Service, before: Seen[]): void {
  for (const nodeId of ctx.state.nodeIds) {
    const node = ctx.state.nodes[nodeId];
    if (!node || !nodeMatchesService(service, node)) continue;
    const onNode = before.filter((task) => task.nodeId === nodeId && task.holds);
    if (!isEligibleNode(node)) {
      for (const task of onNode) shutDownUnderWay(ctx, task.id);
      continue;
    }
    // swarmkit's candidates are active and READY: an Unknown node (after a leader change) waits.
    if (node.availability !== 'active' || node.status.state !== 'ready') continue;
    if (onNode.length > 0) continue;
    createTask(ctx, service, { slot: 0, nodeId, desiredState: 'complete', origin: 'orchestrator' });
  }
}

/** Shuts down a task that is still under way (observed at most RUNNING) on an invalid node. */
function shutDownUnderWay(ctx: SimContext, taskId: string): void {
  const task = ctx.state.tasks[taskId];
  if (!task || compareTaskStates(task.status.state, 'running') > 0) return;
  if (compareTaskStates(task.desiredState, 'complete') > 0) return;
  advanceDesiredState(ctx, task.id, 'shutdown');
}
