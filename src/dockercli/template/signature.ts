/**
 * What a template function accepts, and Go's argument checks: a literal of the wrong kind is
 * `expected string; found 3`, an evaluated value of the wrong type is
 * `wrong type for value; expected string; got int`.
 */
import type { Operand } from './nodes.js';
import { nodeString } from './nodes.js';
import { GoNil, goTypeName, type GoValue } from './values.js';

/** A parameter's Go type, as far as swarmsim checks it. */
export type ParamKind = 'any' | 'string' | 'int' | '[]string';

/** A function callable from templates. */
export interface GoFunction {
  params: readonly ParamKind[];
  /** The last parameter repeats (`...interface{}`). */
  variadic?: boolean;
  /** `and`/`or`: evaluate arguments lazily and return the deciding one. */
  shortCircuit?: boolean;
  /** Computes the result; throws FunctionError for Go's `error calling f: ...`. */
  call(args: (GoValue | undefined)[]): GoValue | undefined;
}

/** An error a function returned (Go's second result). */
export class FunctionError extends Error {
  override name = 'FunctionError';
}

const GO_TYPE: Readonly<Record<ParamKind, string>> = {
  any: 'interface {}',
  string: 'string',
  int: 'int',
  '[]string': '[]string',
};

/** Go's complaint about `value` for a parameter of `kind`, or null when it fits. */
export function checkArgument(
  kind: ParamKind,
  value: GoValue | undefined,
  arg: Operand | null,
): string | null {
  if (kind === 'any') return null;
  if (arg && ['number', 'string', 'bool', 'nil'].includes(arg.kind)) {
    if (fitsLiteral(kind, arg)) return null;
    if (arg.kind === 'nil') return `cannot assign nil to ${GO_TYPE[kind]}`;
    const expected = kind === 'string' ? 'string' : kind === 'int' ? 'integer' : GO_TYPE[kind];
    return `expected ${expected}; found ${nodeString(arg)}`;
  }
  if (value === undefined) return `invalid value; expected ${GO_TYPE[kind]}`;
  if (fits(kind, value)) return null;
  return `wrong type for value; expected ${GO_TYPE[kind]}; got ${goTypeName(value)}`;
}

function fitsLiteral(kind: ParamKind, arg: Operand): boolean {
  if (kind === 'string') return arg.kind === 'string';
  if (kind === 'int') return arg.kind === 'number' && arg.isInt;
  return arg.kind === 'nil';
}

function fits(kind: ParamKind, value: GoValue): boolean {
  if (kind === 'string') return typeof value === 'string';
  if (kind === 'int') return typeof value === 'number';
  if (value instanceof GoNil) return value.type === '[]string';
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
