/**
 * Raft arithmetic and swarmkit's raft constants (`manager/state/raft/raft.go`, SWARM.md 8).
 */
import type { ClusterState } from '../model/state.js';
import type { Node } from '../model/types.js';

/** Raft tick interval, ms. */
export const RAFT_TICK_MS = 1000;
/** ElectionTick: a follower campaigns after a randomised 10..19 ticks without a leader. */
export const ELECTION_TICKS = 10;
/** More than this many leaderless ticks and API calls fail at once instead of waiting. */
export const LOST_QUORUM_TICKS = 10;

/** The text every manager API call fails with once the swarm has been leaderless too long. */
export const NO_LEADER_MESSAGE =
  "The swarm does not have a leader. It's possible that too few managers are online. " +
  'Make sure more than half of the managers are online.';

/** Votes needed among `members` raft members: floor(N/2)+1. */
export function quorumOf(members: number): number {
  return Math.floor(members / 2) + 1;
}

/** The raft members in join order: every node whose role in effect is manager, ghosts included. */
export function raftMembers(state: ClusterState): Node[] {
  const members: Node[] = [];
  for (const id of state.nodeIds) {
    const node = state.nodes[id]!;
    if (node.role === 'manager' && node.managerStatus) members.push(node);
  }
  return members;
}
