/**
 * What a host fault does to the containers on it, as the agent reports it when it registers
 * again (SWARM.md 7.2; fixtures real-docker-multinode/worker-crash and drain-reactivate):
 * - after a crash (the engine killed), the surviving container processes are killed when the
 *   engine starts again: FAILED `task: non-zero exit (137)`;
 * - after an engine restart (graceful stop), the containers are gone: FAILED
 *   `No such container: <service>.<slot>.<task id>`.
 * Either way the task fails, whatever its desired state, and the orchestrator decides per
 * restart policy; nothing comes back by itself.
 */
import type { TaskStateChanged } from '../model/events.js';
import type { ClusterState } from '../model/state.js';
import { TASK_STATE_NUMBER } from '../model/task-state.js';
import type { Task } from '../model/types.js';

/** How a host lost its containers. */
export type ContainerLoss = 'crash' | 'engine restart';

/** Exit code the agent reports for containers killed when a crashed engine comes back. */
export const CRASH_EXIT_CODE = 137;

/** The reports a re-registering agent makes for tasks whose containers died with its host. */
export function lostContainerReports(
  state: ClusterState,
  nodeId: string,
  loss: ContainerLoss,
): TaskStateChanged[] {
  const reports: TaskStateChanged[] = [];
  for (const taskId of state.tasksByNode[nodeId] ?? []) {
    const task = state.tasks[taskId]!;
    // Only tasks the agent had accepted had a container (or were making one).
    const value = TASK_STATE_NUMBER[task.status.state];
    if (value < TASK_STATE_NUMBER.accepted || value > TASK_STATE_NUMBER.running) continue;
    reports.push(lossReport(state, task, loss));
  }
  return reports;
}

function lossReport(state: ClusterState, task: Task, loss: ContainerLoss): TaskStateChanged {
  const base = { type: 'task/stateChanged', taskId: task.id, state: 'failed' } as const;
  if (loss === 'crash') {
    const err = `task: non-zero exit (${CRASH_EXIT_CODE})`;
    return { ...base, message: task.status.message, err, exitCode: CRASH_EXIT_CODE };
  }
  const err = `No such container: ${containerName(state, task)}`;
  return { ...base, message: task.status.message, err, exitCode: null };
}

/** The container name moby gives a task: `<service>.<slot or node id>.<task id>`. */
export function containerName(state: ClusterState, task: Task): string {
  const service = state.services[task.serviceId]?.spec.name ?? task.serviceId;
  return `${service}.${task.slot === 0 ? task.nodeId : task.slot}.${task.id}`;
}
