/**
 * Which container answers a TCP connection to (machine, port), decided from the state alone:
 * the routing mesh, host-mode ports and `docker run -p`, in the order a node's iptables sees
 * them (the DOCKER-INGRESS chain comes before docker's own DNAT rules).
 *
 * - Ingress: a published port is open on every node of the swarm, tasks or not. The node that
 *   gets the connection balances it with its own IPVS table (round-robin, mesh-backends.ts)
 *   over the service's backends on any node. No backend: IPVS has no destination and the kernel
 *   answers ICMP port unreachable, which the client sees as refused.
 * - Host mode: only a node running a task that publishes the port answers, from that task's
 *   container; no balancing. A task's container serves while it is observed RUNNING.
 * - `docker run -p`: the host port leads to the container while it runs.
 * - A container that listens on another port, or on none (ping, sleep): its kernel's RST, so
 *   refused; except that a host port dialled on 127.0.0.1 goes through docker-proxy, which
 *   accepts first and then closes: a reset (both recorded in host-mode-curl).
 * - Partitions drop packets, they do not refuse them: a connection whose path crosses a cut
 *   link (client to node, or node to the backend it picked) hangs until the client gives up
 *   (timeout). The pick is made all the same, so the round-robin pointer moves.
 * - A crashed machine answers nothing, not even ARP: unreachable. One whose engine is
 *   restarting, or that left the swarm, is up but has no swarm ports: refused. A node that is
 *   Down only in the managers' eyes (cut off from them) still routes with what it knows.
 */
import { containerAlive } from '../model/reduce-traffic.js';
import type { ClusterState } from '../model/state.js';
import type { PortConfig, StandaloneContainer } from '../model/types.js';
import { isHostDown, isLinkOpen } from '../model/world.js';
import type { HttpServer } from './http-servers.js';
import {
  containerHostname,
  containerServer,
  nextBackend,
  taskHostname,
  taskServer,
} from './mesh-backends.js';

/** A machine of the lab as routing sees it. */
export interface RouteMachine {
  hostname: string;
  /** Its node id while it is a member of the swarm, else null. */
  nodeId: string | null;
}

/** A TCP connection to route. */
export interface RouteRequest {
  client: RouteMachine;
  target: RouteMachine;
  port: number;
  /** The address the client dialled on the target: only `docker run -p IP:...` cares. */
  address: string;
}

/** Where the connection went: the fields of `network/requestRouted`, and the server if any. */
export interface Route {
  via?: 'ingress' | 'host' | 'container';
  serviceId?: string;
  taskId?: string;
  containerId?: string;
  outcome: 'answered' | 'refused' | 'reset' | 'timeout' | 'unreachable';
  /** When answered: who answers, and the hostname its process sees. */
  server?: HttpServer;
  hostname?: string;
}

/** Routes one connection (see the file comment). */
export function routeRequest(state: ClusterState, request: RouteRequest): Route {
  const { client, target, port } = request;
  if (target.nodeId !== null && crashed(state, target.nodeId)) return { outcome: 'unreachable' };
  if (!linkOpen(state, client.nodeId, target.nodeId)) return { outcome: 'timeout' };
  // An engine restarting, or gone from the swarm: the machine is up, its swarm ports are not.
  const member = target.nodeId !== null && !isHostDown(state.world, target.nodeId);
  const nodeId = member ? target.nodeId! : null;
  const routed =
    nodeId === null ? null : (ingress(state, nodeId, port) ?? hostMode(state, request, nodeId));
  return routed ?? published(state, request) ?? { outcome: 'refused' };
}

/** The machine itself is off (a crash), not just its engine. */
function crashed(state: ClusterState, nodeId: string): boolean {
  return state.world.faults.some(
    (active) => active.fault.kind === 'nodeCrash' && active.fault.nodeId === nodeId,
  );
}

/** Packets pass both ways between two machines (non-members are outside any partition). */
function linkOpen(state: ClusterState, a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === b) return true;
  return isLinkOpen(state.world, a, b) && isLinkOpen(state.world, b, a);
}

function ingress(state: ClusterState, nodeId: string, port: number): Route | null {
  const matches = (each: PortConfig) =>
    each.publishMode === 'ingress' && each.protocol === 'tcp' && each.publishedPort === port;
  const serviceId = state.serviceIds.find((id) =>
    state.services[id]!.endpointPorts.some(matches),
  );
  if (serviceId === undefined) return null;
  const targetPort = state.services[serviceId]!.endpointPorts.find(matches)!.targetPort;
  const task = nextBackend(state, nodeId, serviceId);
  if (!task) return { via: 'ingress', serviceId, outcome: 'refused' };
  const picked = { via: 'ingress' as const, serviceId, taskId: task.id };
  if (!linkOpen(state, nodeId, task.nodeId)) return { ...picked, outcome: 'timeout' };
  const server = taskServer(state, task);
  if (!server || server.port !== targetPort) return { ...picked, outcome: 'refused' };
  return { ...picked, outcome: 'answered', server, hostname: taskHostname(state, task) };
}

/** The outcome when nothing listens behind a host port (see the file comment). */
function deaf(request: RouteRequest): 'refused' | 'reset' {
  return request.address === '127.0.0.1' ? 'reset' : 'refused';
}

function hostMode(state: ClusterState, request: RouteRequest, nodeId: string): Route | null {
  const { port } = request;
  for (const taskId of state.tasksByNode[nodeId] ?? []) {
    const task = state.tasks[taskId]!;
    if (!containerAlive(state, task)) continue;
    const binding = task.endpoint.ports.find(
      (each) => each.publishMode === 'host' && each.protocol === 'tcp' &&
        each.publishedPort === port,
    );
    if (!binding) continue;
    const found = { via: 'host' as const, serviceId: task.serviceId, taskId: task.id };
    const server = taskServer(state, task);
    if (!server || server.port !== binding.targetPort) return { ...found, outcome: deaf(request) };
    return { ...found, outcome: 'answered', server, hostname: taskHostname(state, task) };
  }
  return null;
}

function published(state: ClusterState, request: RouteRequest): Route | null {
  for (const id of state.containerIds ?? []) {
    const container: StandaloneContainer = state.containers![id]!;
    if (container.host !== request.target.hostname || container.state !== 'running') continue;
    const binding = container.ports.find(
      (each) => each.protocol === 'tcp' && each.hostPort === request.port &&
        (each.hostIp === '' || each.hostIp === '0.0.0.0' || each.hostIp === request.address),
    );
    if (!binding) continue;
    const found = { via: 'container' as const, containerId: container.id };
    const server = containerServer(container);
    if (!server || server.port !== binding.containerPort) {
      return { ...found, outcome: deaf(request) };
    }
    return { ...found, outcome: 'answered', server, hostname: containerHostname(container) };
  }
  return null;
}
