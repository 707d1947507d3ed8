/**
 * Who holds which address: a service's VIPs, a task's attachments, a node's load-balancer
 * attachments; how the API and the allocator choose them (swarmkit `manager/allocator/
 * network.go`: allocateService, taskCreateNetworkAttachments, getNodeNetworks), and the
 * read side other modules use (`taskAddresses`, `serviceVips`).
 */
import type { ClusterState } from '../model/state.js';
import { compareTaskStates } from '../model/task-state.js';
import type {
  NetworkAddress,
  PortConfig,
  ServiceSpec,
  Task,
  TaskNetworkAttachment,
} from '../model/types.js';
import { nextAddress } from './ipam.js';
import { ingressNetwork } from './networks.js';

/** One address of a task or service, with its network's name, for display and routing. */
export interface NamedAddress {
  networkId: string;
  networkName: string;
  /** `10.0.1.5/24` */
  addr: string;
}

/** A task's addresses in attachment order (ingress first); empty when it has none. */
export function taskAddresses(state: ClusterState, taskId: string): NamedAddress[] {
  const attachments = state.tasks[taskId]?.networks ?? [];
  return attachments.flatMap((attachment) =>
    attachment.addresses.map((addr) => named(state, attachment.networkId, addr)),
  );
}

/** A service's VIPs as Endpoint.VirtualIPs lists them; empty for dnsrr or no network. */
export function serviceVips(state: ClusterState, serviceId: string): NamedAddress[] {
  const vips = state.services[serviceId]?.virtualIps ?? [];
  return vips.map((vip) => named(state, vip.networkId, vip.addr));
}

function named(state: ClusterState, networkId: string, addr: string): NamedAddress {
  return { networkId, networkName: state.networks?.[networkId]?.name ?? '', addr };
}

/** True when the service publishes a port through the routing mesh (IsIngressNetworkNeeded). */
export function needsIngress(ports: readonly PortConfig[]): boolean {
  return ports.some((port) => port.publishMode === 'ingress');
}

/**
 * The VIPs a service holds after a create or update: in vip mode, one per network it is on,
 * keeping those it had (in their order) and appending the others (ingress, then the spec's
 * networks in order); none in dnsrr mode. swarmkit drops a stale ingress VIP by moving the last
 * VIP into its place, which this keeps.
 */
export function planServiceVips(
  state: ClusterState,
  spec: ServiceSpec,
  ports: readonly PortConfig[],
  current: readonly NetworkAddress[],
): NetworkAddress[] {
  if (spec.endpoint.mode === 'dnsrr') return [];
  const ingress = ingressNetwork(state);
  const wanted = (spec.task.networks ?? []).map((config) => config.target);
  let kept = current.filter(
    (vip) => wanted.includes(vip.networkId) || vip.networkId === ingress?.id,
  );
  const stale = kept.findIndex((vip) => vip.networkId === ingress?.id);
  if (stale >= 0 && !needsIngress(ports)) {
    kept = [...kept];
    const last = kept.pop()!;
    if (stale < kept.length) kept[stale] = last;
  }
  const order = [...(ingress && needsIngress(ports) ? [ingress.id] : []), ...wanted];
  const taken: string[] = [];
  const result = kept.map((vip) => ({ ...vip }));
  for (const networkId of order) {
    if (result.some((vip) => vip.networkId === networkId)) continue;
    const network = state.networks?.[networkId];
    const addr = network ? nextAddress(network, taken) : null;
    if (addr === null) continue;
    taken.push(addr.split('/')[0]!);
    result.push({ networkId, addr });
  }
  return result;
}

/**
 * The attachments the allocator gives a new task: the ingress network when its service
 * publishes ingress ports, then the task spec's networks; a network gone meanwhile is skipped.
 */
export function planTaskAttachments(state: ClusterState, task: Task): TaskNetworkAttachment[] {
  const service = state.services[task.serviceId];
  const ingress = ingressNetwork(state);
  const configs = [
    ...(ingress && service && needsIngress(service.endpointPorts)
      ? [{ target: ingress.id, aliases: [] as string[] }]
      : []),
    ...(task.spec.networks ?? []),
  ];
  const attachments: TaskNetworkAttachment[] = [];
  for (const config of configs) {
    const network = state.networks?.[config.target];
    const addr = network ? nextAddress(network) : null;
    if (addr === null) continue;
    attachments.push({
      networkId: config.target,
      driver: network!.driver,
      addresses: [addr],
      aliases: [...config.aliases],
    });
  }
  return attachments;
}

/**
 * A node's load-balancer attachments as the allocator wants them (getNodeNetworks): one on every
 * overlay a live task of the node is attached to, and one on ingress. Those it has are kept in
 * their order; the others are appended (tasks' networks in the node's task order, then
 * ingress); null when nothing changes.
 */
export function planNodeAttachments(state: ClusterState, nodeId: string): NetworkAddress[] | null {
  const node = state.nodes[nodeId];
  if (!node) return null;
  const wanted: string[] = [];
  for (const taskId of state.tasksByNode[nodeId] ?? []) {
    const task = state.tasks[taskId]!;
    if (compareTaskStates(task.status.state, 'running') > 0) continue;
    for (const attachment of task.networks ?? []) {
      const network = state.networks?.[attachment.networkId];
      if (network?.driver === 'overlay' && !wanted.includes(network.id)) wanted.push(network.id);
    }
  }
  const ingress = ingressNetwork(state);
  if (ingress && !wanted.includes(ingress.id)) wanted.push(ingress.id);
  const current = node.attachments ?? [];
  const result = current.filter((attachment) => wanted.includes(attachment.networkId));
  for (const networkId of wanted) {
    if (result.some((attachment) => attachment.networkId === networkId)) continue;
    const addr = nextAddress(state.networks![networkId]!);
    if (addr !== null) result.push({ networkId, addr });
  }
  const same =
    result.length === current.length &&
    result.every((a, i) => a.networkId === current[i]!.networkId && a.addr === current[i]!.addr);
  return same ? null : result;
}
