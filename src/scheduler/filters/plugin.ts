/**
 * PluginFilter: in swarmkit it is on when the task uses networks, a log driver or a non-local
 * volume driver, and checks that the node's engine lists those plugins. swarmsim models none of
 * these yet (no task networks, log drivers or volume mounts), so it never applies; it stays in
 * the pipeline so the filter order, and with it the attribution of failures, matches swarmkit.
 */
import { countNodes, type Filter } from './filter.js';

/** A fresh PluginFilter (never applies until tasks carry networks, log drivers or volumes). */
export function pluginFilter(): Filter {
  return {
    name: 'plugin',
    appliesTo: () => false,
    check: () => true,
    explain: (count) => `missing plugin on ${countNodes(count)}`,
  };
}
