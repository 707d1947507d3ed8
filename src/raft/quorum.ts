/**
 * Raft arithmetic and swarmkit's raft constants (`manager/state/raft/raft.go`, SWARM.md 8).
 */
import type { ClusterState } from '../model/state.js';
import type { Node } from '../model/types.js';
import { canTalk, isLeaderless } from '../model/world.js';

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

/** The last answer of `cannotCommit` per state and version: every leader-only component asks. */
const answers = new WeakMap<ClusterState, { version: number; blocked: boolean }>();

/**
 * True while nothing the managers decide can be committed (SWARM.md 8): there is no leader, or
 * the leader reaches fewer than a quorum of members. Such a leader still leads until its
 * CheckQuorum step-down, but its writes (marking nodes Down, new tasks, placements) never reach
 * a majority, so the real swarm changes nothing meanwhile.
 */
export function cannotCommit(state: ClusterState): boolean {
  const { world } = state;
  const leaderId = world.raft.leaderId;
  if (leaderId === null) return isLeaderless(world);
  // Without faults every member is up and linked: the common case costs no walk.
  if (world.faults.length === 0) return false;
  const known = answers.get(state);
  if (known?.version === state.version) return known.blocked;
  const members = raftMembers(state);
  const reached = members.filter((node) => canTalk(world, leaderId, node.id)).length;
  const blocked = reached < quorumOf(members.length);
  answers.set(state, { version: state.version, blocked });
  return blocked;
}
