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
 */
import type { SimContext } from '../engine/simulation.js';
import { DEFAULT_HEARTBEAT_PERIOD_MS, HEARTBEAT_GRACE_MULTIPLIER } from '../model/defaults.js';
import type { SimTime } from '../model/types.js';
import { agentConnected } from '../model/world.js';
import { cannotCommit } from '../raft/quorum.js';
import { lostContainerReports, type ContainerLoss } from '../faults/host.js';
import {
  CONNECT_RETRANSMITS_MS,
  DISPATCHER_RPC_TIMEOUT_MS,
  drawHeartbeatPeriodMs,
  drawSessionDelayMs,
  HEARTBEAT_FAILURE_MESSAGE,
  HEARTBEAT_RETRANSMITS_MS,
  nextBackoffMs,
} from './heartbeat.js';
import { linkCut } from './link.js';
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

  constructor(
    private readonly nodeId: string,
    openedAt: SimTime,
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
      this.call(later, HEARTBEAT_RETRANSMITS_MS, (ok) => this.beat(ok));
    });
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
    if (!linkCut(ctx.state, nodeId)) {
      this.fail(ctx);
      return;
    }
    const loop = ++this.loop;
    for (const afterMs of retransmitsMs) {
      ctx.at(ctx.now + afterMs, 'dispatcher: retransmit', (later) => {
        if (this.loop === loop && agentConnected(later.state, nodeId)) delivered(later);
      });
    }
    ctx.at(ctx.now + DISPATCHER_RPC_TIMEOUT_MS, 'dispatcher: rpc timeout', (later) => {
      if (this.loop === loop) this.fail(later);
    });
  }

  /** The session fails: the agent starts over after its backoff. */
  private fail(ctx: SimContext): void {
    this.live = false;
    this.retry(ctx);
  }

  /** One session attempt on a new connection: registers, is refused, or hangs on a cut link. */
  private attempt(ctx: SimContext): void {
    this.call(ctx, CONNECT_RETRANSMITS_MS, (ok) => this.register(ok));
  }

  /** The agent registers: the node is READY, lost containers are reported, heartbeats resume. */
  private register(ctx: SimContext): void {
    const nodeId = this.nodeId;
    this.live = true;
    this.backoffMs = 0;
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
