/**
 * Which manager an agent's session goes through (swarmkit `connectionbroker`, `remotes`), and
 * what sessions remember of the leaders while the swarm has none (SWARM.md 7.1).
 */
import type { SimContext } from '../engine/simulation.js';
import type { ClusterState } from '../model/state.js';
import { raftMembers } from '../raft/quorum.js';

/** What sessions know of the swarm's leaders, kept up to date by the dispatcher. */
export interface LeaderMemory {
  /** The last leader lost, until the next is elected; null while one leads. */
  formerLeaderId: string | null;
}

/**
 * The manager an agent dials for a new session: a manager's own (its local socket); for a
 * worker one of the swarm's managers, drawn uniformly from the `dispatcher/remotes` stream,
 * other than `failed`, the one its last attempt went to (swarmkit's remotes weigh managers
 * down after a failure; skipping the last one is the simple form of that).
 */
export function sessionManager(ctx: SimContext, nodeId: string, failed: string | null): string {
  const node = ctx.state.nodes[nodeId];
  if (!node || node.role === 'manager') return nodeId;
  const all = raftMemberIds(ctx.state);
  const managerIds = all.length > 1 ? all.filter((id) => id !== failed) : all;
  if (managerIds.length === 0) return nodeId;
  return managerIds[ctx.rng('dispatcher/remotes').int(0, managerIds.length)]!;
}

/** The raft members' ids in join order, cached per state version: workers ask in bursts. */
const membersByState = new WeakMap<ClusterState, { version: number; ids: string[] }>();

function raftMemberIds(state: ClusterState): string[] {
  const known = membersByState.get(state);
  if (known?.version === state.version) return known.ids;
  const ids = raftMembers(state).map((node) => node.id);
  membersByState.set(state, { version: state.version, ids });
  return ids;
}
