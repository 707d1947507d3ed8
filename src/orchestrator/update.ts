/**
 * The Update Supervisor (swarmkit `manager/orchestrator/update/updater.go` Supervisor; SWARM.md
 * 6.2), one per orchestrator, sharing that orchestrator's restart supervisor. Every service
 * reconcile hands it the live slots, exactly where swarmkit calls `Update`: the replicated
 * reconcile on every outcome (scale up, down or steady), the global service reconcile with the
 * slots of eligible, matching, non-paused nodes. At most one run per service:
 * - a run already working towards a deep-equal spec is left alone and the call does nothing;
 * - otherwise the old run is cancelled and a new one starts from the service as it is now.
 * The orchestrator also feeds it every event, so runs follow their tasks, and a run whose
 * service was removed or given another spec, or whose leader lost its leadership, stops at once.
 */
import type { SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import type { Service } from '../model/types.js';
import { deepEqual } from './dirty.js';
import type { RestartSupervisor } from './restart.js';
import type { Slot } from './slots.js';
import { UpdateRun } from './update-run.js';

/** The updates of one orchestrator's services: at most one run per service. */
export class UpdateSupervisor {
  /** The run of each service, in the order they started (Map order is insertion order). */
  private readonly runs = new Map<string, UpdateRun>();

  constructor(private readonly restarts: RestartSupervisor) {}

  /**
   * Update: rolls `slots` of `service` towards its current spec, unless already doing so.
   * `scaleDown`: `slots` are those a scale-down keeps, in its order.
   */
  update(ctx: SimContext, service: Service, slots: readonly Slot[], scaleDown = false): void {
    const current = this.runs.get(service.id);
    if (current) {
      if (deepEqual(service.spec, current.service.spec)) return;
      this.stop(service.id);
    }
    const run = new UpdateRun(structuredClone(service), this.restarts, (finished) => {
      if (this.runs.get(service.id) === finished) this.runs.delete(service.id);
    });
    this.runs.set(service.id, run);
    run.start(ctx, slots, scaleDown);
  }

  /** Follows the events that concern running updates. */
  observe(ctx: SimContext, event: LoggedEvent): void {
    if (this.runs.size === 0) return;
    switch (event.type) {
      case 'service/updated': {
        const live = ctx.state.services[event.serviceId];
        const run = this.runs.get(event.serviceId);
        if (run && live && !deepEqual(live.spec, run.service.spec)) this.stop(event.serviceId);
        return;
      }
      case 'service/removed':
        this.stop(event.serviceId);
        return;
      // A new leader runs fresh orchestrators: the old leader's runs end with its leadership,
      // and the new one's reconciles start their own from the slots as they are then (a stale
      // list would replace a slot the new leader's reconcile has just refilled).
      case 'raft/leaderElected':
        for (const serviceId of [...this.runs.keys()]) this.stop(serviceId);
        return;
      case 'task/stateChanged':
      case 'task/desiredStateChanged':
      case 'task/removed': {
        const serviceId = ctx.state.tasks[event.taskId]?.serviceId;
        if (serviceId !== undefined) {
          this.runs.get(serviceId)?.observe(ctx, event);
          return;
        }
        // The task is already deleted: only the run that knows it will react.
        for (const run of [...this.runs.values()]) run.observe(ctx, event);
        return;
      }
      default:
        return;
    }
  }

  private stop(serviceId: string): void {
    this.runs.get(serviceId)?.cancel();
    this.runs.delete(serviceId);
  }
}
