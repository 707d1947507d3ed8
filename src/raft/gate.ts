/**
 * The one check every manager API call passes first (SWARM.md 8, swarmkit raft.go LeaderConn):
 * a manager forwards the call to the leader it reaches; without one, the call waits, polling
 * every second, until a leader appears; once the manager has counted more than 10 ticks without
 * a leader it fails at once with NO_LEADER_MESSAGE. Reads fail too: they are forwarded as well.
 */
import type { ClusterState } from '../model/state.js';
import { canTalk, isLeaderless } from '../model/world.js';
import { LOST_QUORUM_TICKS, RAFT_TICK_MS } from './quorum.js';

/** What a call made on a manager meets: go ahead, wait for a leader, or fail at once. */
export type LeaderGate = 'proceed' | 'wait' | 'fail';

/** The gate for an API call made on manager `nodeId` at `now` (virtual ms). */
export function leaderGate(state: ClusterState, nodeId: string, now: number): LeaderGate {
  const { raft } = state.world;
  const { leaderId } = raft;
  const reachesLeader =
    leaderId === null ? !isLeaderless(state.world) : canTalk(state.world, nodeId, leaderId);
  if (reachesLeader) return 'proceed';
  const since = raft.noLeaderSince[nodeId];
  if (since === undefined) return 'wait';
  const ticks = Math.floor((now - since) / RAFT_TICK_MS);
  return ticks > LOST_QUORUM_TICKS ? 'fail' : 'wait';
}

/** How long a call that met 'wait' sleeps before it asks again, ms (docker polls every second). */
export const LEADER_POLL_MS = RAFT_TICK_MS;
