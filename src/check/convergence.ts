/**
 * Liveness: once nothing else is going on, does every service run what it asks for? A shortfall
 * is acceptable only when each missing replica has a task on its way (pending with the
 * scheduler's explanation, waiting out a restart delay, starting) or the restart policy says the
 * slot is done. Fewer tasks meant to run than replicas means the orchestrators stopped short,
 * which is a bug. Jobs are judged by their own orchestrator's progress, not here.
 */
import { replicaCount } from '../model/queries.js';
import type { ClusterState } from '../model/state.js';
import { listServices, tasksOfService } from '../model/state.js';
import { displayTaskState } from '../model/task-state.js';
import type { Service, Task } from '../model/types.js';

export interface ServiceConvergence {
  service: string;
  running: number;
  desired: number;
  /** Why each missing replica is missing; empty when the service converged. */
  pending: string[];
  /** False when a shortfall has no acceptable explanation. */
  explained: boolean;
}

export function convergenceReport(state: ClusterState): ServiceConvergence[] {
  return listServices(state).map((service) => {
    const { running, desired } = replicaCount(state, service);
    const waiting = tasksOfService(state, service.id).filter(
      (task) => task.desiredState === 'running' && task.status.state !== 'running',
    );
    const pending = waiting.map((task) => describeWaitingTask(service, task));
    const explained =
      running >= desired ||
      isJob(service) ||
      restartPolicyMayStop(service) ||
      instancesMeantToRun(state, service) >= desired;
    return { service: service.spec.name, running, desired, pending, explained };
  });
}

/** Slots (nodes, for global services) holding a task desired READY or RUNNING. */
function instancesMeantToRun(state: ClusterState, service: Service): number {
  const meant = tasksOfService(state, service.id).filter(
    (task) => task.desiredState === 'running' || task.desiredState === 'ready',
  );
  return new Set(meant.map((task) => (task.slot === 0 ? task.nodeId : String(task.slot)))).size;
}

function isJob(service: Service): boolean {
  return 'replicatedJob' in service.spec.mode || 'globalJob' in service.spec.mode;
}

function describeWaitingTask(service: Service, task: Task): string {
  const name = task.slot === 0 ? `${service.spec.name}.${task.nodeId}` : `${service.spec.name}.${task.slot}`;
  const err = task.status.err ? `: ${task.status.err}` : '';
  return `${name} is ${displayTaskState(task.status.state)}${err}`;
}

/** With condition none/on-failure or a max-attempts limit, a slot may legitimately stay empty. */
function restartPolicyMayStop(service: Service): boolean {
  const restart = service.spec.task.restart;
  return restart.condition !== 'any' || restart.maxAttempts > 0;
}
