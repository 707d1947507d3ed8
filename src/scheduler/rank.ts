/**
 * Node ranking for one service (swarmkit's `nodeLess` in `scheduleTaskGroup`, SWARM.md 5.4):
 * 1. if either node saw SCHEDULER_FAILURES_MAX recent failures of this service version, fewer
 *    failures wins;
 * 2. fewer active tasks of this service wins;
 * 3. fewer active tasks in total wins.
 * swarmkit leaves remaining ties to Go's random map order. swarmsim breaks them deterministically:
 * 4. hostname in natural order (`node-2` before `node-10`), then
 * 5. node id, by UTF-16 code units (ids are unique, so the order is total);
 * see `tie-break.ts`, ranked once per pass into `NodeInfo.tieRank`.
 */
import { SCHEDULER_FAILURES_MAX } from '../model/defaults.js';
import type { NodeInfo } from './node-info.js';

/**
 * swarmkit's own comparison, without the tie-break: negative when `a` is strictly better for the
 * service the nodes are focused on (`focusOnService`). The batch placement uses it to decide
 * whether the next node is "strictly better".
 */
export function compareLoad(a: NodeInfo, b: NodeInfo): number {
  const failuresA = a.recentFailures;
  const failuresB = b.recentFailures;
  const failing = failuresA >= SCHEDULER_FAILURES_MAX || failuresB >= SCHEDULER_FAILURES_MAX;
  if (failing && failuresA !== failuresB) return failuresA - failuresB;
  const serviceDifference = a.serviceActive - b.serviceActive;
  if (serviceDifference !== 0) return serviceDifference;
  return a.activeTotal - b.activeTotal;
}

/** The full, total ranking: `compareLoad`, then the tie-break order (hostname, node id). */
export function compareRank(a: NodeInfo, b: NodeInfo): number {
  return compareLoad(a, b) || a.tieRank - b.tieRank;
}
