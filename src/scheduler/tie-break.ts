/**
 * swarmsim's deterministic tie-break between nodes the ranking finds equal (swarmkit leaves
 * those ties to Go's random map order): hostname in natural order (`node-2` before `node-10`,
 * the order `docker node ls` shows), then node id by UTF-16 code units. Ids are unique, so the
 * order is total.
 */
import { compareNatural } from '../model/natural-sort.js';
import type { Node } from '../model/types.js';

/** Negative when `a` comes first in the tie-break order. */
export function compareTieBreak(a: { node: Node }, b: { node: Node }): number {
  const hostname = compareNatural(a.node.description.hostname, b.node.description.hostname);
  return hostname || compareCodeUnits(a.node.id, b.node.id);
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
