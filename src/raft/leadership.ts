/**
 * Which leadership the swarm is under. swarmkit builds its orchestrators, and with them their
 * restart supervisors, anew each time a manager becomes leader (`manager/manager.go`
 * becomeLeader), so whatever they keep only in memory (restart history) starts empty then.
 */
import type { ClusterState } from '../model/state.js';

/** A key that changes at every election won, even by the same manager; "" without a leader. */
export function leadershipKey(state: ClusterState): string {
  const { leaderId, electedTerm } = state.world.raft;
  return leaderId === null ? '' : `${leaderId}@${electedTerm ?? 0}`;
}
