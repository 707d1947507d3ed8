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
  const exact = state.services[input];
  if (exact) return exact;
  const services = state.serviceIds.map((id) => state.services[id]!);
  const lower = input.toLowerCase();
  const byName = services.filter((service) => service.spec.name.toLowerCase() === lower);
  const matches = byName.length > 0 ? byName : services.filter((s) => s.id.startsWith(input));
  return pickOne('service', input, matches);
}

/** Finds a node by ID, hostname or ID prefix. */
export function findNode(state: ClusterState, input: string): Node | ApiError {
  const exact = state.nodes[input];
  if (exact) return exact;
  const nodes = state.nodeIds.map((id) => state.nodes[id]!);
  const lower = input.toLowerCase();
  const byName = nodes.filter((node) => node.description.hostname.toLowerCase() === lower);
  const matches = byName.length > 0 ? byName : nodes.filter((node) => node.id.startsWith(input));
  return pickOne('node', input, matches);
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
