/**
 * The fold for networks and the addresses their IPAM hands out. Allocation decisions (which
 * subnet, which address) are made by the allocator and the API and recorded in the events; the
 * fold only books them, so a replay needs no allocator: an address is in use from the event that
 * names it until its holder lets go (a task that stopped or left the store, a service removed
 * or no longer attached, a node attachment dropped).
 */
import type { LoggedEvent } from './events.js';
import type { ClusterState } from './state.js';
import { compareTaskStates } from './task-state.js';
import type { Network, NetworkAddress, Task } from './types.js';
import { ModelViolation } from './violation.js';

type NetworkEvent = Extract<
  LoggedEvent,
  { type: 'network/created' | 'network/removed' | 'task/networksAllocated' }
>;

/** Applies `network/created`, `network/removed` or `task/networksAllocated` in place. */
export function applyNetworkEvent(state: ClusterState, event: NetworkEvent): void {
  if (event.type === 'network/created') {
    const networks = (state.networks ??= {});
    if (networks[event.network.id]) throw new ModelViolation('network created twice', event);
    networks[event.network.id] = { ...structuredClone(event.network), version: state.version };
    (state.networkIds ??= []).push(event.network.id);
    const ipv4 = event.network.ipv4;
    const pool = (state.networkPool ??= { lastSubnetIndex: -1, lastVxlanId: 0 });
    if (ipv4.fromPool && event.network.allocated) pool.lastSubnetIndex = poolIndexOf(ipv4.subnet);
    if (event.network.vxlanId > 0) pool.lastVxlanId = event.network.vxlanId;
    return;
  }
  if (event.type === 'network/removed') {
    if (!state.networks?.[event.networkId]) {
      throw new ModelViolation(`unknown network ${event.networkId}`, event);
    }
    delete state.networks[event.networkId];
    state.networkIds = (state.networkIds ?? []).filter((id) => id !== event.networkId);
    // A load-balancer attachment cannot outlive its network.
    for (const nodeId of state.nodeIds) {
      const node = state.nodes[nodeId]!;
      const kept = node.attachments?.filter((a) => a.networkId !== event.networkId);
      if (kept && kept.length !== node.attachments!.length) {
        if (kept.length > 0) node.attachments = kept;
        else delete node.attachments;
      }
    }
    return;
  }
  const task = state.tasks[event.taskId];
  if (!task) throw new ModelViolation(`unknown task ${event.taskId}`, event);
  if (task.networks) throw new ModelViolation(`task ${task.id} allocated twice`, event);
  task.version = state.version;
  task.networks = structuredClone(event.networks);
  for (const attachment of event.networks) {
    for (const addr of attachment.addresses) claim(state, attachment.networkId, addr, event);
  }
}

/** Books a node's new load-balancer attachments and frees those it no longer has. */
export function setNodeAttachments(
  state: ClusterState,
  nodeId: string,
  next: NetworkAddress[],
  event: LoggedEvent,
): void {
  const node = state.nodes[nodeId];
  if (!node) throw new ModelViolation(`unknown node ${nodeId}`, event);
  const before = node.attachments ?? [];
  releaseMissing(state, before, next);
  for (const attachment of next) {
    if (!before.some((old) => sameAddress(old, attachment))) {
      claim(state, attachment.networkId, attachment.addr, event);
    }
  }
  if (next.length > 0) node.attachments = structuredClone(next);
  else delete node.attachments;
}

/** Books a service's VIPs after a create or update; `before` are the ones it had. */
export function setServiceVips(
  state: ClusterState,
  before: NetworkAddress[],
  next: NetworkAddress[],
  event: LoggedEvent,
): void {
  releaseMissing(state, before, next);
  for (const vip of next) {
    if (!before.some((old) => sameAddress(old, vip))) claim(state, vip.networkId, vip.addr, event);
  }
}

/** Frees every VIP of a removed service. */
export function releaseAddresses(state: ClusterState, addresses: NetworkAddress[]): void {
  for (const address of addresses) release(state, address.networkId, address.addr);
}

/**
 * Frees a task's addresses once it is past RUNNING (swarmkit's allocator does it as soon as the
 * observed state says the task stopped), or when it leaves the store still live. `stoppedBefore`
 * tells whether they were freed already.
 */
export function releaseTaskAddresses(
  state: ClusterState,
  task: Task,
  stoppedBefore: boolean,
): void {
  if (!task.networks || stoppedBefore) return;
  for (const attachment of task.networks) {
    for (const addr of attachment.addresses) release(state, attachment.networkId, addr);
  }
}

/** True when the task's addresses are free (its observed state is past RUNNING). */
export function taskStopped(task: Task): boolean {
  return compareTaskStates(task.status.state, 'running') > 0;
}

function releaseMissing(
  state: ClusterState,
  before: NetworkAddress[],
  next: NetworkAddress[],
): void {
  for (const old of before) {
    if (!next.some((kept) => sameAddress(old, kept))) release(state, old.networkId, old.addr);
  }
}

function sameAddress(a: NetworkAddress, b: NetworkAddress): boolean {
  return a.networkId === b.networkId && a.addr === b.addr;
}

/** Marks `addr` (`10.0.1.3/24`) in use and the network's serial pointer on it. */
function claim(state: ClusterState, networkId: string, addr: string, event: LoggedEvent): void {
  const network = state.networks?.[networkId];
  if (!network) throw new ModelViolation(`address on unknown network ${networkId}`, event);
  const ip = hostPart(addr);
  if (network.addresses.inUse.includes(ip)) {
    throw new ModelViolation(`address ${ip} of network ${network.name} given twice`, event);
  }
  network.addresses.inUse.push(ip);
  network.addresses.last = ip;
}

/** Frees `addr`; a network removed meanwhile has nothing left to free. */
function release(state: ClusterState, networkId: string, addr: string): void {
  const network: Network | undefined = state.networks?.[networkId];
  if (!network) return;
  const ip = hostPart(addr);
  network.addresses.inUse = network.addresses.inUse.filter((used) => used !== ip);
}

function hostPart(addr: string): string {
  const slash = addr.indexOf('/');
  return slash < 0 ? addr : addr.slice(0, slash);
}

/** 10.B.C.0/24 is the pool's /24 number B*256+C; other subnets count as index -1. */
function poolIndexOf(subnet: string): number {
  const match = /^10\.(\d+)\.(\d+)\.0\/24$/.exec(subnet);
  return match ? Number(match[1]) * 256 + Number(match[2]) : -1;
}
