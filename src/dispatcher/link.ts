/** Whether an agent's calls to the dispatcher are refused or merely wait on a cut link. */
import type { ClusterState } from '../model/state.js';
import { agentConnected, canTalk, isHostDown, isLeaderless } from '../model/world.js';

/**
 * True when the node's agent cannot reach the leader only because links are cut: both hosts are
 * up and a leader exists, so a call neither fails nor is refused, it waits.
 */
export function linkCut(state: ClusterState, nodeId: string): boolean {
  const { world } = state;
  const leaderId = world.raft.leaderId;
  return (
    leaderId !== null &&
    !isLeaderless(world) &&
    !isHostDown(world, nodeId) &&
    !isHostDown(world, leaderId) &&
    !agentConnected(state, nodeId)
  );
}

/**
 * True when the node's agent reaches manager `targetId`'s dispatcher, directly or through a
 * manager forwarding its calls (the same paths as `agentConnected`, to a given manager).
 */
export function reachesManager(state: ClusterState, nodeId: string, targetId: string): boolean {
  const { world } = state;
  if (canTalk(world, nodeId, targetId)) return true;
  if (isHostDown(world, nodeId) || isHostDown(world, targetId)) return false;
  for (const managerId of state.nodeIds) {
    if (state.nodes[managerId]!.role !== 'manager') continue;
    if (canTalk(world, nodeId, managerId) && canTalk(world, managerId, targetId)) return true;
  }
  return false;
}
