/**
 * What the liveness judge (convergence.ts) needs from a whole run, read from its events as an
 * observer: when the cluster last changed in a way the scheduler reacts to, every restart
 * replacement ever created, per instance and spec version, and the slots swarmkit leaves empty
 * for good after a quick scale down and up.
 */
import type { Observer } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { SCHEDULER_DEBOUNCE_MS, SCHEDULER_MAX_LATENCY_MS } from '../model/defaults.js';
import type { ClusterState } from '../model/state.js';
import { tasksOfService } from '../model/state.js';
import { TASK_STATE_NUMBER } from '../model/task-state.js';
import type { SimTime, Task } from '../model/types.js';

/** How long after the last change every pending task has been through a scheduling pass, ms. */
export const SCHEDULER_SETTLE_MS = SCHEDULER_MAX_LATENCY_MS + SCHEDULER_DEBOUNCE_MS;

/** Events that are no change to placement: logs, status refreshes, pulls, narration. */
const NOT_A_CHANGE = new Set(['task/logged', 'task/statusRefreshed', 'node/imagePulled']);
const CHANGE_PREFIXES = ['node/', 'task/', 'service/', 'raft/', 'fault/'];

/**
 * What the judge needs from the whole run, read from its events: when the cluster last changed
 * in a way the scheduler reacts to, and every restart replacement ever created per instance and
 * spec version (the tasks themselves may since have been reaped or scaled away, while the
 * orchestrator still counts them against MaxAttempts).
 */
export class ConvergenceWatch {
  lastChangeAt: SimTime = 0;
  private readonly restarts = new Map<string, SimTime[]>();
  /** Tasks told to go away under restart condition none, by id: their service and slot. */
  private readonly removing = new Map<string, { serviceId: string; slot: number }>();
  /** Per service, the slots lost at a scale-up (see lostSlots). */
  private readonly lost = new Map<string, number[]>();

  readonly observe: Observer = (state, event: LoggedEvent) => {
    if (event.type === 'task/created' && event.task.origin === 'restart') {
      const key = instanceKey(event.task, event.task.specVersion);
      const times = this.restarts.get(key) ?? [];
      times.push(event.task.createdAt);
      this.restarts.set(key, times);
    }
    if (event.type === 'task/desiredStateChanged' && event.desiredState === 'remove') {
      const task = state.tasks[event.taskId];
      if (task && task.slot > 0 && task.spec.restart.condition === 'none') {
        this.removing.set(task.id, { serviceId: task.serviceId, slot: task.slot });
      }
    }
    if (event.type === 'task/removed') this.noteRemoval(state, event.taskId);
    if (NOT_A_CHANGE.has(event.type)) return;
    if (CHANGE_PREFIXES.some((prefix) => event.type.startsWith(prefix))) {
      this.lastChangeAt = event.t;
    }
  };

  /**
   * The slots of `serviceId` that swarmkit left without a task for good: a scale-down told the
   * slot's task to go, a scale-up came before it was gone, and under restart condition none
   * the orchestrator counts that task as the slot's (restart.go UpdatableTasksInSlot), so it
   * made none; deleting the task reconciles nothing. Recorded when the task is deleted while
   * the service still wants more slots than hold a task meant to run
   * (test/fixtures/real-docker/scale-restart-none: the real engine stayed at 0/1).
   */
  lostSlots(serviceId: string): readonly number[] {
    return this.lost.get(serviceId) ?? [];
  }

  private noteRemoval(state: ClusterState, taskId: string): void {
    const removed = this.removing.get(taskId);
    if (!removed) return;
    this.removing.delete(taskId);
    const service = state.services[removed.serviceId];
    if (!service || !('replicated' in service.spec.mode)) return;
    const tasks = tasksOfService(state, service.id);
    if (tasks.some((task) => task.slot === removed.slot)) return;
    const meant = tasks.filter(
      (task) => TASK_STATE_NUMBER[task.desiredState] <= TASK_STATE_NUMBER.running,
    );
    const held = new Set(meant.map((task) => task.slot)).size;
    if (held >= service.spec.mode.replicated.replicas) return;
    this.lost.set(service.id, [...this.lostSlots(service.id), removed.slot]);
  }

  /** Creation times of the restart replacements made for `task`'s instance and spec version. */
  restartsOf(task: Task): readonly SimTime[] {
    return this.restarts.get(instanceKey(task, task.specVersion)) ?? [];
  }
}

/** A replicated slot or a global node of a service, at one spec version. */
function instanceKey(task: Task, specVersion: number): string {
  return `${task.serviceId}/${task.slot === 0 ? task.nodeId : task.slot}/${specVersion}`;
}
