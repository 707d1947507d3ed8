/**
 * What the liveness judge (convergence.ts) needs from a whole run, read from its events as an
 * observer: when the cluster last changed in a way the scheduler reacts to, and every restart
 * replacement ever created, per instance and spec version.
 */
import type { Observer } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { SCHEDULER_DEBOUNCE_MS, SCHEDULER_MAX_LATENCY_MS } from '../model/defaults.js';
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

  readonly observe: Observer = (_state, event: LoggedEvent) => {
    if (event.type === 'task/created' && event.task.origin === 'restart') {
      const key = instanceKey(event.task, event.task.specVersion);
      const times = this.restarts.get(key) ?? [];
      times.push(event.task.createdAt);
      this.restarts.set(key, times);
    }
    if (NOT_A_CHANGE.has(event.type)) return;
    if (CHANGE_PREFIXES.some((prefix) => event.type.startsWith(prefix))) {
      this.lastChangeAt = event.t;
    }
  };

  /** Creation times of the restart replacements made for `task`'s instance and spec version. */
  restartsOf(task: Task): readonly SimTime[] {
    return this.restarts.get(instanceKey(task, task.specVersion)) ?? [];
  }
}

/** A replicated slot or a global node of a service, at one spec version. */
function instanceKey(task: Task, specVersion: number): string {
  return `${task.serviceId}/${task.slot === 0 ? task.nodeId : task.slot}/${specVersion}`;
}
