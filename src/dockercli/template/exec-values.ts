/**
 * The value rules of template execution, as pure functions: field and map-key lookup with Go's
 * complaints, what `range` iterates over, and argument counts of function calls. Each returns
 * the value, or the problem text the executor reports at the current node.
 */
import { printGoValue } from './go-print.js';
import type { GoFunction } from './signature.js';
import { GoFloat, GoMap, GoNil, GoStruct, goTypeName, type GoValue } from './values.js';

/** A value during execution; undefined is Go's invalid value (a missing map key). */
export type ExecValue = GoValue | undefined;

/** Why an operation failed, in Go's words. */
export class Problem {
  constructor(readonly message: string) {}
}

/** The absence of a piped-in value (distinct from a nil value). */
export const MISSING = Symbol('missing');
export type Missing = typeof MISSING;

/** `.name` on `receiver`: a struct field, a map entry, or Go's complaint. */
export function fieldOf(
  receiver: ExecValue,
  name: string,
  hasArgs: boolean,
  missingKey: 'invalid' | 'error',
): ExecValue | Problem {
  if (receiver === undefined) {
    if (missingKey === 'error')
      return new Problem(`nil data; no entry for key ${JSON.stringify(name)}`);
    return undefined;
  }
  if (receiver instanceof GoStruct) {
    const value = receiver.lookup(name);
    if (value !== undefined) {
      return hasArgs
        ? new Problem(`${name} has arguments but cannot be invoked as function`)
        : value;
    }
  } else if (receiver instanceof GoMap) {
    if (hasArgs) return new Problem(`${name} is not a method but has arguments`);
    const value = receiver.entries.get(name);
    if (value === undefined && missingKey === 'error') {
      return new Problem(`map has no entry for key ${JSON.stringify(name)}`);
    }
    return value;
  } else if (receiver instanceof GoNil && receiver.type.startsWith('*')) {
    return new Problem(`nil pointer evaluating ${receiver.type}.${name}`);
  }
  return new Problem(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
}

/** The (index, element) pairs `range` visits: slices, maps in key order, integers. */
export function rangeEntries(value: ExecValue, maxCount: number): [GoValue, GoValue][] | Problem {
  if (value === undefined || value instanceof GoNil) return [];
  if (Array.isArray(value)) return value.map((item, index) => [index, item]);
  if (value instanceof GoMap) return value.sortedKeys().map((k) => [k, value.entries.get(k)!]);
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value > maxCount)
      return new Problem(`swarmsim stopped the template after ${maxCount} steps`);
    return Array.from({ length: Math.max(0, value) }, (_, i) => [i, i]);
  }
  return new Problem(`range can't iterate over ${printGoValue(value)}`);
}

/** Go's complaint when `fn` gets the wrong number of arguments; null when the count fits. */
export function arityProblem(
  fn: GoFunction,
  name: string,
  given: number,
  piped: boolean,
): string | null {
  const count = given + (piped ? 1 : 0);
  const fixed = fn.variadic ? fn.params.length - 1 : fn.params.length;
  if (fn.variadic ? count >= fixed : count === fixed) return null;
  const want = fn.variadic ? `at least ${fixed}` : String(fixed);
  return `wrong number of args for ${name}: want ${want} got ${fn.variadic ? given : count}`;
}

/** A number literal: an int when it is integral, else a float64 constant. */
export function numberValue(node: { value: number; isInt: boolean }): GoValue {
  return node.isInt ? node.value : new GoFloat(node.value);
}
