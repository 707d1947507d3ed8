/**
 * The world around the swarm's store: which hosts are down, which links drop traffic, and what
 * raft believes about leadership. None of it is in swarmkit's store, yet every component needs
 * it (an agent on a crashed host does nothing; an API call without a leader fails), so it is
 * folded from events like everything else and a replay sees exactly what the run saw.
 *
 * Faults are data (STYLE.md 12): a fault is a plain record, and `FAULT_KINDS` orders the kinds by
 * severity, most destructive first, like FoundationDB's kill types. Code compares kinds by that
 * order (`faultSeverity`), so keep it sorted when adding one.
 */
import type { ClusterState } from './state.js';
import type { GenericResource, SimTime } from './types.js';

/** Fault kinds, most destructive first. */
export const FAULT_KINDS = [
  'nodeCrash',
  'nodeRestart',
  'partition',
  'managerLoss',
  'nodeLeave',
  'containerCrash',
  'oomKill',
  'pullFailure',
  'slowPull',
  'startFailure',
] as const;

/** One of FAULT_KINDS. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One fault, as injected. Node and task fields hold ids. */
export type Fault =
  /** The machine dies: its containers with it, no heartbeats until it boots again (heal). */
  | { kind: 'nodeCrash'; nodeId: string }
  /**
   * The engine restarts: containers stop, the node is away for `downMs`, then heals itself.
   * With `nanoCPUs` or `memoryBytes` it comes back reporting those totals instead, with
   * `engineLabels` or `genericResources` those labels or advertised resources, each replacing
   * the old set, as a changed daemon configuration would (SWARM.md 3.7).
   */
  | {
      kind: 'nodeRestart';
      nodeId: string;
      downMs: number;
      nanoCPUs?: number;
      memoryBytes?: number;
      engineLabels?: Record<string, string>;
      genericResources?: GenericResource[];
    }
  /**
   * Traffic from every node of `from` to every node of `to` is dropped, and back too unless
   * `oneWay`. A node listed on both sides is a mistake the injector refuses.
   */
  | { kind: 'partition'; from: string[]; to: string[]; oneWay: boolean }
  /** `docker swarm leave --force` on a manager: it stops, raft keeps it as a ghost member. */
  | { kind: 'managerLoss'; nodeId: string }
  /**
   * `docker swarm leave` on a worker: its engine removes the swarm containers and its agent
   * never heartbeats again, so managers mark it Down. Like a manager's leave, never healed.
   */
  | { kind: 'nodeLeave'; nodeId: string }
  /** A running container's process dies with `exitCode`. Instant: nothing stays in effect. */
  | { kind: 'containerCrash'; taskId: string; exitCode: number }
  /** The kernel's OOM killer ends a running container (exit 137). Instant. */
  | { kind: 'oomKill'; taskId: string }
  /** Pulls of `image` (every image when empty) on the node fail; tasks there are rejected. */
  | { kind: 'pullFailure'; nodeId: string; image: string }
  /** Pulls of `image` (every image when empty) on the node take `extraMs` longer. */
  | { kind: 'slowPull'; nodeId: string; image: string; extraMs: number }
  /** Containers of `image` (every image when empty) on the node fail to start. */
  | { kind: 'startFailure'; nodeId: string; image: string };

/** A fault in effect since `since`. */
export interface ActiveFault {
  id: string;
  since: SimTime;
  fault: Fault;
}

/** Leadership as raft sees it. */
export interface RaftView {
  /** The highest election term so far. */
  term: number;
  /** The node the store names leader; null while the swarm has none. */
  leaderId: string | null;
  /**
   * The term the last leader was elected in (campaigns that win nothing raise `term` only);
   * absent before the first election. With `leaderId` it names a leadership.
   */
  electedTerm?: number;
  /** When the swarm last lost its leader; null while it has one. */
  leaderlessSince: SimTime | null;
  /**
   * Per manager, since when it has believed there is no leader (it campaigned or stepped down).
   * Looked up by id, never iterated. Absent while the manager follows a leader.
   */
  noLeaderSince: Record<string, SimTime>;
}

/** Everything outside the store that components and the API must know. */
export interface WorldState {
  /** Faults in effect, in injection order. Instant faults never stay here. */
  faults: ActiveFault[];
  raft: RaftView;
  /** When each node was last marked DOWN (looked up by id, never iterated). */
  lastDownAt: Record<string, SimTime>;
}

/** The world of a healthy swarm that has no leader yet (node/joined names the first one). */
export function emptyWorld(): WorldState {
  return {
    faults: [],
    raft: { term: 1, leaderId: null, leaderlessSince: null, noLeaderSince: {} },
    lastDownAt: {},
  };
}

/**
 * True while the swarm has lost its leader. A state that never had one (a unit test's cluster
 * without managers) is not leaderless: leadership is simply not modelled there.
 */
export function isLeaderless(world: WorldState): boolean {
  return world.raft.leaderlessSince !== null;
}

/** 0 for the most destructive kind; a larger number is a milder fault. */
export function faultSeverity(kind: FaultKind): number {
  return FAULT_KINDS.indexOf(kind);
}

/** Faults that last until healed, as opposed to instant ones (a container crash). */
export function isLastingFault(fault: Fault): boolean {
  return fault.kind !== 'containerCrash' && fault.kind !== 'oomKill';
}

/** A fault that takes a whole host out: crash, engine restart, leaving the swarm. */
export type HostFault = Extract<
  Fault,
  { kind: 'nodeCrash' | 'nodeRestart' | 'managerLoss' | 'nodeLeave' }
>;

/** True for the faults that take a whole host out. */
export function isHostFault(fault: Fault): fault is HostFault {
  return fault.kind === 'nodeCrash' || fault.kind === 'nodeRestart' || isLeave(fault);
}

/** True for a node leaving the swarm (either role): permanent, nothing heals it. */
export function isLeave(fault: Fault): boolean {
  return fault.kind === 'managerLoss' || fault.kind === 'nodeLeave';
}

/** True while the node's machine or engine is down, or it left the swarm. */
export function isHostDown(world: WorldState, nodeId: string): boolean {
  return world.faults.some((active) => isHostFault(active.fault) && active.fault.nodeId === nodeId);
}

/** True when traffic from `from` reaches `to` (the hosts themselves aside). */
export function isLinkOpen(world: WorldState, from: string, to: string): boolean {
  for (const active of world.faults) {
    const fault = active.fault;
    if (fault.kind !== 'partition') continue;
    if (fault.from.includes(from) && fault.to.includes(to)) return false;
    if (!fault.oneWay && fault.to.includes(from) && fault.from.includes(to)) return false;
  }
  return true;
}

/** True when `a` and `b` are both up and can exchange messages both ways (request and reply). */
export function canTalk(world: WorldState, a: string, b: string): boolean {
  if (isHostDown(world, a) || isHostDown(world, b)) return false;
  return a === b || (isLinkOpen(world, a, b) && isLinkOpen(world, b, a));
}

/**
 * True when the node's agent has a live session with the leader's dispatcher: its host is up and
 * it reaches the leader, directly or through another manager (managers proxy agents' calls to
 * the leader). Without a leader no agent can report anything.
 */
export function agentConnected(state: ClusterState, nodeId: string): boolean {
  const { world } = state;
  if (isLeaderless(world)) return false;
  if (world.faults.length === 0) return true;
  const leaderId = world.raft.leaderId;
  if (leaderId === null) return !isHostDown(world, nodeId);
  if (canTalk(world, nodeId, leaderId)) return true;
  if (isHostDown(world, nodeId)) return false;
  for (const managerId of state.nodeIds) {
    if (state.nodes[managerId]!.role !== 'manager') continue;
    if (canTalk(world, nodeId, managerId) && canTalk(world, managerId, leaderId)) return true;
  }
  return false;
}
