/**
 * ResourceFilter: on when the task reserves CPU, memory or generic resources; the reservation
 * must fit in what the node has left after the tasks tracked there. Limits are never looked at.
 */
import type { GenericResource, Resources } from '../../model/types.js';
import { genericFits } from '../generic.js';
import { countNodes, type Filter } from './filter.js';

/** A fresh ResourceFilter. */
export function resourcesFilter(): Filter {
  let wanted: Resources = { nanoCPUs: 0, memoryBytes: 0 };
  let generic: readonly GenericResource[] = [];
  return {
    name: 'resources',
    appliesTo(task) {
      wanted = task.spec.resources.reservations;
      generic = wanted.generic ?? [];
      return wanted.nanoCPUs > 0 || wanted.memoryBytes > 0 || generic.length > 0;
    },
    check: (_node, { available, generic: left }) =>
      wanted.nanoCPUs <= available.nanoCPUs &&
      wanted.memoryBytes <= available.memoryBytes &&
      (generic.length === 0 || genericFits(left, generic)),
    explain: (count) => `insufficient resources on ${countNodes(count)}`,
  };
}
