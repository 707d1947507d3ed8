/**
 * The leader's dispatcher and the agents' sessions with it (SWARM.md 7.1): heartbeats, node
 * status, and what a leader change does to every node.
 *
 * - A registered agent heartbeats every period the dispatcher hands back, 5 s ± 500 ms drawn from
 *   the `dispatcher` stream. Heartbeats are timers, not events: only what they lead to is logged.
 * - No heartbeat for 3 periods: DOWN "heartbeat failure". The event records the drawn period and
 *   the last heartbeat, so a log explains its own timing without the generator.
 * - A cut link ends nothing by itself (`agent/session.go`): the agent's next call across it, a
 *   heartbeat or a session start, hangs. TCP sends it again (heartbeat.ts: at 0.2, 0.6, 1.4 and
 *   3 s for a heartbeat, at 1 and 3 s for a new connection's SYN) and it goes through at the
 *   first of those after the link heals, unless the 5 s RPC timeout comes first. A heartbeat
 *   that gets through re-phases the loop (next one a period after it) and writes nothing, so a
 *   6 s outage usually passes unseen (real-docker-multinode/flapping-node).
 * - A call that times out or is refused (host down, no leader) breaks the session; the agent
 *   retries after a delay drawn below its backoff (100 ms, then 100 ms plus twice the last, up
 *   to 8 s) and re-registers (READY) once a session start gets through: after a long cut at its
 *   next attempt, not at the heal. A booted host reports the containers it lost (faults/host.ts).
 * - A new leader marks every node that is not DOWN as UNKNOWN with 6 periods of grace; agents
 *   re-register within seconds, the others go DOWN when the grace runs out.
 * - A node DOWN for 24 h has its ASSIGNED..RUNNING tasks set ORPHANED.
 * - No node is ever marked DISCONNECTED: swarmkit writes it only for sessions its dispatcher ends
 *   because it stops (its manager no longer leads), and a stopped dispatcher refuses that very
 *   write ("dispatcher is stopped"); an agent whose stream breaks is left as it was. The new
 *   leader's UNKNOWN is what the recordings show (test/faults/real-fixtures-disconnected).
 * Nothing here acts without a leader: the dispatcher runs on the leader only.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { DEFAULT_HEARTBEAT_PERIOD_MS, HEARTBEAT_GRACE_MULTIPLIER } from '../model/defaults.js';
import type { SimTime } from '../model/types.js';
import { agentConnected, isHostDown, isHostFault, type Fault } from '../model/world.js';
import { cannotCommit } from '../raft/quorum.js';
import { lostContainerReports, type ContainerLoss } from '../faults/host.js';
import {
  CONNECT_RETRANSMITS_MS,
  DISPATCHER_RPC_TIMEOUT_MS,
  drawHeartbeatPeriodMs,
  drawSessionDelayMs,
  drawReregistrationMs,
  HEARTBEAT_FAILURE_MESSAGE,
  HEARTBEAT_RETRANSMITS_MS,
  LEADERSHIP_CHANGE_MESSAGE,
  nextBackoffMs,
  UNKNOWN_GRACE_MULTIPLIER,
  UNKNOWN_HEARTBEAT_FAILURE_MESSAGE,
} from './heartbeat.js';
import { linkCut } from './link.js';
import { armOrphaning } from './orphans.js';

/** Creates the dispatcher component (one for the swarm: it follows whoever leads). */
export function createDispatcher(): Component {
  const dispatcher = new Dispatcher();
  return {
    name: 'dispatcher',
    start: (ctx) => dispatcher.start(ctx),
    onEvent: (ctx, event) => dispatcher.onEvent(ctx, event),
  };
}

/** One agent's session, as the dispatcher and the agent jointly know it. */
interface Session {
  /** True while the agent is registered and heartbeating. */
  live: boolean;
  /** The period last handed to the agent, ms. */
  periodMs: number;
  lastHeartbeatAt: SimTime;
  /** Generation of the heartbeat/reconnect loop; a timer holding an older one is stale. */
  loop: number;
  /** Generation of the expiry timer. */
  expiry: number;
  /** The agent's session-failure backoff, ms: 0 after a registration. */
  backoffMs: number;
  /** Why the host's containers are gone, reported at the next registration; null if they live. */
  lost: ContainerLoss | null;
  /** True while the host is down: the agent tries again only once it boots. */
  awaitingBoot: boolean;
}

class Dispatcher {
  /** By node id; looked up, never iterated (walks go over `state.nodeIds`). */
  private readonly sessions: Record<string, Session> = {};

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
        this.leaderChanged(ctx);
        return;
      case 'fault/injected':
        this.hostFault(ctx, event.fault);
        this.breakCutSessions(ctx);
        return;
      case 'raft/leaderLost':
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
    const session: Session = {
      live: true,
      periodMs: 0,
      lastHeartbeatAt: ctx.now,
      loop: 0,
      expiry: 0,
      backoffMs: 0,
      lost: null,
      awaitingBoot: false,
    };
    this.sessions[nodeId] = session;
    this.beat(ctx, nodeId, session);
  }

  private close(nodeId: string): void {
    const session = this.sessions[nodeId];
    if (!session) return;
    session.loop += 1;
    session.expiry += 1;
    delete this.sessions[nodeId];
  }

  /** A heartbeat arrives: new period, expiry re-armed, next heartbeat one period later. */
  private beat(ctx: SimContext, nodeId: string, session: Session): void {
    const periodMs = drawHeartbeatPeriodMs(ctx.rng('dispatcher'), heartbeatPeriodMs(ctx));
    session.periodMs = periodMs;
    session.lastHeartbeatAt = ctx.now;
    const expiresAt = ctx.now + HEARTBEAT_GRACE_MULTIPLIER * periodMs;
    this.armExpiry(ctx, nodeId, session, expiresAt, HEARTBEAT_FAILURE_MESSAGE);
    const loop = ++session.loop;
    ctx.at(ctx.now + periodMs, 'dispatcher: heartbeat', (later) => {
      if (session.loop !== loop) return;
      this.call(later, nodeId, session, HEARTBEAT_RETRANSMITS_MS, (ok) =>
        this.beat(ok, nodeId, session),
      );
    });
  }

  /**
   * One call of the agent to the dispatcher: `delivered` at once if it gets through; across a cut
   * link, at the first retransmit (`retransmitsMs` after now) that finds the link whole, unless
   * the RPC timeout comes first; refused, or timed out: the session fails.
   */
  private call(
    ctx: SimContext,
    nodeId: string,
    session: Session,
    retransmitsMs: readonly number[],
    delivered: (ctx: SimContext) => void,
  ): void {
    if (agentConnected(ctx.state, nodeId)) {
      delivered(ctx);
      return;
    }
    if (!linkCut(ctx.state, nodeId)) {
      this.fail(ctx, nodeId, session);
      return;
    }
    const loop = ++session.loop;
    for (const afterMs of retransmitsMs) {
      ctx.at(ctx.now + afterMs, 'dispatcher: retransmit', (later) => {
        if (session.loop === loop && agentConnected(later.state, nodeId)) delivered(later);
      });
    }
    ctx.at(ctx.now + DISPATCHER_RPC_TIMEOUT_MS, 'dispatcher: rpc timeout', (later) => {
      if (session.loop === loop) this.fail(later, nodeId, session);
    });
  }

  /** The session fails: the agent starts over after its backoff. */
  private fail(ctx: SimContext, nodeId: string, session: Session): void {
    session.live = false;
    this.retry(ctx, nodeId, session);
  }

  /** Schedules the agent's next session attempt, after a delay drawn below its backoff. */
  private retry(ctx: SimContext, nodeId: string, session: Session, delayMs?: number): void {
    const loop = ++session.loop;
    session.backoffMs = nextBackoffMs(session.backoffMs);
    const waitMs = delayMs ?? drawSessionDelayMs(ctx.rng('dispatcher'), session.backoffMs);
    ctx.at(ctx.now + waitMs, 'dispatcher: reconnect', (later) => {
      if (session.loop === loop) this.attempt(later, nodeId, session);
    });
  }

  /** One session attempt on a new connection: registers, is refused, or hangs on a cut link. */
  private attempt(ctx: SimContext, nodeId: string, session: Session): void {
    this.call(ctx, nodeId, session, CONNECT_RETRANSMITS_MS, (ok) =>
      this.register(ok, nodeId, session),
    );
  }

  /** The agent registers: the node is READY, lost containers are reported, heartbeats resume. */
  private register(ctx: SimContext, nodeId: string, session: Session): void {
    session.live = true;
    session.backoffMs = 0;
    ctx.emit({ type: 'node/statusChanged', nodeId, state: 'ready', message: '' });
    if (session.lost) {
      for (const report of lostContainerReports(ctx.state, nodeId, session.lost)) ctx.emit(report);
      session.lost = null;
    }
    this.beat(ctx, nodeId, session);
  }

  private armExpiry(
    ctx: SimContext,
    nodeId: string,
    session: Session,
    at: SimTime,
    message: string,
  ): void {
    const expiry = ++session.expiry;
    ctx.at(at, 'dispatcher: heartbeat expiry', (later) => {
      // Marking a node Down is a store write: lost without a leader or a quorum behind it.
      if (session.expiry !== expiry || cannotCommit(later.state)) return;
      const node = later.state.nodes[nodeId];
      if (!node || node.status.state === 'down') return;
      later.emit({
        type: 'node/statusChanged',
        nodeId,
        state: 'down',
        message,
        heartbeatPeriodMs: session.periodMs,
        lastHeartbeatAt: session.lastHeartbeatAt,
      });
      armOrphaning(later, nodeId);
    });
  }

  /**
   * A new leader's dispatcher starts from scratch: every node not DOWN becomes UNKNOWN with a
   * longer grace, DOWN nodes get their orphan timer again, and every agent re-registers.
   */
  private leaderChanged(ctx: SimContext): void {
    const { state } = ctx;
    const rng = ctx.rng('dispatcher');
    for (const nodeId of state.nodeIds) {
      const session = this.sessions[nodeId];
      if (!session) continue;
      if (state.nodes[nodeId]!.status.state === 'down') {
        armOrphaning(ctx, nodeId);
      } else {
        const message = LEADERSHIP_CHANGE_MESSAGE;
        ctx.emit({ type: 'node/statusChanged', nodeId, state: 'unknown', message });
        session.periodMs = drawHeartbeatPeriodMs(rng, heartbeatPeriodMs(ctx));
        session.lastHeartbeatAt = ctx.now;
        const expiresAt = ctx.now + UNKNOWN_GRACE_MULTIPLIER * session.periodMs;
        this.armExpiry(ctx, nodeId, session, expiresAt, UNKNOWN_HEARTBEAT_FAILURE_MESSAGE);
      }
      session.live = false;
      session.backoffMs = 0;
      if (!isHostDown(ctx.state.world, nodeId)) {
        this.retry(ctx, nodeId, session, drawReregistrationMs(rng, heartbeatPeriodMs(ctx)));
      }
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
      this.retry(ctx, nodeId, session);
    }
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
      this.retry(ctx, nodeId, session);
    }
  }
}

function heartbeatPeriodMs(ctx: SimContext): number {
  return ctx.state.cluster?.heartbeatPeriodMs ?? DEFAULT_HEARTBEAT_PERIOD_MS;
}
