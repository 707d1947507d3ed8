/**
 * HostPortFilter: on when the task publishes a host-mode port with a fixed number; no task
 * tracked on the node may hold the same (protocol, port). This is what makes host-mode services
 * one task per node (SWARM.md 13.20).
 */
import { fixedHostPorts } from '../node-info.js';
import { countNodes, type Filter } from './filter.js';

/** A fresh HostPortFilter. */
export function hostPortFilter(): Filter {
  let ports: string[] = [];
  return {
    name: 'host-port',
    appliesTo(task) {
      ports = fixedHostPorts(task);
      return ports.length > 0;
    },
    check: (_node, info) => ports.every((key) => !info.hostPorts.has(key)),
    explain: (count) => `host-mode port already in use on ${countNodes(count)}`,
  };
}
