/**
 * One agent's session with the dispatcher (SWARM.md 7.1): its heartbeat loop, the calls it makes
 * across a possibly cut link, its reconnect backoff and its registration. Kept apart from
 * dispatcher.ts, which reacts to cluster-wide events (joins, leader changes, faults) by poking
 * sessions; this file is the life of one session, timer by timer.
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
 * - A new leader knows no session: an agent finds out when a call of its gets through (NotFound)
 *   or when the old leader's dispatcher stops, and registers again then (dispatcher.ts).
 */
import type { SimContext } from '../engine/simulation.js';
import { DEFAULT_HEARTBEAT_PERIOD_MS, HEARTBEAT_GRACE_MULTIPLIER } from '../model/defaults.js';
import type { SimTime } from '../model/types.js';
import { agentConnected, canTalk, isHostDown, isLeaderless } from '../model/world.js';
import { leaderGate } from '../raft/gate.js';
import { leadershipKey } from '../raft/leadership.js';
import { cannotCommit } from '../raft/quorum.js';
import { lostContainerReports, type ContainerLoss } from '../faults/host.js';
import {
  CONNECT_RETRANSMITS_MS,
  DISPATCHER_RPC_TIMEOUT_MS,
  drawHeartbeatPeriodMs,
  drawSessionDelayMs,
  HEARTBEAT_FAILURE_MESSAGE,
  HEARTBEAT_RETRANSMITS_MS,
  LEADER_POLLS_MS,
  nextBackoffMs,
} from './heartbeat.js';
import { linkCut } from './link.js';
import { sessionManager, type LeaderMemory } from './remotes.js';
import { armOrphaning } from './orphans.js';

/** One agent's session, as the dispatcher and the agent jointly know it. */
export class AgentSession {
  /** True while the agent is registered and heartbeating. */
  live = true;
  /** The period last handed to the agent, ms. */
  periodMs = 0;
  /** When the last heartbeat (or the session's start) reached the dispatcher, ms. */
  lastHeartbeatAt: SimTime;
  /** Generation of the heartbeat/reconnect loop; a timer holding an older one is stale. */
  loop = 0;
  /** Generation of the expiry timer. */
  expiry = 0;
  /** The agent's session-failure backoff, ms: 0 after a registration. */
  backoffMs = 0;
  /** Why the host's containers are gone, reported at the next registration; null if they live. */
  lost: ContainerLoss | null = null;
  /** True while the host is down: the agent tries again only once it boots. */
  awaitingBoot = false;
  /** The leadership (`leadershipKey`) whose dispatcher knows this session. */
  leadership = -1;
  /** The manager the agent dialed for its session; drawn when first needed. */
  private via: string | null = null;

  constructor(
    private readonly nodeId: string,
    openedAt: SimTime,
    private readonly leaders: LeaderMemory,
  ) {
    this.lastHeartbeatAt = openedAt;
  }

  /** A heartbeat arrives: new period, expiry re-armed, next heartbeat one period later. */
  beat(ctx: SimContext): void {
    const periodMs = drawHeartbeatPeriodMs(ctx.rng('dispatcher'), heartbeatPeriodMs(ctx));
    this.periodMs = periodMs;
    this.lastHeartbeatAt = ctx.now;
    const expiresAt = ctx.now + HEARTBEAT_GRACE_MULTIPLIER * periodMs;
    this.armExpiry(ctx, expiresAt, HEARTBEAT_FAILURE_MESSAGE);
    const loop = ++this.loop;
    ctx.at(ctx.now + periodMs, 'dispatcher: heartbeat', (later) => {
      if (this.loop !== loop) return;
      this.call(later, HEARTBEAT_RETRANSMITS_MS, (ok) => this.heartbeatArrived(ok));
    });
  }

  /**
   * A heartbeat reaches the leader's dispatcher. One elected since the session began does not
   * know it and answers NotFound (`dispatcher.go` Heartbeat): the agent starts a new session.
   */
  private heartbeatArrived(ctx: SimContext): void {
    if (this.leadership === leadershipKey(ctx.state)) this.beat(ctx);
    else this.fail(ctx);
  }

  /** Schedules the agent's next session attempt, after a delay drawn below its backoff. */
  retry(ctx: SimContext, delayMs?: number): void {
    const loop = ++this.loop;
    this.backoffMs = nextBackoffMs(this.backoffMs);
    const waitMs = delayMs ?? drawSessionDelayMs(ctx.rng('dispatcher'), this.backoffMs);
    ctx.at(ctx.now + waitMs, 'dispatcher: reconnect', (later) => {
      if (this.loop === loop) this.attempt(later);
    });
  }

  /** Marks the node DOWN with `message` at `at` unless a later heartbeat re-arms it first. */
  armExpiry(ctx: SimContext, at: SimTime, message: string): void {
    const expiry = ++this.expiry;
    const nodeId = this.nodeId;
    ctx.at(at, 'dispatcher: heartbeat expiry', (later) => {
      // Marking a node Down is a store write: lost without a leader or a quorum behind it.
      if (this.expiry !== expiry || cannotCommit(later.state)) return;
      const node = later.state.nodes[nodeId];
      if (!node || node.status.state === 'down') return;
      later.emit({
        type: 'node/statusChanged',
        nodeId,
        state: 'down',
        message,
        heartbeatPeriodMs: this.periodMs,
        lastHeartbeatAt: this.lastHeartbeatAt,
      });
      armOrphaning(later, nodeId);
    });
  }

  /**
   * One call of the agent to the dispatcher: `delivered` at once if it gets through; across a cut
   * link, at the first retransmit (`retransmitsMs` after now) that finds the link whole, unless
   * the RPC timeout comes first; refused, or timed out: the session fails.
   */
  private call(
    ctx: SimContext,
    retransmitsMs: readonly number[],
    delivered: (ctx: SimContext) => void,
  ): void {
    const nodeId = this.nodeId;
    if (agentConnected(ctx.state, nodeId)) {
      delivered(ctx);
      return;
    }
    if (isLeaderless(ctx.state.world) && !isHostDown(ctx.state.world, nodeId)) {
      this.awaitLeader(ctx, retransmitsMs, delivered);
      return;
    }
    if (!linkCut(ctx.state, nodeId)) {
      this.fail(ctx);
      return;
    }
    this.hang(ctx, retransmitsMs, nodeId, delivered);
  }

  /**
   * A call made while the swarm has no leader meets what its manager does with it (raft.go
   * LeaderConn, as for API calls: raft/gate.ts): refused once that manager has been leaderless
   * for over 10 ticks; while it still follows a leader whose host died, forwarded there and
   * never answered (the 5 s timeout ends it: real-docker-multinode/quorum-loss, agents Ready
   * 4-17 s after the election); otherwise held, polled every second, until a leader answers.
   */
  private awaitLeader(
    ctx: SimContext,
    retransmitsMs: readonly number[],
    delivered: (ctx: SimContext) => void,
  ): void {
    const { state } = ctx;
    const via = (this.via ??= sessionManager(ctx, this.nodeId, null));
    if (!canTalk(state.world, this.nodeId, via)) {
      if (isHostDown(state.world, via)) this.fail(ctx);
      else this.hang(ctx, retransmitsMs, via, delivered);
      return;
    }
    if (leaderGate(state, via, ctx.now) === 'fail') {
      this.fail(ctx);
      return;
    }
    const former = this.leaders.formerLeaderId;
    const following = state.world.raft.noLeaderSince[via] === undefined;
    const forwardedToDead = following && former !== null && isHostDown(state.world, former);
    this.hang(ctx, forwardedToDead ? [] : LEADER_POLLS_MS, via, delivered);
  }

  /**
   * A call sent on a cut link (to `via`, the agent's own node for the usual path): it goes
   * through at the first retransmit that finds `via` reached and the leader behind it, or the
   * RPC timeout fails the session.
   */
  private hang(
    ctx: SimContext,
    retransmitsMs: readonly number[],
    via: string,
    delivered: (ctx: SimContext) => void,
  ): void {
    const nodeId = this.nodeId;
    const loop = ++this.loop;
    for (const afterMs of retransmitsMs) {
      ctx.at(ctx.now + afterMs, 'dispatcher: retransmit', (later) => {
        if (this.loop !== loop || !canTalk(later.state.world, nodeId, via)) return;
        if (agentConnected(later.state, nodeId)) delivered(later);
      });
    }
    ctx.at(ctx.now + DISPATCHER_RPC_TIMEOUT_MS, 'dispatcher: rpc timeout', (later) => {
      if (this.loop === loop) this.fail(later);
    });
  }

  /** The session fails: the agent starts over after its backoff. */
  fail(ctx: SimContext): void {
    this.live = false;
    this.retry(ctx);
  }

  /**
   * One session attempt on a new connection: registers, is refused, or hangs on a cut link. A
   * manager's agent always dials its own manager, which forwards to the leader; a worker's dials
   * a manager drawn from its list (`connectionbroker`), so a dead one refuses it and one cut off
   * lets it hang until the timeout, even while other managers would have answered.
   */
  private attempt(ctx: SimContext): void {
    // Another attempt means the last one failed: the agent prefers another manager.
    const via = sessionManager(ctx, this.nodeId, this.via);
    this.via = via;
    const { world } = ctx.state;
    if (via !== this.nodeId && isHostDown(world, via)) {
      this.fail(ctx);
      return;
    }
    if (!canTalk(world, this.nodeId, via)) {
      this.hang(ctx, CONNECT_RETRANSMITS_MS, via, (ok) => this.register(ok));
      return;
    }
    this.call(ctx, CONNECT_RETRANSMITS_MS, (ok) => this.register(ok));
  }

  /** The agent registers: the node is READY, lost containers are reported, heartbeats resume. */
  private register(ctx: SimContext): void {
    const nodeId = this.nodeId;
    this.live = true;
    this.backoffMs = 0;
    this.leadership = leadershipKey(ctx.state);
    ctx.emit({ type: 'node/statusChanged', nodeId, state: 'ready', message: '' });
    if (this.lost) {
      for (const report of lostContainerReports(ctx.state, nodeId, this.lost)) ctx.emit(report);
      this.lost = null;
    }
    this.beat(ctx);
  }
}

/** The cluster's heartbeat period, ms (the default before `cluster/initialized`). */
export function heartbeatPeriodMs(ctx: SimContext): number {
  return ctx.state.cluster?.heartbeatPeriodMs ?? DEFAULT_HEARTBEAT_PERIOD_MS;
}
