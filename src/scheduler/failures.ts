/**
 * Recent task failures per (node, service, spec version), swarmkit's `recentFailures` in
 * `nodeinfo.go`. The scheduler ranks a node last for a service version once it saw
 * SCHEDULER_FAILURES_MAX FAILED or REJECTED tasks of it there within SCHEDULER_FAILURE_WINDOW_MS.
 * It is leader memory, fed from task events, and never part of the cluster state.
 */
import { SCHEDULER_FAILURE_WINDOW_MS } from '../model/defaults.js';
import type { SimTime } from '../model/types.js';

/** What the planner needs to know about failures. */
export interface FailureHistory {
  /** Failures of the service version per node id within the window ending at `now` (ms). */
  countsByNode(serviceId: string, specVersion: number, now: SimTime): ReadonlyMap<string, number>;
}

const NONE: ReadonlyMap<string, number> = new Map();

function versionKey(serviceId: string, specVersion: number): string {
  return `${serviceId}\u0000${specVersion}`;
}

function isRecent(time: SimTime, now: SimTime): boolean {
  // A failure exactly one window old still counts, as in swarmkit's countRecentFailures.
  return now - time <= SCHEDULER_FAILURE_WINDOW_MS;
}

/** A FailureHistory that failures are recorded into, forgetting them after the window. */
export class RecentFailures implements FailureHistory {
  /**
   * Failure times (ms, oldest first) per service version, then per node id. The maps are only
   * looked up by key or filtered, never iterated to make a decision.
   */
  private readonly times = new Map<string, Map<string, SimTime[]>>();
  private lastCleanupAt: SimTime = 0;

  /** Records that a task of the service version failed (or was rejected) on the node at `at`. */
  record(nodeId: string, serviceId: string, specVersion: number, at: SimTime): void {
    if (at - this.lastCleanupAt >= SCHEDULER_FAILURE_WINDOW_MS) this.cleanup(at);
    const key = versionKey(serviceId, specVersion);
    const byNode = this.times.get(key) ?? new Map<string, SimTime[]>();
    this.times.set(key, byNode);
    const recent = (byNode.get(nodeId) ?? []).filter((time) => isRecent(time, at));
    recent.push(at);
    byNode.set(nodeId, recent);
  }

  /** Failures of the service version on one node within the window ending at `now`. */
  count(nodeId: string, serviceId: string, specVersion: number, now: SimTime): number {
    const recent = this.times.get(versionKey(serviceId, specVersion))?.get(nodeId) ?? [];
    return recent.filter((time) => isRecent(time, now)).length;
  }

  countsByNode(serviceId: string, specVersion: number, now: SimTime): ReadonlyMap<string, number> {
    const byNode = this.times.get(versionKey(serviceId, specVersion));
    if (!byNode) return NONE;
    const counts = new Map<string, number>();
    for (const [nodeId, recent] of byNode) {
      const count = recent.filter((time) => isRecent(time, now)).length;
      if (count > 0) counts.set(nodeId, count);
    }
    return counts;
  }

  /** Drops entries whose failures are all past the window, so memory stays bounded. */
  private cleanup(now: SimTime): void {
    for (const [key, byNode] of this.times) {
      for (const [nodeId, recent] of byNode) {
        if (!recent.some((time) => isRecent(time, now))) byNode.delete(nodeId);
      }
      if (byNode.size === 0) this.times.delete(key);
    }
    this.lastCleanupAt = now;
  }
}
