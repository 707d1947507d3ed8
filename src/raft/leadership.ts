/**
 * Which leadership the swarm is under. swarmkit builds its orchestrators, and with them their
 * restart supervisors, anew each time a manager becomes leader (`manager/manager.go`
 * becomeLeader), so whatever they keep only in memory (restart history) starts empty then.
 */
import type { ClusterState } from '../model/state.js';

/**
 * A key that changes at every election won, even by the same manager: the term it was won in
 * (raft never elects twice in one term); -1 without a leader. A number, as it is read on every
 * event.
 */
export function leadershipKey(state: ClusterState): number {
  const { leaderId, electedTerm } = state.world.raft;
  return leaderId === null ? -1 : (electedTerm ?? 0);
}
