/**
 * The election rules (SWARM.md 8): how long a member waits before it campaigns, whether it may,
 * and who votes for it. Kept apart from raft.ts, which owns the timers and emits the events, so
 * the rules read as plain functions of the world and the member book.
 */
import type { SimContext } from '../engine/simulation.js';
import type { Node } from '../model/types.js';
import { canTalk } from '../model/world.js';
import type { Member, MemberBook } from './members.js';
import { ELECTION_TICKS } from './quorum.js';

/** A randomised election timeout, 10..19 ticks, from the `raft` stream. */
export function drawElectionTicks(ctx: SimContext): number {
  return ctx.rng('raft').int(ELECTION_TICKS, 2 * ELECTION_TICKS);
}

/** True if `nodeId` may campaign: a live manager that does not hear a current leader. */
export function mayCampaign(ctx: SimContext, nodeId: string, member: Member): boolean {
  const { state } = ctx;
  const node = state.nodes[nodeId];
  if (!node || node.role !== 'manager' || !node.managerStatus || member.down) return false;
  return !(member.inContact && state.world.raft.leaderId !== null);
}

/** The ids of the `members` that vote for `candidateId`, itself included, in join order. */
export function votersFor(
  ctx: SimContext,
  book: MemberBook,
  members: readonly Node[],
  candidateId: string,
): string[] {
  return members
    .filter((voter) => voter.id === candidateId || grantsVote(ctx, book, voter.id, candidateId))
    .map((voter) => voter.id);
}

/**
 * CheckQuorum: a voter that still hears a leader (or is it) refuses; so does one whose log is
 * newer than the candidate's, with the term of the last leader followed standing in for the log.
 */
function grantsVote(
  ctx: SimContext,
  book: MemberBook,
  voterId: string,
  candidateId: string,
): boolean {
  const { world } = ctx.state;
  const voter = book.get(ctx, voterId);
  if (voter.down || !canTalk(world, voterId, candidateId)) return false;
  const leaderId = world.raft.leaderId;
  if (leaderId !== null && (voterId === leaderId || voter.inContact)) return false;
  return voter.logTerm <= book.get(ctx, candidateId).logTerm;
}
