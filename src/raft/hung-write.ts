/**
 * A write sent to a leader that reaches no quorum (SWARM.md 8; fixture
 * real-docker-multinode/quorum-loss-write): raft cannot commit it, so the call waits. It commits
 * as soon as the same leader reaches a quorum again (0.65 s after a 5.5 s cut healed), and fails
 * once that leader stops leading in its own eyes: its CheckQuorum step-down (every pending write
 * failed together, 14 s after two of three managers crashed, one of them sent 6.4 s later),
 * its host going down, or hearing of a newer leader. Reads are not held: the leader answers
 * them from its own store, as before.
 */
import type { ClusterState } from '../model/state.js';
import type { SimTime } from '../model/types.js';
import { canTalk, isHostDown } from '../model/world.js';
import { cannotCommit } from './quorum.js';

/** What a waiting write fails with (gRPC code Unknown), from swarmkit's raft proposal. */
export const LOST_LEADERSHIP_MESSAGE =
  'raft: failed to process the request: node lost leader status';

/** How often a waiting caller looks again, ms (commits land within a raft tick of the quorum). */
export const HUNG_WRITE_POLL_MS = 250;

/** A write waiting for a commit: where it was sent, when, and the leader that holds it. */
export interface HungWrite {
  /** The manager the call was made on (it forwarded the write to the leader). */
  nodeId: string;
  since: SimTime;
  leaderId: string;
  term: number;
}

/** How a waiting write stands now. */
export type HungWriteOutcome = 'waiting' | 'commit' | 'fail';

/** The write the call on `nodeId` at `now` waits with; null if the swarm has no leader. */
export function hangWrite(state: ClusterState, nodeId: string, now: SimTime): HungWrite | null {
  const { leaderId, term } = state.world.raft;
  return leaderId === null ? null : { nodeId, since: now, leaderId, term };
}

/** Whether the write `hung` has committed, failed, or still waits, in `state`. */
export function hungWriteOutcome(state: ClusterState, hung: HungWrite): HungWriteOutcome {
  const { world } = state;
  const { raft } = world;
  const { leaderId } = hung;
  if (raft.leaderId === leaderId && raft.term === hung.term) {
    return cannotCommit(state) ? 'waiting' : 'commit';
  }
  // Its leader stepped down or went down: the proposal is dropped with the leadership.
  if (raft.noLeaderSince[leaderId] !== undefined || isHostDown(world, leaderId)) return 'fail';
  // Superseded while cut off, it leads on in its own eyes until it steps down or hears the
  // newer leader (stale-leader.ts); either way the write is lost.
  if (raft.leaderId === leaderId) return 'fail';
  return raft.leaderId !== null && canTalk(world, leaderId, raft.leaderId) ? 'fail' : 'waiting';
}
