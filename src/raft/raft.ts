/**
 * Raft among the managers, at the level of detail an operator can see (SWARM.md 8): who leads,
 * which members the leader reaches (MANAGER STATUS Reachable/Unreachable), how long the swarm
 * stays leaderless, and when a new leader wins. Messages are not simulated; what decides is who
 * can talk to whom (world.ts: hosts up, links open both ways).
 *
 * - A follower that stops hearing the leader campaigns after a randomised 10..19 ticks (1 s each,
 *   drawn from the `raft` stream and recorded in `raft/campaignStarted`). It wins with the votes
 *   of a quorum (floor(N/2)+1 of all members, ghosts included) among the members it reaches.
 * - CheckQuorum: a voter that still hears a leader refuses (the leader's lease), and a leader
 *   that reaches fewer than a quorum steps down after 10..19 ticks.
 * - A voter refuses a candidate whose log is older than its own; the term of the last leader a
 *   member followed stands in for its log.
 * The component keeps only timers and what it derived from events; the facts are events. Its
 * memory of each member is members.ts; the rules of an election are election.ts.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import type { LeaderLossReason, LoggedEvent, RaftClusterForced } from '../model/events.js';
import type { SimTime } from '../model/types.js';
import { canTalk, isHostDown } from '../model/world.js';
import { drawElectionTicks, mayCampaign, votersFor } from './election.js';
import { follow, MemberBook } from './members.js';
import { quorumOf, RAFT_TICK_MS, raftMembers } from './quorum.js';
import { Rejoins } from './rejoin.js';
import { staleLeaderStepsDown } from './stale-leader.js';

/** Creates the raft component; put it first, so leadership is settled before others react. */
export function createRaft(): Component {
  const raft = new RaftModel();
  return {
    name: 'raft',
    start: (ctx) => raft.refresh(ctx),
    onEvent: (ctx, event) => raft.onEvent(ctx, event),
  };
}

class RaftModel {
  private readonly book = new MemberBook();
  private stepDownGeneration = 0;
  private stepDownArmed = false;
  /** When the armed CheckQuorum step-down is due. */
  private stepDownAt: SimTime = 0;
  /** Managers removed by a forced new cluster, on their way back in. */
  private readonly rejoins = new Rejoins();

  onEvent(ctx: SimContext, event: LoggedEvent): void {
    switch (event.type) {
      case 'node/joined':
        // A worker joining changes nothing in raft; skipping it keeps a 10,000-node start linear.
        if (event.node.role === 'manager') this.refresh(ctx);
        return;
      case 'node/removed':
        if (this.book.has(event.nodeId)) this.refresh(ctx);
        return;
      case 'fault/healed':
        this.refresh(ctx);
        this.rejoins.refresh(ctx);
        return;
      case 'fault/injected':
      case 'node/roleChanged':
        this.refresh(ctx);
        return;
      case 'raft/clusterForced':
        this.clusterForced(ctx, event);
        return;
      default:
        return;
    }
  }

  /** Re-derives contacts after anything that may change who reaches whom. */
  refresh(ctx: SimContext): void {
    const { world } = ctx.state;
    this.book.trackHosts(ctx);
    const leaderId = world.raft.leaderId;
    if (leaderId !== null) {
      const leader = ctx.state.nodes[leaderId];
      const demoted = !leader || leader.role !== 'manager';
      if (demoted || isHostDown(world, leaderId)) {
        this.loseLeader(ctx, leaderId, demoted ? 'demoted' : 'host down');
        if (demoted) this.transferLeadership(ctx);
      } else {
        this.trackContacts(ctx, leaderId);
      }
    }
    if (world.raft.leaderId === null) this.armIdleMembers(ctx);
  }

  /** The survivor of a forced new cluster follows its own leadership; the others are gone. */
  private clusterForced(ctx: SimContext, event: RaftClusterForced): void {
    for (const id of event.removedIds) this.book.forget(id);
    follow(this.book.get(ctx, event.nodeId), ctx.state.world.raft.term);
    this.stepDownGeneration += 1;
    this.stepDownArmed = false;
    this.refresh(ctx);
    this.rejoins.refresh(ctx);
  }

  /** The leader's view of every member; arms or cancels the step-down check. */
  private trackContacts(ctx: SimContext, leaderId: string): void {
    const { state } = ctx;
    const members = raftMembers(state);
    let reached = 0;
    for (const node of members) {
      const member = this.book.get(ctx, node.id);
      const contact = canTalk(state.world, leaderId, node.id);
      if (contact && !member.inContact && member.term > this.book.get(ctx, leaderId).term) {
        // No PreVote in swarmkit: a member back from isolation with a higher term makes the
        // leader step down, and a new election follows (fixture leader-partition).
        this.loseLeader(ctx, leaderId, 'higher term');
        this.armIdleMembers(ctx);
        return;
      }
      if (contact) {
        reached += 1;
        if (!member.inContact) follow(member, state.world.raft.term);
      } else {
        if (member.inContact) member.heardAt = ctx.now;
        member.inContact = false;
        if (!member.timerArmed && !member.down) this.armElection(ctx, node.id);
      }
      const reachability = contact ? 'reachable' : 'unreachable';
      if (node.id !== leaderId && node.managerStatus!.reachability !== reachability) {
        ctx.emit({ type: 'raft/reachabilityChanged', nodeId: node.id, reachability });
      }
    }
    if (reached >= quorumOf(members.length)) {
      this.stepDownGeneration += this.stepDownArmed ? 1 : 0;
      this.stepDownArmed = false;
    } else if (!this.stepDownArmed) {
      this.armStepDown(ctx, leaderId);
    }
  }

  private loseLeader(ctx: SimContext, leaderId: string, reason: LeaderLossReason): void {
    const term = ctx.state.world.raft.term;
    ctx.emit({ type: 'raft/leaderLost', nodeId: leaderId, term, reason });
    this.book.loseContact(ctx);
    this.stepDownGeneration += 1;
    this.stepDownArmed = false;
  }

  private armIdleMembers(ctx: SimContext): void {
    for (const node of raftMembers(ctx.state)) {
      const member = this.book.get(ctx, node.id);
      if (!member.timerArmed && !member.down) this.armElection(ctx, node.id);
    }
  }

  /** Arms the member's election timer: a fresh random 10..19 ticks after it last heard a leader. */
  private armElection(ctx: SimContext, nodeId: string): void {
    const member = this.book.get(ctx, nodeId);
    member.generation += 1;
    member.timerArmed = true;
    const generation = member.generation;
    const ticks = drawElectionTicks(ctx);
    const at = Math.max(ctx.now, member.heardAt + ticks * RAFT_TICK_MS);
    ctx.at(at, 'raft: election timeout', (later) => {
      if (member.generation !== generation) return;
      member.timerArmed = false;
      this.campaign(later, nodeId, ticks);
    });
  }

  /** CheckQuorum: a leader that still lacks a quorum after an election timeout steps down. */
  private armStepDown(ctx: SimContext, leaderId: string): void {
    this.stepDownArmed = true;
    const generation = ++this.stepDownGeneration;
    const ticks = drawElectionTicks(ctx);
    this.stepDownAt = ctx.now + ticks * RAFT_TICK_MS;
    ctx.at(this.stepDownAt, 'raft: check quorum', (later) => {
      if (generation !== this.stepDownGeneration) return;
      this.stepDownArmed = false;
      if (later.state.world.raft.leaderId !== leaderId) return;
      this.loseLeader(later, leaderId, 'lost quorum');
      this.armIdleMembers(later);
    });
  }

  /** The member campaigns for the next term; it leads if a quorum of members votes for it. */
  private campaign(ctx: SimContext, nodeId: string, ticks: number): boolean {
    const { state } = ctx;
    const member = this.book.get(ctx, nodeId);
    if (!mayCampaign(ctx, nodeId, member)) return false;
    const term = state.world.raft.term + 1;
    member.term = term;
    ctx.emit({ type: 'raft/campaignStarted', nodeId, term, electionTimeoutTicks: ticks });
    const members = raftMembers(state);
    const voterIds = votersFor(ctx, this.book, members, nodeId);
    if (voterIds.length < quorumOf(members.length)) {
      member.heardAt = ctx.now;
      this.armElection(ctx, nodeId);
      return false;
    }
    this.becomeLeader(ctx, nodeId, term, voterIds);
    return true;
  }

  private becomeLeader(ctx: SimContext, nodeId: string, term: number, voterIds: string[]): void {
    const previous = ctx.state.world.raft.leaderId;
    if (previous !== null && previous !== nodeId) {
      const stepDownAt = this.stepDownArmed ? this.stepDownAt : ctx.now;
      this.loseLeader(ctx, previous, 'superseded');
      // It led in its own term; the world's term is already the new leader's.
      staleLeaderStepsDown(ctx, previous, this.book.get(ctx, previous).term, stepDownAt);
    }
    ctx.emit({ type: 'raft/leaderElected', nodeId, term, voterIds });
    for (const voterId of voterIds) follow(this.book.get(ctx, voterId), term);
    this.trackContacts(ctx, nodeId);
  }

  /** A demoted leader hands over at once to the first member that can win (swarmkit transfers). */
  private transferLeadership(ctx: SimContext): void {
    for (const node of raftMembers(ctx.state)) {
      if (this.campaign(ctx, node.id, 0)) return;
    }
  }
}
