/**
 * swarmsim's deterministic tie-break between nodes the ranking finds equal (swarmkit leaves
 * those ties to Go's random map order): hostname in natural order (`node-2` before `node-10`),
 * then node id by UTF-16 code units. Ids are unique, so the order is total.
 */
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

const CHUNK = /\d+|\D+/g;

/**
 * Natural order: runs of digits compare as numbers (by length once leading zeros are dropped,
 * then digit by digit, so any length works), everything else by UTF-16 code units; a full tie
 * falls back to code units of the whole string. Locale-free: the same answer on every machine.
 */
export function compareNatural(a: string, b: string): number {
  if (a === b) return 0;
  const chunksA = a.match(CHUNK) ?? [];
  const chunksB = b.match(CHUNK) ?? [];
  const shared = Math.min(chunksA.length, chunksB.length);
  for (let index = 0; index < shared; index += 1) {
    const chunkA = chunksA[index]!;
    const chunkB = chunksB[index]!;
    const numeric = isDigits(chunkA) && isDigits(chunkB);
    const order = numeric ? compareDigits(chunkA, chunkB) : compareCodeUnits(chunkA, chunkB);
    if (order !== 0) return order;
  }
  // Equal up to here (`2` and `02` count as equal): the shorter wins, then plain code units.
  return chunksA.length - chunksB.length || compareCodeUnits(a, b);
}

function isDigits(chunk: string): boolean {
  const code = chunk.charCodeAt(0);
  return code >= 48 && code <= 57;
}

function compareDigits(a: string, b: string): number {
  const trimmedA = a.replace(/^0+/, '');
  const trimmedB = b.replace(/^0+/, '');
  if (trimmedA.length !== trimmedB.length) return trimmedA.length - trimmedB.length;
  return compareCodeUnits(trimmedA, trimmedB);
}
