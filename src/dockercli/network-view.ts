/**
 * The networks one engine knows, as `docker network ls/inspect/rm` see them on the session's
 * node: its predefined local networks (`bridge`, `docker_gwbridge`, `host`, `none`), the local
 * networks created on it, and the swarm's networks. A manager sees every swarm network; a
 * worker only `ingress` and the overlays it instantiated because one of its tasks uses them
 * (SWARM.md 9).
 */
import type { ClusterState } from '../model/state.js';
import { compareTaskStates } from '../model/task-state.js';
import type { Network, Node, SimTime } from '../model/types.js';
import { listNetworks } from '../network/networks.js';
import { localNetworkId } from './engine-ids.js';

/** A network as one engine lists it. */
export interface NetworkView {
  id: string;
  name: string;
  /** Empty for a swarm network the allocator could not allocate. */
  driver: string;
  scope: 'swarm' | 'local';
  createdAt: SimTime;
  /** The model's record; absent for the predefined local networks. */
  network?: Network;
}

const GWBRIDGE = 'docker_gwbridge';
const PREDEFINED = [
  { name: 'bridge', driver: 'bridge' },
  { name: GWBRIDGE, driver: 'bridge' },
  { name: 'host', driver: 'host' },
  { name: 'none', driver: 'null' },
];

/**
 * The networks the engine of `node` lists, sorted by name as `docker network ls` prints them.
 * An engine outside the swarm (a stand-in node no state lists) has only its local networks, and
 * no `docker_gwbridge`, which joining a swarm creates. (A real engine keeps that bridge after
 * `swarm leave`; machines here do not remember having been in a swarm, so it goes too.)
 */
export function nodeNetworks(state: ClusterState, node: Node): NetworkView[] {
  const inSwarm = state.nodes[node.id] !== undefined;
  const builtIn = inSwarm ? PREDEFINED : PREDEFINED.filter((net) => net.name !== GWBRIDGE);
  const predefined: NetworkView[] = builtIn.map((net) => ({
    ...net,
    id: localNetworkId(node.id, net.name),
    scope: 'local',
    createdAt: node.createdAt,
  }));
  const known = listNetworks(state)
    .filter((network) =>
      network.scope === 'local'
        ? network.nodeId === node.id
        : inSwarm && (node.role === 'manager' || instantiatedOn(state, network, node.id)),
    )
    .map(
      (network): NetworkView => ({
        id: network.id,
        name: network.name,
        driver: network.allocated ? network.driver : '',
        scope: network.scope,
        createdAt: network.createdAt,
        network,
      }),
    );
  return [...predefined, ...known].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Finds what `docker network inspect/rm REF` names on the node: full ID, exact name, then an
 * unambiguous ID prefix (dockerd's lookup order); undefined when nothing matches.
 */
export function findNodeNetwork(
  state: ClusterState,
  node: Node,
  ref: string,
): NetworkView | undefined {
  const views = nodeNetworks(state, node);
  const byPrefix = views.filter((view) => ref !== '' && view.id.startsWith(ref));
  return (
    views.find((view) => view.id === ref) ??
    views.find((view) => view.name === ref) ??
    (byPrefix.length === 1 ? byPrefix[0] : undefined)
  );
}

/**
 * True when the node's engine has the swarm network set up: ingress on every node, an overlay
 * where the allocator gave the node a load-balancer attachment on it (a live task uses it).
 */
export function instantiatedOn(state: ClusterState, network: Network, nodeId: string): boolean {
  if (network.ingress) return true;
  return (state.nodes[nodeId]?.attachments ?? []).some((a) => a.networkId === network.id);
}

/** The task containers attached to `network` on `nodeId` (created, not yet exited). */
export function attachedTasks(state: ClusterState, network: Network, nodeId: string) {
  return (state.tasksByNode[nodeId] ?? [])
    .map((id) => state.tasks[id]!)
    .filter(
      (task) =>
        compareTaskStates(task.status.state, 'ready') >= 0 &&
        compareTaskStates(task.status.state, 'running') <= 0 &&
        (task.networks ?? []).some((attachment) => attachment.networkId === network.id),
    );
}
