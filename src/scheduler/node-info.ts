/**
 * What the scheduler knows about each node (swarmkit's `nodeinfo.go`): the resources left after
 * the reservations of the tasks it tracks there, how many active tasks it runs per service, and
 * which host-mode ports are taken. Rebuilt from the state once per tick, then updated in place as
 * the tick assigns tasks, so every filter check is O(1).
 */
import type { ClusterState } from '../model/state.js';
import { TASK_STATE_NUMBER } from '../model/task-state.js';
import type { GenericResource, Node, Resources, Task } from '../model/types.js';
import { claimGeneric, genericPool, holdAssigned, type GenericPool } from './generic.js';
import { compareTieBreak } from './tie-break.js';

/** A node as the scheduler sees it during one tick. */
export interface NodeInfo {
  node: Node;
  /** Description resources minus tracked reservations (NanoCPUs, bytes); may go negative. */
  available: Resources;
  /** Generic resources left after tracked tasks' assignments, per kind. */
  generic: GenericPool;
  /** Active tracked tasks (desired state <= COMPLETE) per service id. */
  activeByService: Map<string, number>;
  /** Active tracked tasks of every service. */
  activeTotal: number;
  /** Host-mode published ports held by tracked tasks, keyed `protocol/port`. */
  hostPorts: Set<string>;
  /** Nodes with active tasks per service, shared by every node of the pass. */
  withService: Map<string, NodeInfo[]>;
  /** Active tracked tasks of the service being scheduled: `activeByService` of it, cached. */
  serviceActive: number;
  /** FAILED/REJECTED tasks of the service version being scheduled, within the failure window. */
  recentFailures: number;
  /** Position in the tie-break order (hostname, natural order, then id); 0 is first. */
  tieRank: number;
}

/** The fields of a task the node accounting reads. */
export type PlacedTask = Pick<
  Task,
  'serviceId' | 'spec' | 'endpoint' | 'desiredState' | 'assignedGenericResources'
>;

/**
 * Whether the task holds its reservation on its node: assigned to it and observed between
 * ASSIGNED and RUNNING. A pending pre-assigned task holds nothing until the scheduler confirms it,
 * and a task stops holding when the agent reports it past RUNNING, whatever its desired state.
 */
export function holdsResources(task: Task): boolean {
  const state = TASK_STATE_NUMBER[task.status.state];
  const placed = state >= TASK_STATE_NUMBER.assigned && state <= TASK_STATE_NUMBER.running;
  return placed && task.nodeId !== '';
}

/** Whether a task counts towards the ranking: desired state not past COMPLETE. */
export function isActive(task: Pick<Task, 'desiredState'>): boolean {
  return TASK_STATE_NUMBER[task.desiredState] <= TASK_STATE_NUMBER.complete;
}

/** The key of one host-mode port in `NodeInfo.hostPorts`. */
export function hostPortKey(protocol: string, publishedPort: number): string {
  return `${protocol}/${publishedPort}`;
}

/** Host-mode ports with a fixed published port: the only ones that can collide on a node. */
export function fixedHostPorts(task: Pick<Task, 'endpoint'>): string[] {
  return task.endpoint.ports
    .filter((port) => port.publishMode === 'host' && port.publishedPort !== 0)
    .map((port) => hostPortKey(port.protocol, port.publishedPort));
}

/**
 * Charges `task` to the node: its reservation, its active counts and its host ports. Returns the
 * generic resources it holds there: those already assigned to it, else the ones just claimed
 * for it (undefined when it reserves none).
 */
export function addTaskToNode(info: NodeInfo, task: PlacedTask): GenericResource[] | undefined {
  const reservations = task.spec.resources.reservations;
  info.available.nanoCPUs -= reservations.nanoCPUs;
  info.available.memoryBytes -= reservations.memoryBytes;
  const generic = chargeGeneric(info, task);
  for (const key of fixedHostPorts(task)) info.hostPorts.add(key);
  if (!isActive(task)) return generic;
  info.activeTotal += 1;
  const before = info.activeByService.get(task.serviceId);
  info.activeByService.set(task.serviceId, (before ?? 0) + 1);
  if (before !== undefined) return generic;
  const nodes = info.withService.get(task.serviceId);
  if (nodes) nodes.push(info);
  else info.withService.set(task.serviceId, [info]);
  return generic;
}

function chargeGeneric(info: NodeInfo, task: PlacedTask): GenericResource[] | undefined {
  if (task.assignedGenericResources) {
    holdAssigned(info.generic, task.assignedGenericResources);
    return task.assignedGenericResources;
  }
  const requests = task.spec.resources.reservations.generic;
  return requests && requests.length > 0 ? claimGeneric(info.generic, requests) : undefined;
}

/** Active tasks of `serviceId` on the node. */
export function activeOfService(info: NodeInfo, serviceId: string): number {
  return info.activeByService.get(serviceId) ?? 0;
}

/**
 * Points every node's per-service fields at one service version: its active task count and its
 * recent failures. A pass ranks nodes for one group at a time, and reading plain fields keeps the
 * O(nodes) walk of each group cheap. `failures` lists only nodes that have some.
 */
export function focusOnService(
  infos: NodeInfos,
  serviceId: string,
  failures: ReadonlyMap<string, number>,
): void {
  for (const info of infos.list) {
    info.serviceActive = 0;
    info.recentFailures = 0;
  }
  for (const info of infos.withService.get(serviceId) ?? []) {
    info.serviceActive = activeOfService(info, serviceId);
  }
  for (const [nodeId, count] of failures) {
    const info = infos.byId.get(nodeId);
    if (info) info.recentFailures = count;
  }
}

/** Node infos of a state, in join order, plus an index by node id. */
export interface NodeInfos {
  list: NodeInfo[];
  byId: Map<string, NodeInfo>;
  /** Nodes with active tasks per service (the same map as each node's `withService`). */
  withService: Map<string, NodeInfo[]>;
}

/** Builds every node's info from the tasks that hold resources on it. */
export function buildNodeInfos(state: ClusterState): NodeInfos {
  return new NodeInfoCache().build(state);
}

/** One node's info from the tasks that hold resources on it. */
function buildNodeInfo(state: ClusterState, nodeId: string): NodeInfo {
  const node = state.nodes[nodeId]!;
  const info: NodeInfo = {
    node,
    available: {
      nanoCPUs: node.description.resources.nanoCPUs,
      memoryBytes: node.description.resources.memoryBytes,
    },
    generic: genericPool(node.description.resources.generic),
    activeByService: new Map(),
    activeTotal: 0,
    hostPorts: new Set(),
    withService: new Map(),
    serviceActive: 0,
    recentFailures: 0,
    tieRank: 0,
  };
  for (const taskId of state.tasksByNode[nodeId] ?? []) {
    const task = state.tasks[taskId]!;
    if (holdsResources(task)) addTaskToNode(info, task);
  }
  return info;
}

/**
 * Node infos kept between passes: only nodes whose tasks or description changed since the last
 * pass are rebuilt, so a pass costs O(nodes + changed tasks) instead of O(every task). A pass
 * charges its own placements to the infos it is given; the `task/assigned` events it then emits
 * mark those nodes changed, so the next pass rebuilds them from the state.
 */
export class NodeInfoCache {
  private readonly infos = new Map<string, NodeInfo>();
  private readonly changed = new Set<string>();
  /** Tie-break rank of each node; recomputed only when nodes join or leave. */
  private readonly tieRanks = new Map<string, number>();
  private membershipChanged = true;

  /** Marks one node for rebuilding at the next pass. */
  nodeChanged(nodeId: string): void {
    this.changed.add(nodeId);
  }

  /** Marks a join or removal: every info is rebuilt and the tie-break ranks recomputed. */
  membershipChange(): void {
    this.membershipChanged = true;
  }

  build(state: ClusterState): NodeInfos {
    if (this.membershipChanged) this.infos.clear();
    for (const nodeId of this.changed) this.infos.delete(nodeId);
    this.changed.clear();
    const list: NodeInfo[] = [];
    const byId = new Map<string, NodeInfo>();
    const withService = new Map<string, NodeInfo[]>();
    for (const nodeId of state.nodeIds) {
      let info = this.infos.get(nodeId);
      if (!info) {
        info = buildNodeInfo(state, nodeId);
        info.tieRank = this.tieRanks.get(nodeId) ?? 0;
        this.infos.set(nodeId, info);
      }
      info.withService = withService;
      for (const serviceId of info.activeByService.keys()) {
        const nodes = withService.get(serviceId);
        if (nodes) nodes.push(info);
        else withService.set(serviceId, [info]);
      }
      list.push(info);
      byId.set(nodeId, info);
    }
    if (this.membershipChanged) {
      // Ranked once per membership change, so the many comparisons of a pass never compare
      // hostnames.
      const byName = [...list].sort(compareTieBreak);
      this.tieRanks.clear();
      byName.forEach((info, rank) => {
        info.tieRank = rank;
        this.tieRanks.set(info.node.id, rank);
      });
      this.membershipChanged = false;
    }
    return { list, byId, withService };
  }
}
