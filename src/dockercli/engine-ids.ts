/**
 * Identifiers the engine has but the model does not record (network IDs, container IDs, VIPs).
 * They are derived by hashing model IDs, never drawn from the simulation's random streams: a
 * read-only command must not change what the simulation does next.
 */
import { createHash } from 'node:crypto';
import type { ClusterState } from '../model/state.js';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** 64 hex digits, like a local network, container or image ID. */
export function hexId(seed: string): string {
  return digest(seed).toString('hex');
}

/** 25 base-36 characters, like a swarm object ID. */
export function swarmId(seed: string): string {
  const bytes = digest(seed);
  let id = '';
  for (let i = 0; id.length < 25; i += 1) id += (bytes[i % bytes.length]! % 36).toString(36);
  return id;
}

/** The ID of the cluster's `ingress` overlay network. */
export function ingressNetworkId(state: ClusterState): string {
  return swarmId(`${state.cluster?.id ?? 'cluster'}/network/ingress`);
}

/** The ID of a node-local network (`bridge`, `host`, `none`, `docker_gwbridge`) on a node. */
export function localNetworkId(nodeId: string, name: string): string {
  return hexId(`${nodeId}/network/${name}`);
}

/** The ID of the container running task `taskId`. */
export function containerId(taskId: string): string {
  return hexId(`container/${taskId}`);
}

/**
 * The service's virtual IP on the ingress network, `10.0.0.N/24`: addresses from .3 on are
 * handed out in service creation order (.1 is the gateway, .2 the ingress sandbox).
 */
export function ingressVip(state: ClusterState, serviceId: string): string {
  const withIngress = state.serviceIds.filter((id) =>
    state.services[id]!.endpointPorts.some((port) => port.publishMode === 'ingress'),
  );
  const index = Math.max(0, withIngress.indexOf(serviceId));
  return `10.0.${Math.floor((index + 3) / 256)}.${(index + 3) % 256}/24`;
}
