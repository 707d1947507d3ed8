/**
 * The fold for world events (faults and raft leadership, world.ts). Kept apart from reduce.ts so
 * the store's fold stays readable; the rules are the same: an event that cannot apply throws.
 */
import type { LoggedEvent } from './events.js';
import type { ClusterState } from './state.js';
import type { Node } from './types.js';
import { ModelViolation } from './violation.js';
import { isLastingFault } from './world.js';

type WorldEvent = Extract<
  LoggedEvent,
  { type: `fault/${string}` } | { type: `raft/${string}` }
>;

/** Applies a fault or raft event to `state` in place. */
export function applyWorldEvent(state: ClusterState, event: WorldEvent): void {
  const { world } = state;
  const raft = world.raft;
  switch (event.type) {
    case 'fault/injected':
      if (world.faults.some((active) => active.id === event.faultId)) {
        throw new ModelViolation(`fault ${event.faultId} injected twice`, event);
      }
      if (isLastingFault(event.fault)) {
        const fault = structuredClone(event.fault);
        world.faults.push({ id: event.faultId, since: event.t, fault });
      }
      return;
    case 'fault/healed': {
      const index = world.faults.findIndex((active) => active.id === event.faultId);
      if (index < 0) throw new ModelViolation(`fault ${event.faultId} is not in effect`, event);
      world.faults.splice(index, 1);
      return;
    }
    case 'raft/leaderElected': {
      if (event.term < raft.term) throw new ModelViolation('leader elected for an old term', event);
      const previous = raft.leaderId === null ? undefined : state.nodes[raft.leaderId];
      if (previous?.managerStatus && previous.id !== event.nodeId) {
        touch(state, previous).managerStatus!.leader = false;
      }
      const leader = managerOf(state, event, event.nodeId);
      leader.managerStatus!.leader = true;
      leader.managerStatus!.reachability = 'reachable';
      raft.term = event.term;
      raft.electedTerm = event.term;
      raft.leaderId = event.nodeId;
      raft.leaderlessSince = null;
      for (const id of event.voterIds) delete raft.noLeaderSince[id];
      return;
    }
    case 'raft/leaderLost': {
      const node = state.nodes[event.nodeId];
      if (node?.managerStatus) touch(state, node).managerStatus!.leader = false;
      if (raft.leaderId === event.nodeId) {
        raft.leaderId = null;
        raft.leaderlessSince = event.t;
      }
      if (event.reason === 'lost quorum' || event.reason === 'higher term') {
        raft.noLeaderSince[event.nodeId] = event.t;
      }
      return;
    }
    case 'raft/campaignStarted':
      managerOf(state, event, event.nodeId);
      raft.term = Math.max(raft.term, event.term);
      raft.noLeaderSince[event.nodeId] ??= event.t;
      return;
    case 'raft/reachabilityChanged':
      managerOf(state, event, event.nodeId).managerStatus!.reachability = event.reachability;
      if (event.reachability === 'reachable') delete raft.noLeaderSince[event.nodeId];
      return;
    case 'raft/clusterForced':
      managerOf(state, event, event.nodeId);
      for (const id of event.removedIds) {
        touch(state, managerOf(state, event, id)).managerStatus = null;
        delete raft.noLeaderSince[id];
      }
      return;
  }
}

function managerOf(state: ClusterState, event: LoggedEvent, nodeId: string): Node {
  const node = state.nodes[nodeId];
  if (!node?.managerStatus) throw new ModelViolation(`node ${nodeId} is not a raft member`, event);
  return touch(state, node);
}

function touch(state: ClusterState, node: Node): Node {
  node.version = state.version;
  node.updatedAt = state.now;
  return node;
}
