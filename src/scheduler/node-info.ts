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
  info.activeByService.set(task.serviceId, activeOfService(info, task.serviceId) + 1);
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
    info.serviceActive = activeOfService(info, serviceId);
    info.recentFailures = 0;
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
 * pass are rebuilt, and the list and index are patched in place, so a pass costs O(changed
 * nodes' tasks) instead of O(every task) or O(nodes) (a rolling update runs thousands of passes).
 * A pass charges its own placements to the infos it is given, so its own `task/assigned` events
 * need no rebuild (`taskAssigned`); any other assignment marks its node changed.
 */
export class NodeInfoCache {
  /** The infos handed to the last pass; null until the first, and after a membership change. */
  private infos: NodeInfos | null = null;
  /** Each node's position in `infos.list` (join order). */
  private readonly positions = new Map<string, number>();
  private readonly changed = new Set<string>();
  /**
   * Tasks a pass charged to these infos, in the order it emits their `task/assigned`, which is
   * the order they are observed in; `chargedHead` is the next one expected. A queue, not a set:
   * at 100k placements a pass, hashing each id twice showed in profiles.
   */
  private readonly charged: string[] = [];
  private chargedHead = 0;

  /** Marks one node for rebuilding at the next pass. */
  nodeChanged(nodeId: string): void {
    this.changed.add(nodeId);
  }

  /** A pass placed `taskId` and charged it to these infos (it is about to emit the assignment). */
  chargedByPass(taskId: string): void {
    this.charged.push(taskId);
  }

  /**
   * `task/assigned` of `taskId` to `nodeId` was observed: the node is rebuilt unless a pass of
   * this cache already charged the task there. A rebuild would read exactly that charge back
   * (the same reservation, ports, active count and generic values), and every later change to
   * the task marks the node anyway; each placement rebuilding its node was a third of a rolling
   * update's rebuilds.
   */
  taskAssigned(taskId: string, nodeId: string): void {
    if (this.charged[this.chargedHead] === taskId) {
      this.chargedHead += 1;
    } else {
      // Not the pass's next assignment: rebuild, and stop trusting the queue (never seen).
      this.changed.add(nodeId);
      this.chargedHead = this.charged.length;
    }
    if (this.chargedHead === this.charged.length) {
      this.charged.length = 0;
      this.chargedHead = 0;
    }
  }

  /** Marks a join or removal: every info is rebuilt and the tie-break ranks recomputed. */
  membershipChange(): void {
    this.infos = null;
  }

  build(state: ClusterState): NodeInfos {
    if (!this.infos) {
      this.changed.clear();
      this.infos = this.buildAll(state);
      return this.infos;
    }
    const { list, byId } = this.infos;
    for (const nodeId of this.changed) {
      const position = this.positions.get(nodeId);
      // Only nodes of the list are rebuilt: a node that joined or left rebuilt them all.
      if (position === undefined) continue;
      const info = buildNodeInfo(state, nodeId);
      info.tieRank = list[position]!.tieRank;
      list[position] = info;
      byId.set(nodeId, info);
    }
    this.changed.clear();
    return this.infos;
  }

  /** Every node's info, tie-break ranks included. */
  private buildAll(state: ClusterState): NodeInfos {
    const list: NodeInfo[] = [];
    const byId = new Map<string, NodeInfo>();
    this.positions.clear();
    for (const nodeId of state.nodeIds) {
      const info = buildNodeInfo(state, nodeId);
      this.positions.set(nodeId, list.length);
      list.push(info);
      byId.set(nodeId, info);
    }
    // Ranked once per membership change, so the many comparisons of a pass never compare
    // hostnames.
    [...list].sort(compareTieBreak).forEach((info, rank) => {
      info.tieRank = rank;
    });
    return { list, byId };
  }
}
