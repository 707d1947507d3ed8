/**
 * The seam for the rolling updater (swarmkit `manager/orchestrator/update/updater.go`, SWARM.md
 * 6.2). Every service reconcile hands it the live slots, exactly where swarmkit calls
 * `updater.Update`: replicated reconcile on every outcome (scale up, down, or steady), global
 * reconcile with the per-node slots of eligible, matching, non-paused nodes.
 *
 * NOT IMPLEMENTED YET: it does nothing, so a spec change does not replace running tasks; only
 * new tasks (scale-up, restarts, global node joins) are built from the current spec. The updater
 * will need per-service memory (one run per service, cancelled when the spec changes), so it is
 * expected to become a stateful object owned by each orchestrator, called from the same places.
 */
import type { SimContext } from '../engine/simulation.js';
import type { Service } from '../model/types.js';
import type { Slot } from './slots.js';

/** Hands the live slots of `service` to the rolling updater (currently a no-op). */
export function runUpdater(_ctx: SimContext, _service: Service, _slots: readonly Slot[]): void {
  // Intentionally empty until the rolling update issue: see the file comment.
}
