/**
 * `docker swarm init --force-new-cluster` on a manager (SWARM.md 8; moby `daemon/cluster/swarm.go`
 * Init, swarmkit `manager/state/raft/storage.go` loadAndStart): the node's raft restarts from its
 * own log with itself as the only member, so it leads at once, whatever became of the others.
 * Recorded on Engine 20.10 (test/fixtures/real-docker-multinode/force-new-cluster):
 * - the other managers leave raft but stay in the store with their manager role and an empty
 *   MANAGER STATUS; they are marked Down like any node whose agent never comes back;
 * - services and tasks survive; the new leadership is a leader change like any other (every
 *   node Unknown until its agent registers again, the dead ones Down after the grace period);
 * - the node's own task containers are killed (exit 137) as its swarm components restart, and
 *   the restart policy replaces them.
 * A removed manager that comes back works as a worker first, then rejoins raft (rejoin.ts).
 */
import { crashTask } from '../agent/faults.js';
import type { SimContext } from '../engine/simulation.js';
import { raftMembers } from './quorum.js';

/** Why the engine refuses a forced new cluster on this node, or null when it goes ahead. */
export function forceNewClusterRefusal(ctx: SimContext, nodeId: string): string | null {
  const node = ctx.state.nodes[nodeId];
  // moby checks the node runner's own state: a worker, or a manager raft removed, is no manager.
  if (!node || node.role !== 'manager' || !node.managerStatus) {
    return (
      "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster " +
      'state. Please run this command on a manager node or promote the current node to a manager.'
    );
  }
  return null;
}

/** Re-forms the swarm's raft around manager `nodeId` alone, at `ctx.now`. */
export function forceNewCluster(ctx: SimContext, nodeId: string): void {
  const { raft } = ctx.state.world;
  if (raft.leaderId !== null && raft.leaderId !== nodeId) {
    const { leaderId, term } = raft;
    ctx.emit({ type: 'raft/leaderLost', nodeId: leaderId, term, reason: 'superseded' });
  }
  const removedIds = raftMembers(ctx.state)
    .filter((node) => node.id !== nodeId)
    .map((node) => node.id);
  ctx.emit({ type: 'raft/clusterForced', nodeId, removedIds });
  const term = ctx.state.world.raft.term + 1;
  ctx.emit({ type: 'raft/leaderElected', nodeId, term, voterIds: [nodeId] });
  // The node's tasks in store order; only the running ones die (crashTask checks).
  for (const taskId of [...(ctx.state.tasksByNode[nodeId] ?? [])]) {
    crashTask(ctx, taskId);
  }
}
