/**
 * The jobs orchestrator (swarmkit `manager/orchestrator/jobs/orchestrator.go`, SWARM.md 3.5):
 * reconciles replicated-job and global-job services. The replicated and global orchestrators
 * ignore jobs (their mode checks do not match them). Every event that touches a job service,
 * one of its tasks, or a node re-reconciles the affected jobs; reconciling re-reads the state,
 * so a repeated trigger creates nothing twice. swarmkit's reconciles on service events and job
 * tasks that end only: acting on node events too does at once what it does at the job's next
 * reconcile (a global-job task for a new or returning node, none kept on a drained or DOWN one).
 * Neither moves a replicated-job task off a DOWN node: it is replaced once it ends.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { setServiceTasksRemove, uniqueInOrder } from './common.js';
import { isJobService, reconcileJob, type ReleasedTasks } from './jobs-reconcile.js';

/** Creates the jobs orchestrator component. */
export function createJobsOrchestrator(): Component {
  /** Ids of the job services in creation order, to recognise one once it is deleted. */
  let jobIds: string[] = [];
  const released: ReleasedTasks = new Set();
  return {
    name: 'jobs-orchestrator',
    onEvent(ctx, event) {
      if (event.type === 'task/removed') released.delete(event.taskId);
      if (event.type === 'service/created' && isJobService(event.service)) {
        jobIds.push(event.service.id);
      }
      if (event.type === 'service/removed' && jobIds.includes(event.serviceId)) {
        jobIds = jobIds.filter((id) => id !== event.serviceId);
        setServiceTasksRemove(ctx, event.serviceId);
        return;
      }
      for (const serviceId of uniqueInOrder(affectedJobs(ctx, event, jobIds))) {
        reconcileJob(ctx, serviceId, released);
      }
    },
  };
}

/** The job services the event may change the goal or progress of. */
function affectedJobs(ctx: SimContext, event: LoggedEvent, jobIds: readonly string[]): string[] {
  if (jobIds.length === 0) return [];
  switch (event.type) {
    case 'service/created':
      return jobIds.includes(event.service.id) ? [event.service.id] : [];
    case 'service/updated':
      return jobIds.includes(event.serviceId) ? [event.serviceId] : [];
    case 'task/stateChanged':
    case 'task/desiredStateChanged': {
      const serviceId = ctx.state.tasks[event.taskId]?.serviceId;
      return serviceId !== undefined && jobIds.includes(serviceId) ? [serviceId] : [];
    }
    case 'node/joined':
    case 'node/availabilityChanged':
    case 'node/statusChanged':
    case 'node/labelsChanged':
    case 'node/roleChanged':
    case 'node/removed':
      return [...jobIds];
    default:
      return [];
  }
}
