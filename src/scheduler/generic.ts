/**
 * Generic resources (swarmkit `api/genericresource`, SWARM.md 5.10): what a node has left of
 * each kind, whether a task's discrete requests fit, and which values a placed task takes.
 * Named values are handed out in the node's listed order, so the choice is deterministic.
 */
import type { GenericResource } from '../model/types.js';

/** Per kind, what is left on a node: a discrete count, or the free named values in node order. */
export type GenericPool = Map<string, number | string[]>;

/** The pool of a node's advertised generic resources, nothing held yet. */
export function genericPool(advertised: readonly GenericResource[] | undefined): GenericPool {
  const pool: GenericPool = new Map();
  for (const { kind, value } of advertised ?? []) {
    const held = pool.get(kind);
    if (typeof value === 'string') {
      // A kind advertised both ways keeps the first form seen; mixing them is an engine error.
      if (held === undefined) pool.set(kind, [value]);
      else if (Array.isArray(held)) held.push(value);
    } else if (held === undefined) pool.set(kind, value);
    else if (typeof held === 'number') pool.set(kind, held + value);
  }
  return pool;
}

/** How many units of `kind` are left in the pool (0 when the node has none). */
function amountLeft(pool: GenericPool, kind: string): number {
  const held = pool.get(kind);
  if (held === undefined) return 0;
  return typeof held === 'number' ? held : held.length;
}

/** Whether every discrete request (`value` a count) fits in what the pool has left. */
export function genericFits(pool: GenericPool, requests: readonly GenericResource[]): boolean {
  return requests.every(({ kind, value }) => Number(value) <= amountLeft(pool, kind));
}

/**
 * Takes `requests` out of the pool and returns what was taken: the first free named values of a
 * named kind, else a discrete count. A request that does not fit takes what is there; counts may
 * go negative, as CPU and memory do.
 */
export function claimGeneric(
  pool: GenericPool,
  requests: readonly GenericResource[],
): GenericResource[] {
  const taken: GenericResource[] = [];
  for (const { kind, value } of requests) {
    const count = Number(value);
    const held = pool.get(kind);
    if (Array.isArray(held)) {
      for (const name of held.splice(0, count)) taken.push({ kind, value: name });
    } else {
      pool.set(kind, (held ?? 0) - count);
      taken.push({ kind, value: count });
    }
  }
  return taken;
}

/** Takes exactly `assigned` (the values a tracked task already holds) out of the pool. */
export function holdAssigned(pool: GenericPool, assigned: readonly GenericResource[]): void {
  for (const { kind, value } of assigned) {
    const held = pool.get(kind);
    if (typeof value === 'string') {
      if (!Array.isArray(held)) continue;
      const index = held.indexOf(value);
      if (index >= 0) held.splice(index, 1);
    } else if (typeof held === 'number') pool.set(kind, held - value);
    else if (held === undefined) pool.set(kind, -value);
  }
}

/** Whether the pool still has every value of `assigned` (the constraint enforcer's check). */
export function assignedStillThere(
  pool: GenericPool,
  assigned: readonly GenericResource[],
): boolean {
  return assigned.every(({ kind, value }) => {
    const held = pool.get(kind);
    if (typeof value === 'string') return Array.isArray(held) && held.includes(value);
    return typeof held === 'number' && held >= value;
  });
}

/**
 * A node's advertised resources from dockerd's `--node-generic-resource` syntax: `SSD=3` is a
 * discrete count, `GPU=UUID1` one named value (a value that is not an integer is a name).
 */
export function parseNodeGenericResources(entries: readonly string[]): GenericResource[] {
  return entries.map((entry) => {
    const [kind, value, extra] = entry.split('=');
    if (!kind || !value || extra !== undefined) {
      throw new RangeError(`invalid generic resource '${entry}': want KIND=VALUE`);
    }
    return { kind, value: /^\d+$/.test(value) ? Number(value) : value };
  });
}
