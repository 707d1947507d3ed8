/**
 * The restart supervisor's memory of restarts (swarmkit `restart.go` instanceRestartInfo): per
 * (service, slot) for replicated services, per (service, node) for global ones. It lives only in
 * the orchestrator's memory, is derived from the restarts it performed, and is reset whenever
 * the service's SpecVersion changes, so MaxAttempts counts restarts of the current spec only.
 * It is also lost at every new leadership: swarmkit's new leader starts fresh orchestrators.
 */
import type { SimTime, Task } from '../model/types.js';

interface InstanceHistory {
  /** The SpecVersion of the replacements counted below. */
  specVersion: number;
  totalRestarts: number;
  /** Creation times of the replacements, oldest first; kept only when a Window is set. */
  restartTimes: SimTime[] | null;
}

/** Identifies one instance: the slot (replicated) or the node (global) of a service. */
export interface InstanceKey {
  serviceId: string;
  /** Replicated slot; 0 for global services. */
  slot: number;
  /** Global node; "" for replicated services. */
  nodeId: string;
}

export class RestartHistory {
  private readonly byService = new Map<string, Map<string, InstanceHistory>>();
  /** The leadership (src/raft/leadership.ts) the history was gathered under. */
  private leadership = -1;

  /** Forgets everything when `key` names another leadership than the one so far. */
  enterLeadership(key: number): void {
    if (key === this.leadership) return;
    this.leadership = key;
    this.byService.clear();
  }

  /** Counts `replacement` as one restart of its instance (only when MaxAttempts limits them). */
  record(key: InstanceKey, replacement: Task): void {
    const policy = replacement.spec.restart;
    if (policy.maxAttempts === 0) return;
    let instances = this.byService.get(key.serviceId);
    if (!instances) {
      instances = new Map();
      this.byService.set(key.serviceId, instances);
    }
    let info = instances.get(instanceId(key));
    if (!info || info.specVersion !== replacement.specVersion) {
      info = { specVersion: replacement.specVersion, totalRestarts: 0, restartTimes: null };
      instances.set(instanceId(key), info);
    }
    info.totalRestarts += 1;
    if (policy.windowMs !== 0) {
      info.restartTimes ??= [];
      info.restartTimes.push(replacement.createdAt);
    }
  }

  /**
   * Whether MaxAttempts still allows restarting `task` (the failing one). Without a Window every
   * restart of this spec counts; with one, only restarts created within (failure − Window,
   * failure). Restarts that fell out of the window are forgotten for good, as in swarmkit.
   */
  attemptsLeft(key: InstanceKey, task: Task): boolean {
    const policy = task.spec.restart;
    if (policy.maxAttempts === 0) return true;
    const info = this.byService.get(key.serviceId)?.get(instanceId(key));
    if (!info || info.specVersion !== task.specVersion) return true;
    if (policy.windowMs === 0) return info.totalRestarts < policy.maxAttempts;
    if (!info.restartTimes) return true;
    // The status time of a failed task is when it failed (swarmkit: AppliedAt, else Timestamp).
    const failedAt = task.status.timestamp;
    const lookback = failedAt - policy.windowMs;
    while (info.restartTimes.length > 0 && info.restartTimes[0]! <= lookback) {
      info.restartTimes.shift();
    }
    let restarts = info.restartTimes.length;
    for (let i = info.restartTimes.length - 1; i >= 0; i -= 1) {
      if (info.restartTimes[i]! < failedAt) break;
      restarts -= 1;
    }
    if (info.restartTimes.length === 0) info.restartTimes = null;
    return restarts < policy.maxAttempts;
  }

  /** Forgets a deleted service. */
  clearService(serviceId: string): void {
    this.byService.delete(serviceId);
  }
}

function instanceId(key: InstanceKey): string {
  return `${key.slot}/${key.nodeId}`;
}
