/**
 * What the `docker stack` commands share: a stack is the services (and networks,
 * stack-networks.ts) labelled `com.docker.stack.namespace=NAME`; swarmsim has no secrets or
 * configs.
 */
import { compareNatural } from '../model/natural-sort.js';
import type { ClusterState } from '../model/state.js';
import type { Service } from '../model/types.js';
import { NAMESPACE_LABEL } from './compose-convert.js';
import type { ParsedFlags } from './flags.js';

/** The services of stack `name`, by name in natural order. */
export function stackServices(state: ClusterState, name: string): Service[] {
  return state.serviceIds
    .map((id) => state.services[id]!)
    .filter((service) => service.spec.labels[NAMESPACE_LABEL] === name)
    .sort((a, b) => compareNatural(a.spec.name, b.spec.name));
}

/** Every stack with its number of services, by name in code-unit order. */
export function stackCounts(state: ClusterState): { name: string; services: number }[] {
  const counts = new Map<string, number>();
  for (const id of state.serviceIds) {
    const name = state.services[id]!.spec.labels[NAMESPACE_LABEL];
    if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, services]) => ({ name, services }));
}

/** The same parsed flags with one more `--filter` (the stack's namespace label). */
export function withNamespaceFilter(parsed: ParsedFlags, stack: string): ParsedFlags {
  const filter = { name: 'label', value: `${NAMESPACE_LABEL}=${stack}` };
  return {
    ...parsed,
    values: { ...parsed.values, filter: [...(parsed.values.filter ?? []), filter] },
  };
}
