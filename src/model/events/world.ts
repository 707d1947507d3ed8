/**
 * Events of the cluster as a whole and of the world around its store: swarm init, faults
 * (world.ts) and raft leadership.
 */
import type { Reachability } from '../types.js';
import type { Fault } from '../world.js';

/** The cluster came into existence (swarm init): settings every component reads. */
export interface ClusterInitialized {
  type: 'cluster/initialized';
  clusterId: string;
  /** Tasks kept per slot, running one included (`--task-history-limit`, default 5). */
  taskHistoryRetentionLimit: number;
  /** Dispatcher heartbeat period (`--dispatcher-heartbeat`, default 5 s). */
  heartbeatPeriodMs: number;
}

/** A fault struck (world.ts); a lasting one stays in effect until `fault/healed`. */
export interface FaultInjected {
  type: 'fault/injected';
  faultId: string;
  fault: Fault;
}

/** A lasting fault ended: the host booted, the link came back, the pulls work again. */
export interface FaultHealed {
  type: 'fault/healed';
  faultId: string;
}

/** A manager won an election with the votes of `voterIds` (itself included). */
export interface RaftLeaderElected {
  type: 'raft/leaderElected';
  nodeId: string;
  term: number;
  voterIds: string[];
}

/** Why a leader stopped leading. */
export type LeaderLossReason =
  | 'host down'
  | 'lost quorum'
  | 'demoted'
  | 'superseded'
  | 'higher term';

/** The leader stopped leading: its host went down, it stepped down, or a newer term won. */
export interface RaftLeaderLost {
  type: 'raft/leaderLost';
  nodeId: string;
  term: number;
  reason: LeaderLossReason;
}

/**
 * A manager heard from no leader for its randomised election timeout and campaigned for `term`;
 * from now on it believes there is no leader until one reaches it.
 */
export interface RaftCampaignStarted {
  type: 'raft/campaignStarted';
  nodeId: string;
  term: number;
  /** The timeout it had drawn, in raft ticks (1 s): 10..19. */
  electionTimeoutTicks: number;
}

/** The leader's view of a member changed: MANAGER STATUS Reachable or Unreachable. */
export interface RaftReachabilityChanged {
  type: 'raft/reachabilityChanged';
  nodeId: string;
  reachability: Reachability;
}

/**
 * `docker swarm init --force-new-cluster` on manager `nodeId`: raft restarts from its own log as
 * the only member. The other members (`removedIds`) leave raft; their nodes stay in the store
 * with their manager role and no MANAGER STATUS until they rejoin or are removed. The new
 * leadership itself follows as `raft/leaderElected`.
 */
export interface RaftClusterForced {
  type: 'raft/clusterForced';
  nodeId: string;
  removedIds: string[];
}
