/**
 * What the raft model remembers of each member (raft.ts): whether it hears the leader, when it
 * last did, its election timer's generation, whether its host is down and how fresh its log is.
 * Kept apart from raft.ts so the component reads as leadership and timers, while the per-member
 * bookkeeping (created on first sight, forgotten on removal) lives in one place.
 */
import type { SimContext } from '../engine/simulation.js';
import type { SimTime } from '../model/types.js';
import { isHostDown } from '../model/world.js';
import { raftMembers } from './quorum.js';

/** What the model remembers of one member. */
export interface Member {
  /** True while the member hears the current leader. */
  inContact: boolean;
  /** When it last heard a leader, or booted; its election timeout counts from here, ms. */
  heardAt: SimTime;
  /** Its election timer's generation; a timer holding an older one is stale. */
  generation: number;
  /** True while its election timer is armed. */
  timerArmed: boolean;
  /** True while its host is down (it forgets its timer; it counts again from its boot). */
  down: boolean;
  /** Term of the last leader it followed: how fresh its log is. */
  logTerm: number;
  /** The term it is in: raised by its own campaigns, even unheard ones. */
  term: number;
}

/** The members by node id; looked up, never iterated (walks go over `raftMembers`). */
export class MemberBook {
  private readonly members: Record<string, Member> = {};

  /** True if the model has seen `nodeId` as a member. */
  has(nodeId: string): boolean {
    return this.members[nodeId] !== undefined;
  }

  /** The member's record, created on first sight as following the current leader, if any. */
  get(ctx: SimContext, nodeId: string): Member {
    return (this.members[nodeId] ??= {
      inContact: ctx.state.world.raft.leaderId !== null,
      heardAt: ctx.now,
      generation: 0,
      timerArmed: false,
      down: false,
      logTerm: ctx.state.world.raft.term,
      term: ctx.state.world.raft.term,
    });
  }

  /** Drops a member that left raft. */
  forget(nodeId: string): void {
    // Its timers hold the record and see the new generation: stale.
    const member = this.members[nodeId];
    if (member) member.generation += 1;
    delete this.members[nodeId];
  }

  /** A member whose host went down forgets its timer; once back, it counts from its boot. */
  trackHosts(ctx: SimContext): void {
    for (const node of raftMembers(ctx.state)) {
      const member = this.get(ctx, node.id);
      const down = isHostDown(ctx.state.world, node.id);
      if (down === member.down) continue;
      member.down = down;
      member.inContact = false;
      member.generation += 1;
      member.timerArmed = false;
      member.heardAt = ctx.now;
    }
  }

  /** The leader is gone: nobody hears one, and each election timeout counts from now. */
  loseContact(ctx: SimContext): void {
    for (const node of raftMembers(ctx.state)) {
      const member = this.get(ctx, node.id);
      if (member.inContact) member.heardAt = ctx.now;
      member.inContact = false;
    }
  }
}

/** The member hears a leader of `term`: its log catches up and its election timer is off. */
export function follow(member: Member, term: number): void {
  member.inContact = true;
  member.logTerm = term;
  member.term = term;
  member.generation += 1;
  member.timerArmed = false;
}
