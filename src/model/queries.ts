/**
 * Counts over a cluster state that several layers report the same way: `docker service ls`
 * REPLICAS, which the docker CLI view, scenario expectations, the run summary, the liveness
 * check and the availability metrics all read, so they can never disagree.
 */
import { tasksOfService, type ClusterState } from './state.js';
import type { Service } from './types.js';

/** MODE as `docker service ls` prints it: replicated, global, replicated job or global job. */
export function modeName(service: Service): string {
  const mode = service.spec.mode;
  if ('replicatedJob' in mode) return 'replicated job';
  if ('globalJob' in mode) return 'global job';
  return 'replicated' in mode ? 'replicated' : 'global';
}

/** `service ls` REPLICAS: running and desired task counts. */
export interface ReplicaCount {
  running: number;
  desired: number;
  /** Jobs only: tasks of the current job iteration that completed. */
  completed?: number;
}

/**
 * REPLICAS as the daemon's ListServiceStatuses counts them (SWARM.md 10.3): running is every
 * task observed RUNNING whatever its desired state (so `4/3` during a start-first update) and
 * whatever its node's status (`6/5` once a worker is Down, as recorded on a real engine: docker
 * 28 skips Down nodes only when it counts itself, for daemons older than API 1.41);
 * desired is the replica count, or for a global service the tasks whose desired state is RUNNING.
 */
export function replicaCount(state: ClusterState, service: Service): ReplicaCount {
  const tasks = tasksOfService(state, service.id);
  const running = tasks.filter((task) => task.status.state === 'running').length;
  const mode = service.spec.mode;
  if ('replicatedJob' in mode || 'globalJob' in mode) {
    // The job iteration is the spec version (see orchestrator/jobs-reconcile.ts).
    const current = tasks.filter((task) => task.specVersion === service.specVersion);
    const completed = current.filter((task) => task.status.state === 'complete').length;
    // A global job desires the tasks still due to complete, a replicated job MaxConcurrent.
    const desired =
      'replicatedJob' in mode
        ? mode.replicatedJob.maxConcurrent
        : current.filter((task) => task.desiredState === 'complete').length - completed;
    return { running, desired, completed };
  }
  const desired =
    'replicated' in mode
      ? mode.replicated.replicas
      : tasks.filter((task) => task.desiredState === 'running').length;
  return { running, desired };
}

/**
 * `2/3` as `service ls` prints REPLICAS, with ` (max K per node)` for a replicated service that
 * limits replicas per node (docker leaves the limit out for other modes even when it is set),
 * and `2/2 (3/5 completed)` for jobs.
 */
export function formatReplicas(service: Service, count: ReplicaCount): string {
  const mode = service.spec.mode;
  if ('replicatedJob' in mode || 'globalJob' in mode) {
    // Jobs show their progress instead of the per-node limit: `R/D (C/T completed)`, where a
    // global job's total is what is still due plus what completed.
    const completed = count.completed ?? 0;
    const total =
      'replicatedJob' in mode ? mode.replicatedJob.totalCompletions : count.desired + completed;
    return `${count.running}/${count.desired} (${completed}/${total} completed)`;
  }
  const max = 'replicated' in service.spec.mode ? service.spec.task.placement.maxReplicas : 0;
  return `${count.running}/${count.desired}${max > 0 ? ` (max ${max} per node)` : ''}`;
}
