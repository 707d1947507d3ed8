/**
 * A leader superseded while cut off from the new one never hears of it (SWARM.md 8): it goes on
 * leading in its own eyes until its CheckQuorum step-down, and only from then counts leaderless
 * ticks, so calls made on it fail at once 10 ticks after that step-down, not after a campaign of
 * its own (fixture real-docker-multinode/leader-partition: failing by 29.9 s after the cut).
 */
import type { SimContext } from '../engine/simulation.js';
import type { SimTime } from '../model/types.js';
import { canTalk, isHostDown } from '../model/world.js';

/** At `at` (virtual ms), records the stale leader `staleId` stepping down, unless moot by then. */
export function staleLeaderStepsDown(
  ctx: SimContext,
  staleId: string,
  term: number,
  at: SimTime,
): void {
  ctx.at(Math.max(ctx.now, at), 'raft: stale leader steps down', (later) => {
    const { world } = later.state;
    // Already counting (it campaigned), or down: nothing left to step down from.
    if (world.raft.noLeaderSince[staleId] !== undefined || isHostDown(world, staleId)) return;
    // Leading again, or it reaches the leader now and follows it.
    const leaderId = world.raft.leaderId;
    if (leaderId === staleId || (leaderId !== null && canTalk(world, staleId, leaderId))) return;
    later.emit({ type: 'raft/leaderLost', nodeId: staleId, term, reason: 'lost quorum' });
  });
}
