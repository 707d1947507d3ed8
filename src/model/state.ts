/**
 * The whole simulated cluster at one instant: the store a swarm manager holds, normalised as
 * records plus explicit id lists, so every walk over it has a defined order (creation order)
 * and never depends on hash or key order.
 */
import type {
  ClusterVolume,
  ImageStores,
  Network,
  Node,
  Service,
  SimTime,
  StandaloneContainer,
  Task,
} from './types.js';
import { emptyWorld, type WorldState } from './world.js';

export interface ClusterSettings {
  id: string;
  /** When the swarm was initialised (virtual ms): its root CA dates from then. */
  createdAt: SimTime;
  /** Tasks kept per slot, the running one included (default 5). */
  taskHistoryRetentionLimit: number;
  /** Dispatcher heartbeat period in ms (default 5000). */
  heartbeatPeriodMs: number;
}

export interface ClusterState {
  /** Virtual time of the last applied event. */
  now: SimTime;
  /** Store version: bumped by every applied event, like raft's index in swarmkit's Meta.Version. */
  version: number;
  cluster: ClusterSettings | null;
  nodes: Record<string, Node>;
  /** Node ids in join order. */
  nodeIds: string[];
  services: Record<string, Service>;
  /** Service ids in creation order. */
  serviceIds: string[];
  tasks: Record<string, Task>;
  /** Task ids of each service, in creation order. */
  tasksByService: Record<string, string[]>;
  /** Task ids assigned to each node, in assignment order. */
  tasksByNode: Record<string, string[]>;
  /** Task ids of each slot (see `slotKey`), in creation order. */
  tasksBySlot: Record<string, string[]>;
  /** Hosts, links and leadership: the world around the store (world.ts). */
  world: WorldState;
  /** Built and pushed images (`docker build`, `docker push`); absent until the first build. */
  images?: ImageStores;
  /** Standalone containers (`docker run`) by id; absent until the first run. */
  containers?: Record<string, StandaloneContainer>;
  /** Their ids in creation order; removed ones leave it. */
  containerIds?: string[];
  /**
   * Named local volumes by node id, in creation order (reduce-volumes.ts): created when a task
   * container using one is created, or by `docker volume create`; kept until `docker volume rm`.
   * Absent until the first one.
   */
  volumes?: Record<string, LocalVolume[]>;
  /**
   * Each node's IPVS round-robin pointer per service (reduce-traffic.ts): the backend its last
   * routed request went to. Absent until the first request through the routing mesh.
   */
  ipvs?: Record<string, Record<string, IpvsPick>>;
  /**
   * When each node's containers last died with their host (a crash or an engine restart), by
   * node id, looked up, never iterated: a task RUNNING since before then serves nothing, even
   * while the store still says RUNNING. Absent until the first such fault (reduce-traffic.ts).
   */
  containersLostAt?: Record<string, SimTime>;
  /** Networks by id (reduce-networks.ts): swarm overlays and engines' local networks. */
  networks?: Record<string, Network>;
  /** Network ids in creation order; absent until the first network. */
  networkIds?: string[];
  /**
   * The default address pool's serial pointers: the index of the last /24 handed out from
   * 10.0.0.0/8 (10.0.N.0/24 is index N) and the last VXLAN id; absent until the first network.
   */
  networkPool?: { lastSubnetIndex: number; lastVxlanId: number };
  /** Cluster (CSI) volumes by id (reduce-cluster-volumes.ts); absent until the first one. */
  clusterVolumes?: Record<string, ClusterVolume>;
  /** Their ids in creation order; absent until the first one. */
  clusterVolumeIds?: string[];
}

/** The backend a node's IPVS table picked last for a service, with its place in the order. */
export interface IpvsPick {
  taskId: string;
  /** When that task became RUNNING: backends are ordered by it, then by task id. */
  runningAt: SimTime;
}

/** A named volume an engine holds (anonymous ones go with their task's container). */
export interface LocalVolume {
  name: string;
  /** Volume driver, `local` unless the mount or `volume create` named another. */
  driver: string;
  labels: Record<string, string>;
}

/**
 * The key of the slot a task occupies: its slot number for replicated services, its node for
 * global ones (slot 0), as swarmkit's reaper and restart history key them.
 */
export function slotKey(task: { serviceId: string; slot: number; nodeId: string }): string {
  if (task.slot === 0) return `${task.serviceId}@${task.nodeId}`;
  // A hot path (each task event looks its slot up): a key reused from the cache is already a
  // record key, where a fresh string must be built, hashed and looked up before every use.
  let keys = slotKeys.get(task.serviceId);
  if (!keys) {
    if (slotKeys.size >= SLOT_KEY_SERVICES_MAX) slotKeys.clear();
    keys = [];
    slotKeys.set(task.serviceId, keys);
  }
  return (keys[task.slot] ??= `${task.serviceId}/${task.slot}`);
}

/** Replicated slot keys by service id then slot: pure values, so sharing them is harmless. */
const slotKeys = new Map<string, string[]>();
/** Services whose keys the cache holds at most, so a long-lived process does not grow it. */
const SLOT_KEY_SERVICES_MAX = 1024;

/** The tasks of one slot (replicated) or one node (global, slot 0), oldest first. */
export function tasksInSlot(
  state: ClusterState,
  task: { serviceId: string; slot: number; nodeId: string },
): Task[] {
  return (state.tasksBySlot[slotKey(task)] ?? []).map((id) => state.tasks[id]!);
}

export function emptyClusterState(): ClusterState {
  return {
    now: 0,
    version: 0,
    cluster: null,
    nodes: {},
    nodeIds: [],
    services: {},
    serviceIds: [],
    tasks: {},
    tasksByService: {},
    tasksByNode: {},
    tasksBySlot: {},
    world: emptyWorld(),
  };
}

/** The tasks of a service in creation order. */
export function tasksOfService(state: ClusterState, serviceId: string): Task[] {
  return (state.tasksByService[serviceId] ?? []).map((id) => state.tasks[id]!);
}

/** The tasks assigned to a node in assignment order. */
export function tasksOnNode(state: ClusterState, nodeId: string): Task[] {
  return (state.tasksByNode[nodeId] ?? []).map((id) => state.tasks[id]!);
}

/** Nodes in join order. */
export function listNodes(state: ClusterState): Node[] {
  return state.nodeIds.map((id) => state.nodes[id]!);
}

/** Services in creation order. */
export function listServices(state: ClusterState): Service[] {
  return state.serviceIds.map((id) => state.services[id]!);
}

/** Finds a service by exact name; undefined when there is none. */
export function serviceByName(state: ClusterState, name: string): Service | undefined {
  return listServices(state).find((service) => service.spec.name === name);
}

/** Finds a node by exact hostname; undefined when there is none. */
export function nodeByHostname(state: ClusterState, hostname: string): Node | undefined {
  return listNodes(state).find((node) => node.description.hostname === hostname);
}
