/**
 * The leader's dispatcher (SWARM.md 7.1): it keeps one session per node (session.ts runs each
 * one's heartbeats and reconnects) and applies what cluster-wide events do to all of them.
 *
 * - A new leader marks every node that is not DOWN as UNKNOWN with 6 periods of grace; agents
 *   re-register within seconds, the others go DOWN when the grace runs out.
 * - A node DOWN for 24 h has its ASSIGNED..RUNNING tasks set ORPHANED.
 * - A host going down breaks its agent's session until it boots; a refused call (no leader, the
 *   leader's host gone) breaks a session at once, while a merely cut one hangs (session.ts).
 * - No node is ever marked DISCONNECTED: swarmkit writes it only for sessions its dispatcher ends
 *   because it stops (its manager no longer leads), and a stopped dispatcher refuses that very
 *   write ("dispatcher is stopped"); an agent whose stream breaks is left as it was. The new
 *   leader's UNKNOWN is what the recordings show (test/faults/real-fixtures-disconnected).
 * Nothing here acts without a leader: the dispatcher runs on the leader only.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { agentConnected, isHostDown, isHostFault, type Fault } from '../model/world.js';
import {
  drawHeartbeatPeriodMs,
  LEADERSHIP_CHANGE_MESSAGE,
  UNKNOWN_GRACE_MULTIPLIER,
  UNKNOWN_HEARTBEAT_FAILURE_MESSAGE,
} from './heartbeat.js';
import { linkCut, reachesManager } from './link.js';
import { armOrphaning } from './orphans.js';
import { leadershipKey } from '../raft/leadership.js';
import type { LeaderMemory } from './remotes.js';
import { AgentSession, heartbeatPeriodMs } from './session.js';

/** Creates the dispatcher component (one for the swarm: it follows whoever leads). */
export function createDispatcher(): Component {
  const dispatcher = new Dispatcher();
  return {
    name: 'dispatcher',
    start: (ctx) => dispatcher.start(ctx),
    onEvent: (ctx, event) => dispatcher.onEvent(ctx, event),
  };
}

class Dispatcher {
  /** By node id; looked up, never iterated (walks go over `state.nodeIds`). */
  private readonly sessions: Record<string, AgentSession> = {};
  /** Shared with every session: who led last, while nobody does. */
  private readonly leaders: LeaderMemory = { formerLeaderId: null };

  start(ctx: SimContext): void {
    for (const nodeId of ctx.state.nodeIds) this.open(ctx, nodeId);
  }

  onEvent(ctx: SimContext, event: LoggedEvent): void {
    switch (event.type) {
      case 'node/joined':
        this.open(ctx, event.node.id);
        return;
      case 'node/removed':
        this.close(event.nodeId);
        return;
      case 'raft/leaderElected':
        this.leaders.formerLeaderId = null;
        this.leaderChanged(ctx);
        return;
      case 'fault/injected':
        this.hostFault(ctx, event.fault);
        this.breakCutSessions(ctx);
        return;
      case 'raft/clusterForced':
        // The forced node restarts its swarm components: its dispatcher ends every session it
        // held, and its own agent starts afresh (recorded: Ready when the command returned).
        this.dispatcherStopped(ctx, event.nodeId);
        this.restartAgent(ctx, event.nodeId);
        return;
      case 'raft/leaderLost':
        if (ctx.state.world.raft.leaderId === null) this.leaders.formerLeaderId = event.nodeId;
        this.dispatcherStopped(ctx, event.nodeId);
        this.breakCutSessions(ctx);
        return;
      case 'fault/healed':
        this.healed(ctx);
        return;
      default:
        return;
    }
  }

  private open(ctx: SimContext, nodeId: string): void {
    if (this.sessions[nodeId]) return;
    const session = new AgentSession(nodeId, ctx.now, this.leaders);
    session.leadership = leadershipKey(ctx.state);
    this.sessions[nodeId] = session;
    session.beat(ctx);
  }

  /** The node left: its timers go stale and its session is forgotten. */
  private close(nodeId: string): void {
    const session = this.sessions[nodeId];
    if (!session) return;
    session.loop += 1;
    session.expiry += 1;
    delete this.sessions[nodeId];
  }

  /**
   * A new leader's dispatcher starts from scratch: every node not DOWN becomes UNKNOWN with a
   * longer grace, DOWN nodes get their orphan timer again. No agent is told: each registers
   * again when its own session loop next gets a call through (session.ts), so how soon depends
   * on how the old leadership ended (real-docker-multinode/quorum-loss, leader-partition).
   */
  private leaderChanged(ctx: SimContext): void {
    const { state } = ctx;
    const rng = ctx.rng('dispatcher');
    for (const nodeId of state.nodeIds) {
      const session = this.sessions[nodeId];
      if (!session) continue;
      if (state.nodes[nodeId]!.status.state === 'down') {
        armOrphaning(ctx, nodeId);
        continue;
      }
      const message = LEADERSHIP_CHANGE_MESSAGE;
      ctx.emit({ type: 'node/statusChanged', nodeId, state: 'unknown', message });
      session.periodMs = drawHeartbeatPeriodMs(rng, heartbeatPeriodMs(ctx));
      session.lastHeartbeatAt = ctx.now;
      const expiresAt = ctx.now + UNKNOWN_GRACE_MULTIPLIER * session.periodMs;
      session.armExpiry(ctx, expiresAt, UNKNOWN_HEARTBEAT_FAILURE_MESSAGE);
    }
  }

  /**
   * An agent whose session is refused (no leader, or the leader's host is gone) loses it at once
   * and starts reconnecting. One merely cut off keeps it: its next call hangs (`call`).
   */
  private breakCutSessions(ctx: SimContext): void {
    for (const nodeId of ctx.state.nodeIds) {
      const session = this.sessions[nodeId];
      if (!session?.live || agentConnected(ctx.state, nodeId)) continue;
      if (linkCut(ctx.state, nodeId)) continue;
      session.live = false;
      if (isHostDown(ctx.state.world, nodeId)) continue;
      session.backoffMs = 0;
      session.retry(ctx);
    }
  }

  /**
   * A leader that steps down stops its dispatcher, which ends every session it holds
   * (`dispatcher.go` Stop): the agents it still reaches start over at once. The others notice
   * when a call of theirs fails (session.ts).
   */
  private dispatcherStopped(ctx: SimContext, formerLeaderId: string): void {
    if (isHostDown(ctx.state.world, formerLeaderId)) return;
    for (const nodeId of ctx.state.nodeIds) {
      const session = this.sessions[nodeId];
      if (!session?.live || !reachesManager(ctx.state, nodeId, formerLeaderId)) continue;
      session.backoffMs = 0;
      session.fail(ctx);
    }
  }

  /** The node's agent is started anew: its first session attempt at once, no backoff. */
  private restartAgent(ctx: SimContext, nodeId: string): void {
    const session = this.sessions[nodeId];
    if (!session || isHostDown(ctx.state.world, nodeId)) return;
    session.live = false;
    session.backoffMs = 0;
    session.retry(ctx, 0);
  }

  /** A host going down takes its agent (and, for a crash or restart, its containers) with it. */
  private hostFault(ctx: SimContext, fault: Fault): void {
    if (!isHostFault(fault)) return;
    const session = this.sessions[fault.nodeId];
    if (!session) return;
    session.live = false;
    session.loop += 1;
    session.awaitingBoot = true;
    session.lost = fault.kind === 'nodeRestart' ? 'engine restart' : 'crash';
  }

  /**
   * After a heal: a booted host's agent connects at once (its backoff starts afresh). A call
   * hanging on a link that is whole again goes through at its next retransmit (`call`).
   */
  private healed(ctx: SimContext): void {
    for (const nodeId of ctx.state.nodeIds) {
      const session = this.sessions[nodeId];
      if (!session?.awaitingBoot || isHostDown(ctx.state.world, nodeId)) continue;
      session.awaitingBoot = false;
      session.backoffMs = 0;
      session.retry(ctx);
    }
  }
}

