/**
 * Placement constraint expressions, as swarmkit reads them (`manager/constraint/constraint.go`,
 * SWARM.md 5.9): `<key> == <value>` or `<key> != <value>`, all of which must hold.
 * Values compare case-insensitively and in full; a missing attribute or label reads as "".
 */
import type { Node } from '../model/types.js';
import { parseIpv4 } from '../network/ipam.js';

export type ConstraintOperator = '==' | '!=';

export interface Constraint {
  /** The key as written, e.g. `node.labels.zone`. */
  key: string;
  operator: ConstraintOperator;
  value: string;
}

/** A constraint the control API rejects; `message` is swarmkit's text. */
export class ConstraintError extends Error {
  override name = 'ConstraintError';
}

/** `==` is tried first, so `a==b!=c` splits at `==`. */
const OPERATORS: readonly ConstraintOperator[] = ['==', '!='];
const KEY_PATTERN = /^[a-z_][a-z0-9\-_.]+$/i;
const VALUE_PATTERN = /^[a-z0-9:\-_\s.*()?+[\]\\^$|/]+$/i;

/** Parses one expression, throwing swarmkit's message when it is malformed. */
export function parseConstraint(expression: string): Constraint {
  for (const operator of OPERATORS) {
    const at = expression.indexOf(operator);
    if (at < 0) continue;
    const key = expression.slice(0, at).trim();
    if (!KEY_PATTERN.test(key)) throw new ConstraintError(`key '${key}' is invalid`);
    const value = expression.slice(at + operator.length).trim();
    if (!VALUE_PATTERN.test(value)) throw new ConstraintError(`value '${value}' is invalid`);
    return { key, operator, value };
  }
  throw new ConstraintError(`constraint expected one operator from ${OPERATORS.join(', ')}`);
}

/** Parses every expression; throws on the first malformed one. */
export function parseConstraints(expressions: readonly string[]): Constraint[] {
  return expressions.map(parseConstraint);
}

/**
 * The node attribute a key names, or null when the key names nothing swarmkit knows, in which
 * case no node satisfies the constraint whatever the operator.
 */
function nodeAttribute(node: Node, key: string): string | null {
  const lower = key.toLowerCase();
  switch (lower) {
    case 'node.id':
      return node.id;
    case 'node.hostname':
      return node.description.hostname;
    case 'node.role':
      return node.role;
    case 'node.platform.os':
      return node.description.platform.os;
    case 'node.platform.arch':
      return node.description.platform.architecture;
    case 'node.ip':
      return node.status.addr;
  }
  // Label names keep their case: only the prefix is matched case-insensitively.
  if (lower.startsWith('node.labels.')) return node.labels[key.slice('node.labels.'.length)] ?? '';
  if (lower.startsWith('engine.labels.')) {
    return node.description.engineLabels[key.slice('engine.labels.'.length)] ?? '';
  }
  return null;
}

/** Whether `node` satisfies one parsed constraint. */
export function nodeSatisfies(node: Node, constraint: Constraint): boolean {
  const attribute = nodeAttribute(node, constraint.key);
  if (attribute === null) return false;
  const equal =
    constraint.key.toLowerCase() === 'node.ip'
      ? ipMatches(attribute, constraint.value)
      : attribute.toLowerCase() === constraint.value.toLowerCase();
  return constraint.operator === '==' ? equal : !equal;
}

/** Whether `node` satisfies every constraint (an empty list always matches). */
export function nodeMatchesConstraints(node: Node, constraints: readonly Constraint[]): boolean {
  return constraints.every((constraint) => nodeSatisfies(node, constraint));
}

/**
 * `node.ip` compares the node address with an IPv4 address or CIDR. A malformed value never
 * matches, so with `!=` every node matches it (swarmkit behaves the same way).
 */
function ipMatches(addr: string, value: string): boolean {
  const [network, prefixText] = value.split('/');
  const nodeIp = parseIpv4(addr);
  const networkIp = parseIpv4(network ?? '');
  if (nodeIp === null || networkIp === null) return false;
  if (prefixText === undefined) return nodeIp === networkIp;
  const prefix = Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  return ((nodeIp & mask) >>> 0) === ((networkIp & mask) >>> 0);
}

