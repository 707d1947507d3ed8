/**
 * Counts over a cluster state that several layers report the same way: `docker service ls`
 * REPLICAS, which the docker CLI view, scenario expectations, the run summary, the liveness
 * check and the availability metrics all read, so they can never disagree.
 */
import { tasksOfService, type ClusterState } from './state.js';
import type { Service } from './types.js';

/** `service ls` REPLICAS: running and desired task counts. */
export interface ReplicaCount {
  running: number;
  desired: number;
}

/**
 * REPLICAS as the daemon's ListServiceStatuses counts them (SWARM.md 10.3): running is every
 * task observed RUNNING whatever its desired state (so `4/3` during a start-first update);
 * desired is the replica count, or for a global service the tasks whose desired state is RUNNING.
 */
export function replicaCount(state: ClusterState, service: Service): ReplicaCount {
  const tasks = tasksOfService(state, service.id);
  const running = tasks.filter((task) => task.status.state === 'running').length;
  const desired =
    'replicated' in service.spec.mode
      ? service.spec.mode.replicated.replicas
      : tasks.filter((task) => task.desiredState === 'running').length;
  return { running, desired };
}

/**
 * `2/3` as `service ls` prints REPLICAS, with ` (max K per node)` for a replicated service that
 * limits replicas per node (docker leaves the limit out for other modes even when it is set).
 */
export function formatReplicas(service: Service, count: ReplicaCount): string {
  const max = 'replicated' in service.spec.mode ? service.spec.task.placement.maxReplicas : 0;
  return `${count.running}/${count.desired}${max > 0 ? ` (max ${max} per node)` : ''}`;
}
