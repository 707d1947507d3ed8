/**
 * The jobs orchestrator (swarmkit `manager/orchestrator/jobs/orchestrator.go`, SWARM.md 3.5):
 * reconciles replicated-job and global-job services. The replicated and global orchestrators
 * ignore jobs (their mode checks do not match them). As in swarmkit, a job is reconciled when it
 * is created or updated, when a leader takes over (its start-up pass over every job), and when
 * one of its tasks is written with an observed state past RUNNING (completed or failed) while
 * still desired at most COMPLETE. Nothing else: in particular not when the restart supervisor
 * shuts a failed task down, so a slot freed by a task that failed for good is refilled only at
 * the job's next such reconcile (docs/fidelity.md). Like swarmkit's (its handleEvent looks at
 * service and task events only), it ignores node events: a global job gets a task on a new or
 * returning node, and stops the one on a drained or DOWN node, only at its next reconcile; a
 * replicated job's task on a DOWN node is replaced only once it ends.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { compareTaskStates, isTerminal, type TaskState } from '../model/task-state.js';
import { setServiceTasksRemove, uniqueInOrder } from './common.js';
import { isJobService, reconcileJob } from './jobs-reconcile.js';
import { JobRestarts } from './jobs-restart.js';
import { leadershipKey } from '../raft/leadership.js';

/** A task's observed and desired states as of the event being handled (the store may be ahead). */
interface Written {
  state: TaskState;
  desired: TaskState;
}

/** Creates the jobs orchestrator component. */
export function createJobsOrchestrator(): Component {
  /** Ids of the job services in creation order, to recognise one once it is deleted. */
  let jobIds: string[] = [];
  /** Per task, its states as last written, derived from the task events in their order. */
  const written = new Map<string, Written>();
  const restarts = new JobRestarts();
  return {
    name: 'jobs-orchestrator',
    onEvent(ctx, event) {
      // First, so a new leader's catch-up on held events already counts restarts from zero.
      restarts.enterLeadership(leadershipKey(ctx.state));
      const taskWrite = trackTask(ctx, written, event);
      if (event.type === 'service/created' && isJobService(event.service)) {
        jobIds.push(event.service.id);
      }
      if (event.type === 'service/removed' && jobIds.includes(event.serviceId)) {
        jobIds = jobIds.filter((id) => id !== event.serviceId);
        setServiceTasksRemove(ctx, event.serviceId);
        return;
      }
      for (const serviceId of uniqueInOrder(affectedJobs(ctx, event, jobIds, taskWrite))) {
        reconcileJob(ctx, restarts, serviceId);
      }
    },
  };
}

/**
 * Updates `written` for a task event and returns the task's states after it (undefined for other
 * events). A task unknown to the map (seen before this component) falls back to the store.
 */
function trackTask(
  ctx: SimContext,
  written: Map<string, Written>,
  event: LoggedEvent,
): Written | undefined {
  if (event.type === 'task/created') {
    // Only job tasks can trigger a job reconcile; keeping the others would cost memory and time.
    if (!isJobService(ctx.state.services[event.task.serviceId])) return undefined;
    const { status, desiredState } = event.task;
    written.set(event.task.id, { state: status.state, desired: desiredState });
    return undefined;
  }
  if (event.type === 'task/removed') {
    written.delete(event.taskId);
    return undefined;
  }
  if (!('taskId' in event) || !event.type.startsWith('task/') || event.type === 'task/logged') {
    return undefined;
  }
  const last = written.get(event.taskId);
  const stored = last ? undefined : ctx.state.tasks[event.taskId];
  if (stored && !isJobService(ctx.state.services[stored.serviceId])) return undefined;
  const before = last ?? (stored && { state: stored.status.state, desired: stored.desiredState });
  if (!before) return undefined;
  const after = { ...before };
  if (event.type === 'task/stateChanged') after.state = event.state;
  if (event.type === 'task/assigned') after.state = 'assigned';
  if (event.type === 'task/desiredStateChanged') after.desired = event.desiredState;
  written.set(event.taskId, after);
  return after;
}

/** The job services the event may change the goal or progress of. */
function affectedJobs(
  ctx: SimContext,
  event: LoggedEvent,
  jobIds: readonly string[],
  taskWrite: Written | undefined,
): string[] {
  if (jobIds.length === 0) return [];
  switch (event.type) {
    case 'service/created':
      return jobIds.includes(event.service.id) ? [event.service.id] : [];
    case 'service/updated':
      return jobIds.includes(event.serviceId) ? [event.serviceId] : [];
    case 'raft/leaderElected':
      return [...jobIds];
    default:
      break;
  }
  // swarmkit's task trigger: a task update that leaves it ended yet still wanted.
  if (!taskWrite || !('taskId' in event)) return [];
  if (!isTerminal(taskWrite.state) || compareTaskStates(taskWrite.desired, 'complete') > 0) {
    return [];
  }
  const serviceId = ctx.state.tasks[event.taskId]?.serviceId;
  return serviceId !== undefined && jobIds.includes(serviceId) ? [serviceId] : [];
}
