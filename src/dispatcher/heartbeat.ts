/**
 * The dispatcher's timing (swarmkit `manager/dispatcher/dispatcher.go`, `nodes.go`; SWARM.md 7.1)
 * and the draws it makes, each a pure function of a random stream.
 */
import type { Rng } from '../engine/rng.js';
import {
  HEARTBEAT_EPSILON_MS,
  HEARTBEAT_GRACE_MULTIPLIER,
  NODE_DOWN_ORPHAN_PERIOD_MS,
} from '../model/defaults.js';

/** A node in UNKNOWN after a leader change gets twice the usual grace before DOWN. */
export const UNKNOWN_GRACE_MULTIPLIER = 2 * HEARTBEAT_GRACE_MULTIPLIER;
/** Tasks on a node DOWN this long become ORPHANED, ms. */
export const ORPHAN_AFTER_MS = NODE_DOWN_ORPHAN_PERIOD_MS;
/** The agent's first reconnection wait, ms (`agent/agent.go`). */
export const SESSION_BACKOFF_INITIAL_MS = 100;
/** The agent's longest reconnection wait, ms. */
export const SESSION_BACKOFF_MAX_MS = 8000;

/** Status message of a node DOWN after its heartbeats expired. */
export const HEARTBEAT_FAILURE_MESSAGE = 'heartbeat failure';
/** Status message of a node that stayed UNKNOWN after a leader change until its grace ran out. */
export const UNKNOWN_HEARTBEAT_FAILURE_MESSAGE = 'heartbeat failure for node in "unknown" state';
/** Status message of every node a new leader marks UNKNOWN. */
export const LEADERSHIP_CHANGE_MESSAGE =
  'Node moved to "unknown" state due to leadership change in cluster';

/** The period handed to an agent with each heartbeat: `periodMs` ± 500 ms, whole ms. */
export function drawHeartbeatPeriodMs(rng: Rng, periodMs: number): number {
  return rng.int(periodMs - HEARTBEAT_EPSILON_MS, periodMs + HEARTBEAT_EPSILON_MS + 1);
}

/** How long an agent waits for a dispatcher call (session start, heartbeat), ms (`session.go`). */
export const DISPATCHER_RPC_TIMEOUT_MS = 5000;

/**
 * When a heartbeat sent across a cut link is sent again, ms after the first try, within the RPC
 * timeout: Linux retransmits on an established LAN connection after its 200 ms minimum RTO,
 * doubling each time (0.2, 0.6, 1.4, 3 s; the next, 6.2 s, is past the timeout).
 */
export const HEARTBEAT_RETRANSMITS_MS: readonly number[] = [200, 600, 1400, 3000];

/**
 * When a new connection's SYN sent across a cut link is sent again, ms after the first: Linux's
 * 1 s initial RTO, doubling (1 s, 3 s; the next, 7 s, is past the session's 5 s timeout).
 */
export const CONNECT_RETRANSMITS_MS: readonly number[] = [1000, 3000];

/**
 * When a manager holding an agent's call for want of a leader asks raft again, ms after the
 * call: every tick (1 s) within the RPC timeout (`raft.go` LeaderConn).
 */
export const LEADER_POLLS_MS: readonly number[] = [1000, 2000, 3000, 4000];

/**
 * The agent's backoff after one more failed session: 100 ms plus twice the last one, at most 8 s
 * (100, 300, 700, 1500, 3100, 6300, 8000 ms).
 */
export function nextBackoffMs(backoffMs: number): number {
  return Math.min(SESSION_BACKOFF_MAX_MS, SESSION_BACKOFF_INITIAL_MS + 2 * backoffMs);
}

/** The wait before the next session attempt: uniform in [0, backoff), as the agent draws it. */
export function drawSessionDelayMs(rng: Rng, backoffMs: number): number {
  return backoffMs > 0 ? rng.int(0, backoffMs) : 0;
}
