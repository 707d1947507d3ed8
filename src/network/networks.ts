/**
 * Networks as the manager and the engines create them: the `ingress` overlay of swarm init,
 * user overlays from the default address pool (10.0.0.0/8 cut in /24s, handed out serially
 * like addresses: the next /24 after the last one given that overlaps no network, so a removed
 * network's subnet is not reused at once), and engines' local networks. Also the read side
 * other modules use: `listNetworks`, `findNetwork`, `taskAddresses`, `serviceVips`.
 */
import type { SimContext } from '../engine/simulation.js';
import type { ClusterState } from '../model/state.js';
import type { Network, NetworkIpv4, SimTime } from '../model/types.js';
import { cidrsOverlap, formatCidr, formatIpv4, nextAddress, parseCidr, parseIpv4 } from './ipam.js';

/** The first VXLAN id swarm's overlay driver hands out (the ingress network's). */
export const FIRST_VXLAN_ID = 4096;
/** The ingress network's subnet and gateway at swarm init. */
const INGRESS_SUBNET = '10.0.0.0/24';
/** How many /24s the default pool 10.0.0.0/8 holds. */
const POOL_SUBNETS = 65536;
const POOL_EXHAUSTED =
  'could not find an available, non-overlapping IPv4 address pool among the defaults to ' +
  'assign to the network';

/** What `docker network create` (or a stack) asks for. */
export interface NetworkRequest {
  id: string;
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  attachable: boolean;
  internal: boolean;
  ingress: boolean;
  /** `--subnet`, `--gateway`; empty for the defaults. */
  subnet: string;
  gateway: string;
}

/** Networks in creation order. */
export function listNetworks(state: ClusterState): Network[] {
  return (state.networkIds ?? []).map((id) => state.networks![id]!);
}

/** The swarm's networks (not engines' local ones) in creation order. */
export function swarmNetworks(state: ClusterState): Network[] {
  return listNetworks(state).filter((network) => network.scope === 'swarm');
}

/** The routing-mesh network, if the swarm has one. */
export function ingressNetwork(state: ClusterState): Network | undefined {
  return swarmNetworks(state).find((network) => network.ingress);
}

/**
 * Finds a swarm network as dockerd does for `--network`: full ID, then exact name, then an
 * unambiguous ID prefix; undefined when none matches.
 */
export function findNetwork(state: ClusterState, ref: string): Network | undefined {
  const networks = swarmNetworks(state);
  return (
    networks.find((network) => network.id === ref) ??
    networks.find((network) => network.name === ref) ??
    uniquePrefix(networks, ref)
  );
}

function uniquePrefix(networks: Network[], ref: string): Network | undefined {
  if (ref === '') return undefined;
  const matches = networks.filter((network) => network.id.startsWith(ref));
  return matches.length === 1 ? matches[0] : undefined;
}

/** The `ingress` network swarm init creates: 10.0.0.0/24, gateway 10.0.0.1, VXLAN 4096. */
export function ingressRequest(id: string): NetworkRequest {
  return {
    id,
    name: 'ingress',
    driver: 'overlay',
    labels: {},
    options: {},
    attachable: false,
    internal: false,
    ingress: true,
    subnet: INGRESS_SUBNET,
    gateway: '',
  };
}

/**
 * Allocates a swarm network for `request` at `now`: its subnet (given, or the pool's next /24),
 * gateway (given, or the first host address) and VXLAN id; or the daemon's error text. A given
 * subnet that overlaps another network's leaves the network unallocated, as swarmkit's
 * allocator does (the create still succeeds).
 */
export function planSwarmNetwork(
  state: ClusterState,
  request: NetworkRequest,
  now: SimTime,
): Network | { error: string } {
  const existing = swarmNetworks(state).filter((network) => network.allocated);
  let ipv4: NetworkIpv4;
  let allocated = true;
  if (request.subnet !== '') {
    const cidr = parseCidr(request.subnet);
    if (!cidr) {
      const why = `invalid CIDR address: ${request.subnet}`;
      return { error: `Invalid subnet ${request.subnet} : ${why}` };
    }
    allocated = !existing.some((network) => cidrsOverlap(subnetOf(network), cidr));
    const fromPool = request.ingress && request.subnet === INGRESS_SUBNET;
    ipv4 = { subnet: formatCidr(cidr), gateway: request.gateway, fromPool };
  } else {
    const subnet = nextPoolSubnet(state, existing);
    if (subnet === null) return { error: POOL_EXHAUSTED };
    ipv4 = { subnet, gateway: request.gateway, fromPool: true };
  }
  const network: Network = {
    id: request.id,
    version: 0,
    createdAt: now,
    updatedAt: now,
    name: request.name,
    driver: request.driver,
    scope: 'swarm',
    labels: { ...request.labels },
    options: { ...request.options },
    attachable: request.attachable,
    internal: request.internal,
    ingress: request.ingress,
    ipv4,
    allocated,
    vxlanId: allocated ? nextVxlanId(state) : 0,
    addresses: { inUse: [], last: '' },
  };
  if (!allocated) return network;
  if (ipv4.gateway === '') {
    // The gateway is the first address the IPAM hands out, so the serial pointer is on it.
    const gateway = nextAddress(network)!.split('/')[0]!;
    network.ipv4.gateway = gateway;
    network.addresses = { inUse: [gateway], last: gateway };
  } else {
    // A requested address does not move the serial pointer (libnetwork's bitseq).
    network.addresses = { inUse: [ipv4.gateway], last: '' };
  }
  return network;
}

/** The client's check of `--gateway` against `--subnet` (`docker network create`). */
export function gatewayError(subnet: string, gateway: string): string | null {
  if (gateway === '') return null;
  const ip = parseIpv4(gateway);
  const cidr = parseCidr(subnet);
  if (ip === null) return `invalid gateway address ${gateway}`;
  if (subnet === '') return 'every ip-range or gateway must have a corresponding subnet';
  if (cidr && !(ip >= cidr.base && ip < cidr.base + 2 ** (32 - cidr.prefix))) {
    return `no matching subnet for gateway ${gateway}`;
  }
  return null;
}

function subnetOf(network: Network) {
  return parseCidr(network.ipv4.subnet)!;
}

function nextPoolSubnet(state: ClusterState, existing: Network[]): string | null {
  const last = state.networkPool?.lastSubnetIndex ?? -1;
  const taken = existing.map(subnetOf);
  for (let step = 1; step <= POOL_SUBNETS; step += 1) {
    const index = (last + step) % POOL_SUBNETS;
    const cidr = { base: parseIpv4('10.0.0.0')! + index * 256, prefix: 24 };
    if (!taken.some((other) => cidrsOverlap(other, cidr))) return formatCidr(cidr);
  }
  return null;
}

function nextVxlanId(state: ClusterState): number {
  const used = swarmNetworks(state).map((network) => network.vxlanId);
  let id = Math.max(state.networkPool?.lastVxlanId ?? 0, FIRST_VXLAN_ID - 1) + 1;
  while (used.includes(id)) id += 1;
  return id;
}

/**
 * A local network `docker network create -d bridge` makes on one engine: 172.N.0.0/16 from 172.19
 * on (172.17 is `bridge`, 172.18 `docker_gwbridge`), gateway .1.
 */
export function planLocalNetwork(
  state: ClusterState,
  request: NetworkRequest,
  nodeId: string,
  now: SimTime,
): Network {
  const mine = listNetworks(state).filter((network) => network.nodeId === nodeId);
  const second = 19 + mine.length;
  const subnet = request.subnet || `172.${second}.0.0/16`;
  const gateway = request.gateway || formatIpv4(parseCidr(subnet)!.base + 1);
  return {
    id: request.id,
    version: 0,
    createdAt: now,
    updatedAt: now,
    name: request.name,
    driver: request.driver,
    scope: 'local',
    nodeId,
    labels: { ...request.labels },
    options: { ...request.options },
    attachable: request.attachable,
    internal: request.internal,
    ingress: false,
    ipv4: { subnet, gateway, fromPool: false },
    allocated: true,
    vxlanId: 0,
    addresses: { inUse: [gateway], last: gateway },
  };
}

/** Records the `ingress` network swarm init creates; call it right after `cluster/initialized`. */
export function createIngressNetwork(ctx: SimContext): void {
  const network = planSwarmNetwork(ctx.state, ingressRequest(ctx.newId('network')), ctx.now);
  if ('error' in network) throw new Error(network.error);
  ctx.emit({ type: 'network/created', network });
}
