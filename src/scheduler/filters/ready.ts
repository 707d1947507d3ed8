/**
 * ReadyFilter, always on and always first: a node takes new tasks only when it is READY and
 * ACTIVE. Being first is why a drained or down node is reported as "not available" rather than
 * as failing whatever other filter it would also fail (SWARM.md 13.6).
 */
import { countNodes, type Filter } from './filter.js';

/** A fresh ReadyFilter. */
export function readyFilter(): Filter {
  return {
    name: 'ready',
    appliesTo: () => true,
    check: (node) => node.status.state === 'ready' && node.availability === 'active',
    explain: (count) => `${countNodes(count)} not available for new tasks`,
  };
}
