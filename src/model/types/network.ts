/**
 * Networks and the addresses their IPAM hands out.
 */
import type { SimTime } from './common.js';

/** An address a network's IPAM handed out: on which network, as `10.0.1.5/24`. */
export interface NetworkAddress {
  networkId: string;
  addr: string;
}

/** The IPv4 configuration of a network (`docker network inspect` IPAM.Config). */
export interface NetworkIpv4 {
  /** CIDR, e.g. `10.0.1.0/24`. */
  subnet: string;
  /** Gateway address without prefix, e.g. `10.0.1.1`. */
  gateway: string;
  /** True when the subnet came from the default address pool (10.0.0.0/8 in /24s). */
  fromPool: boolean;
}

/**
 * A network: a swarm-scoped overlay in the manager's store (`docker network create -d overlay`,
 * the `ingress` network of swarm init), or a local network one engine created (`scope` local,
 * `nodeId` set), which only that engine lists.
 */
export interface Network {
  /** 25 base-36 characters for swarm networks, 64 hex digits for local ones. */
  id: string;
  version: number;
  createdAt: SimTime;
  updatedAt: SimTime;
  name: string;
  /** `overlay` for swarm networks; `bridge`, `macvlan`... for local ones. */
  driver: string;
  scope: 'swarm' | 'local';
  /** The engine a local network belongs to; absent for swarm networks. */
  nodeId?: string;
  labels: Record<string, string>;
  /** Driver options given with `--opt`. */
  options: Record<string, string>;
  attachable: boolean;
  internal: boolean;
  /** The routing-mesh network. */
  ingress: boolean;
  /** The IPv4 subnet and gateway (as requested when the network is not allocated). */
  ipv4: NetworkIpv4;
  /**
   * False when the allocator could not allocate the network (an explicit subnet overlapping
   * another network's): it stays in the store, listed without a driver, and hands out nothing.
   */
  allocated: boolean;
  /** VXLAN id of an allocated overlay (4096, 4097, ...); 0 otherwise. */
  vxlanId: number;
  /**
   * The IPAM's book: addresses handed out (`10.0.1.3`, gateway included), in the order given,
   * and the last one a serial allocation gave ('' before any), after which the next is sought
   * (libnetwork's `curr`).
   */
  addresses: { inUse: string[]; last: string };
}
