/**
 * The network half of the control API (swarmkit `manager/controlapi/network.go`, and dockerd's
 * checks in front of it): create and remove swarm networks, create an engine's local network.
 * Like the service calls (src/api/service.ts), each validates, then records what it did.
 */
import { commitGate } from '../api/commit.js';
import { ApiError } from '../api/errors.js';
import type { SimContext } from '../engine/simulation.js';
import type { ClusterState } from '../model/state.js';
import { compareTaskStates } from '../model/task-state.js';
import type { Network } from '../model/types.js';
import { needsIngress } from './addresses.js';
import {
  listNetworks,
  planLocalNetwork,
  planSwarmNetwork,
  type NetworkRequest,
} from './networks.js';

/** What swarmkit accepts as an object name (validateAnnotations): a DNS name component. */
const DNS_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;

/** The names every engine has before any `network create`. */
export const PREDEFINED_NETWORKS = ['bridge', 'host', 'none'];

/** What `docker network create` asks for, without the ID the daemon picks. */
export type NetworkCreateRequest = Omit<NetworkRequest, 'id'>;

/** Creates a swarm-scoped network (an overlay); the daemon's error when refused. */
export function createSwarmNetwork(
  ctx: SimContext,
  nodeId: string,
  request: NetworkCreateRequest,
): Network | ApiError {
  const taken = nameTaken(ctx.state, nodeId, request.name);
  if (taken) return taken;
  if (!DNS_NAME.test(request.name)) {
    return new ApiError('InvalidArgument', 'name must be valid as a DNS name component');
  }
  const id = ctx.newId('network');
  const network = planSwarmNetwork(ctx.state, { ...request, id }, ctx.now);
  if ('error' in network) return new ApiError('InvalidArgument', network.error, 'engine');
  const uncommitted = commitGate(ctx.state);
  if (uncommitted) return uncommitted;
  ctx.emit({ type: 'network/created', network });
  return structuredClone(ctx.state.networks![id]!);
}

/** Creates a network local to the engine of `nodeId` (`-d bridge`); `id` is its 64-hex ID. */
export function createLocalNetwork(
  ctx: SimContext,
  nodeId: string,
  id: string,
  request: NetworkCreateRequest,
): Network | ApiError {
  const taken = nameTaken(ctx.state, nodeId, request.name);
  if (taken) return taken;
  const network = planLocalNetwork(ctx.state, { ...request, id }, nodeId, ctx.now);
  ctx.emit({ type: 'network/created', network });
  return structuredClone(ctx.state.networks![id]!);
}

function nameTaken(state: ClusterState, nodeId: string, name: string): ApiError | null {
  const visible = listNetworks(state).filter(
    (network) => network.scope === 'swarm' || network.nodeId === nodeId,
  );
  if (!PREDEFINED_NETWORKS.includes(name) && !visible.some((network) => network.name === name)) {
    return null;
  }
  return new ApiError('AlreadyExists', `network with name ${name} already exists`, 'engine');
}

/**
 * Removes a swarm network, refused while a service names it or a live task is on it; the
 * ingress network only while no service publishes an ingress port.
 */
export function removeSwarmNetwork(ctx: SimContext, network: Network): ApiError | null {
  const state = ctx.state;
  const inUse = network.ingress ? ingressUser(state) : networkUser(state, network.id);
  if (inUse) return new ApiError('FailedPrecondition', inUse);
  const uncommitted = commitGate(state);
  if (uncommitted) return uncommitted;
  ctx.emit({ type: 'network/removed', networkId: network.id });
  return null;
}

/** Removes an engine's local network (no task container uses those here). */
export function removeLocalNetwork(ctx: SimContext, network: Network): null {
  ctx.emit({ type: 'network/removed', networkId: network.id });
  return null;
}

function networkUser(state: ClusterState, networkId: string): string | null {
  // swarmkit reads its store's index, which is ordered by ID.
  const services = state.serviceIds
    .filter((id) => state.services[id]!.spec.task.networks?.some((n) => n.target === networkId))
    .sort();
  if (services.length > 0) return `network ${networkId} is in use by service ${services[0]}`;
  const tasks = Object.keys(state.tasks)
    .sort()
    .filter((id) => {
      const task = state.tasks[id]!;
      // The orchestrator shuts down a removed service's tasks at once (`stack rm` relies on it).
      if (!state.services[task.serviceId]) return false;
      const live =
        compareTaskStates(task.desiredState, 'running') <= 0 &&
        compareTaskStates(task.status.state, 'running') <= 0;
      return live && task.networks?.some((attachment) => attachment.networkId === networkId);
    });
  return tasks.length > 0 ? `network ${networkId} is in use by task ${tasks[0]}` : null;
}

function ingressUser(state: ClusterState): string | null {
  const service = [...state.serviceIds]
    .sort()
    .find((id) => needsIngress(state.services[id]!.endpointPorts));
  if (!service) return null;
  return `ingress network cannot be removed because service ${service} depends on it`;
}
