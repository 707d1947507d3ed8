/**
 * Events of networks (`network/*`): creation, removal, and connections routed to a service or
 * container.
 */
import type { Network } from '../types.js';

/**
 * A network came to be: the `ingress` overlay at swarm init, `docker network create`, a stack's
 * networks. Its subnet, gateway and VXLAN id were allocated then and are part of the fact.
 */
export interface NetworkCreated {
  type: 'network/created';
  network: Network;
}

/** `docker network rm` (or `stack rm`) deleted a network no service uses. */
export interface NetworkRemoved {
  type: 'network/removed';
  networkId: string;
}

/**
 * A TCP connection to `port` of machine `host` (from a `curl` on `machine`) was routed
 * (src/network/mesh.ts). `via: 'ingress'` names the receiving node's IPVS pick, which the fold
 * keeps as that node's round-robin pointer for the service, so a replay balances the same way.
 */
export interface NetworkRequestRouted {
  type: 'network/requestRouted';
  /** Hostname of the machine the client ran on. */
  machine: string;
  /** Hostname of the machine that received the connection. */
  host: string;
  /** Its node id; absent when that machine is not a swarm member (not `nodeId`, see below). */
  hostNodeId?: string;
  port: number;
  protocol: 'tcp';
  /** What took the connection: the routing mesh, a host-mode port, or a `docker run -p`. */
  via?: 'ingress' | 'host' | 'container';
  serviceId?: string;
  /**
   * The task whose container got the connection (mesh or host mode). Not named `taskId`: that
   * name marks the events that write a task (`'taskId' in event`), as `nodeId` marks node ones.
   */
  backendTaskId?: string;
  /** The standalone container that got it (`docker run -p`). */
  containerId?: string;
  /**
   * answered: an HTTP reply; refused: RST or ICMP port unreachable; reset: accepted then
   * closed with nothing served; timeout: the packets were dropped; unreachable: no such host.
   */
  outcome: 'answered' | 'refused' | 'reset' | 'timeout' | 'unreachable';
}
