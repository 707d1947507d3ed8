/**
 * The node half of the control API (`manager/controlapi/node.go`): availability, labels and role
 * changes, and removal. Raft membership is modelled by the effective role: a node whose `role`
 * is manager is a raft member, and promotion or demotion takes effect at once (swarmkit's role
 * manager would reconcile it within seconds).
 */
import type { SimContext } from '../engine/simulation.js';
import type { ClusterState } from '../model/state.js';
import { isForwardMove } from '../model/task-state.js';
import type { ManagerStatus, Node, NodeAvailability, NodeRole } from '../model/types.js';
import { commitGate } from './commit.js';
import { ApiError } from './errors.js';

/** The node spec fields a request may change; absent fields stay as they are. */
export interface NodeUpdate {
  availability?: NodeAvailability;
  /** The complete new label set (not a patch). */
  labels?: Record<string, string>;
  /** The desired role. */
  role?: NodeRole;
}

/**
 * Applies a node spec change. Only fields that differ are recorded, each as its own event, in the
 * order availability, labels, role; a request that changes nothing emits nothing.
 */
export function updateNode(ctx: SimContext, nodeId: string, update: NodeUpdate): Node | ApiError {
  const node = ctx.state.nodes[nodeId];
  if (!node) return new ApiError('NotFound', `node ${nodeId} not found`);
  const role = update.role ?? node.desiredRole;
  if (node.desiredRole === 'manager' && role === 'worker') {
    const refused = checkDemotion(ctx.state, node);
    if (refused) return refused;
  }
  // swarmkit writes the node even when nothing changes, so even that call needs a commit.
  const uncommitted = commitGate(ctx.state);
  if (uncommitted) return uncommitted;
  if (update.availability !== undefined && update.availability !== node.availability) {
    ctx.emit({ type: 'node/availabilityChanged', nodeId, availability: update.availability });
  }
  if (update.labels !== undefined && !sameLabels(update.labels, node.labels)) {
    ctx.emit({ type: 'node/labelsChanged', nodeId, labels: { ...update.labels } });
  }
  if (role !== node.desiredRole) {
    const managerStatus = managerStatusFor(node, role);
    ctx.emit({ type: 'node/roleChanged', nodeId, desiredRole: role, role, managerStatus });
  }
  return structuredClone(ctx.state.nodes[nodeId]!);
}

/** A promoted node joins raft as a reachable follower; a demoted one leaves it. */
function managerStatusFor(node: Node, role: NodeRole): ManagerStatus | null {
  if (role === 'worker') return null;
  return { leader: false, reachability: 'reachable', addr: `${node.status.addr}:2377` };
}

/** swarmkit's three demotion guards: last manager, raft membership, quorum. */
function checkDemotion(state: ClusterState, node: Node): ApiError | null {
  const managers = state.nodeIds.map((id) => state.nodes[id]!).filter((n) => n.role === 'manager');
  if (managers.length === 1 && managers[0]!.id === node.id) {
    return new ApiError('FailedPrecondition', 'attempting to demote the last manager of the swarm');
  }
  // A manager a forced new cluster removed from raft keeps its role but has no member status.
  if (node.role !== 'manager' || !node.managerStatus) {
    return new ApiError('NotFound', "can't find manager in raft memberlist");
  }
  // Raft's CanRemoveMember: the members left reachable must still form a quorum of the
  // current membership. The leader handles the request, so it always counts as reachable.
  const members = managers.filter((m) => m.managerStatus);
  const reachable = members.filter((m) => m.id !== node.id && isReachable(m)).length;
  const quorum = Math.floor((members.length - 1) / 2) + 1;
  if (reachable < quorum) {
    const message = "can't remove member from the raft: this would result in a loss of quorum";
    return new ApiError('FailedPrecondition', message);
  }
  return null;
}

function isReachable(manager: Node): boolean {
  if (manager.managerStatus?.leader) return true;
  return manager.managerStatus?.reachability === 'reachable' && manager.status.state === 'ready';
}

/** Options of `removeNode`. */
export interface RemoveNodeOptions {
  /** `docker node rm --force`: remove even a node that is still Ready. */
  force?: boolean;
}

/**
 * Removes a node: refused for raft members (even with force) and, without force, for Ready
 * nodes. Its unfinished tasks become ORPHANED first, since no agent will report on them again.
 */
export function removeNode(
  ctx: SimContext,
  nodeId: string,
  options: RemoveNodeOptions = {},
): null | ApiError {
  const node = ctx.state.nodes[nodeId];
  if (!node) return new ApiError('NotFound', `node ${nodeId} not found`);
  // swarmkit asks raft's member list, so a manager a forced new cluster removed may go.
  if (node.desiredRole === 'manager' && node.role === 'manager' && node.managerStatus) {
    const message =
      `node ${nodeId} is a cluster manager and is a member of the raft cluster. ` +
      'It must be demoted to worker before removal';
    return new ApiError('FailedPrecondition', message);
  }
  if (!options.force && node.status.state === 'ready') {
    return new ApiError('FailedPrecondition', `node ${nodeId} is not down and can't be removed`);
  }
  const uncommitted = commitGate(ctx.state);
  if (uncommitted) return uncommitted;
  for (const taskId of [...(ctx.state.tasksByNode[nodeId] ?? [])]) {
    const task = ctx.state.tasks[taskId];
    // Tasks at COMPLETE or beyond are finished; only live ones are orphaned (orphanNodeTasks).
    if (!task || isForwardMove('running', task.status.state)) continue;
    ctx.emit({
      type: 'task/stateChanged',
      taskId,
      state: 'orphaned',
      message: 'Task belonged to a node that has been deleted',
      err: '',
      exitCode: null,
    });
  }
  ctx.emit({ type: 'node/removed', nodeId });
  return null;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}
