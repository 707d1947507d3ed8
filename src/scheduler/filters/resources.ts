/**
 * ResourceFilter: on when the task reserves CPU or memory; the reservation must fit in what the
 * node has left after the reservations of the tasks tracked there. Limits are never looked at.
 */
import type { Resources } from '../../model/types.js';
import { countNodes, type Filter } from './filter.js';

/** A fresh ResourceFilter. */
export function resourcesFilter(): Filter {
  let wanted: Resources = { nanoCPUs: 0, memoryBytes: 0 };
  return {
    name: 'resources',
    appliesTo(task) {
      wanted = task.spec.resources.reservations;
      return wanted.nanoCPUs > 0 || wanted.memoryBytes > 0;
    },
    check: (_node, { available }) =>
      wanted.nanoCPUs <= available.nanoCPUs && wanted.memoryBytes <= available.memoryBytes,
    explain: (count) => `insufficient resources on ${countNodes(count)}`,
  };
}
