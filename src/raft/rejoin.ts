/**
 * A manager removed from raft by `--force-new-cluster` still has the manager role in the store
 * (swarmkit `node/node.go` superviseManager). Once its host is up, it learns it was removed when
 * its election timeout runs out and the leader refuses it, stops its manager and waits
 * roleChangeTimeout (16 s) for a worker role; none comes, so it renews its certificate, waits
 * another 16 s and starts its manager again, joining raft as a new member. Meanwhile it works as
 * a worker. Recorded: Reachable 41-47 s after its engine answered (fixture force-new-cluster).
 */
import type { SimContext } from '../engine/simulation.js';
import type { Node } from '../model/types.js';
import { canTalk, isHostDown } from '../model/world.js';
import { cannotCommit, ELECTION_TICKS, RAFT_TICK_MS } from './quorum.js';

/** swarmkit's roleChangeTimeout: how long a stopped manager waits for its role to change, ms. */
export const ROLE_CHANGE_TIMEOUT_MS = 16_000;

/** True for a node the store calls manager that raft does not count as a member. */
export function isRemovedManager(node: Node): boolean {
  return node.role === 'manager' && node.desiredRole === 'manager' && !node.managerStatus;
}

/** Arms, for each removed manager whose host is up, the moment it rejoins raft. */
export class Rejoins {
  /** Node ids with a rejoin armed; looked up, never iterated. */
  private readonly armed = new Set<string>();

  /** Called after anything that may bring a removed manager's host up. */
  refresh(ctx: SimContext): void {
    for (const nodeId of ctx.state.nodeIds) {
      const node = ctx.state.nodes[nodeId]!;
      if (this.armed.has(nodeId) || !isRemovedManager(node)) continue;
      if (isHostDown(ctx.state.world, nodeId)) continue;
      const ticks = ctx.rng('raft').int(ELECTION_TICKS, 2 * ELECTION_TICKS);
      this.arm(ctx, nodeId, ticks * RAFT_TICK_MS + 2 * ROLE_CHANGE_TIMEOUT_MS);
    }
  }

  private arm(ctx: SimContext, nodeId: string, afterMs: number): void {
    this.armed.add(nodeId);
    ctx.at(ctx.now + afterMs, 'raft: removed manager restarts its manager', (later) => {
      this.armed.delete(nodeId);
      const node = later.state.nodes[nodeId];
      const { world } = later.state;
      // Gone, demoted, back in raft, or down again (its boot re-arms it): nothing to do.
      if (!node || !isRemovedManager(node) || isHostDown(world, nodeId)) return;
      const leaderId = world.raft.leaderId;
      if (leaderId === null || !canTalk(world, nodeId, leaderId) || cannotCommit(later.state)) {
        // Its join fails; the supervisor loop tries again after another role-change wait.
        this.arm(later, nodeId, ROLE_CHANGE_TIMEOUT_MS);
        return;
      }
      const managerStatus = {
        leader: false,
        reachability: 'reachable' as const,
        addr: `${node.status.addr}:2377`,
      };
      later.emit({
        type: 'node/roleChanged',
        nodeId,
        desiredRole: 'manager',
        role: 'manager',
        managerStatus,
      });
    });
  }
}
