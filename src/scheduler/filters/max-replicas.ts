/**
 * MaxReplicasFilter: on when the task sets `--replicas-max-per-node`; the node must run fewer
 * active tasks of the service than that. docker's text does not depend on the count (nor is it
 * grammatical), and it is reproduced as is.
 */
import { activeOfService } from '../node-info.js';
import type { Filter } from './filter.js';

/** A fresh MaxReplicasFilter. */
export function maxReplicasFilter(): Filter {
  let serviceId = '';
  let maxReplicas = 0;
  return {
    name: 'max-replicas',
    appliesTo(task) {
      serviceId = task.serviceId;
      maxReplicas = task.spec.placement.maxReplicas;
      return maxReplicas > 0;
    },
    check: (_node, info) => activeOfService(info, serviceId) < maxReplicas,
    explain: () => 'max replicas per node limit exceed',
  };
}
