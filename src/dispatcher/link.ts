/** Whether an agent's calls to the dispatcher are refused or merely wait on a cut link. */
import type { ClusterState } from '../model/state.js';
import { agentConnected, isHostDown, isLeaderless } from '../model/world.js';

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
