/**
 * How dockerd resolves what the user typed into a service or node (`moby:daemon/cluster/
 * helpers.go`): the full ID first, then the exact name (case-insensitive, as swarmkit's name
 * index is lower-cased), then an ID prefix. Only a prefix (or a shared hostname) can be ambiguous.
 * These errors come from the engine, not swarmkit, so docker prints them without the rpc wrapper.
 */
import type { ClusterState } from '../model/state.js';
import type { Node, Service } from '../model/types.js';
import { ApiError } from './errors.js';

/** Finds a service by ID, name or ID prefix. */
export function findService(state: ClusterState, input: string): Service | ApiError {
  const nameOf = (service: Service) => service.spec.name;
  return findRecord('service', input, state.services, state.serviceIds, nameOf);
}

/** Finds a node by ID, hostname or ID prefix. */
export function findNode(state: ClusterState, input: string): Node | ApiError {
  const nameOf = (node: Node) => node.description.hostname;
  return findRecord('node', input, state.nodes, state.nodeIds, nameOf);
}

/** The full ID, else the names equal but for case, else the IDs that start with `input`. */
function findRecord<T extends { id: string }>(
  kind: 'service' | 'node',
  input: string,
  records: Readonly<Record<string, T>>,
  ids: readonly string[],
  nameOf: (record: T) => string,
): T | ApiError {
  const exact = records[input];
  if (exact) return exact;
  const all = ids.map((id) => records[id]!);
  const lower = input.toLowerCase();
  const byName = all.filter((record) => nameOf(record).toLowerCase() === lower);
  const matches = byName.length > 0 ? byName : all.filter((record) => record.id.startsWith(input));
  return pickOne(kind, input, matches);
}

function pickOne<T>(kind: 'service' | 'node', input: string, matches: T[]): T | ApiError {
  const [first] = matches;
  if (first === undefined) return new ApiError('NotFound', `${kind} ${input} not found`, 'engine');
  if (matches.length > 1) {
    const message = `${kind} ${input} is ambiguous (${matches.length} matches found)`;
    return new ApiError('InvalidArgument', message, 'engine');
  }
  return first;
}
