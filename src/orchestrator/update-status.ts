/**
 * The updater's writes to a service (swarmkit `updater.go` startUpdate, pauseUpdate,
 * rollbackUpdate, completeUpdate; SWARM.md 6.2-6.3). Each one re-reads the live service and does
 * nothing when its UpdateStatus is null: the control API resets it on every accepted update, so a
 * null status means the user changed the service after this updater started, and the newer
 * update owns the status now.
 */
import { allocatePorts } from '../api/ports.js';
import type { SimContext } from '../engine/simulation.js';
import type { UpdateStatus } from '../model/types.js';

/** Marks a fresh update in progress: {updating, "update in progress", startedAt now}. */
export function startUpdate(ctx: SimContext, serviceId: string): void {
  const service = ctx.state.services[serviceId];
  if (!service || service.updateStatus !== null) return;
  const updateStatus: UpdateStatus = {
    state: 'updating',
    startedAt: ctx.now,
    completedAt: null,
    message: 'update in progress',
  };
  ctx.emit({ type: 'service/updateStatusChanged', serviceId, updateStatus });
}

/** Pauses the update (or the rollback, when one is under way) with `message`. */
export function pauseUpdate(ctx: SimContext, serviceId: string, message: string): void {
  const status = ctx.state.services[serviceId]?.updateStatus;
  if (!status) return;
  const state = status.state === 'rollback_started' ? 'rollback_paused' : 'paused';
  const updateStatus: UpdateStatus = { ...status, state, message };
  ctx.emit({ type: 'service/updateStatusChanged', serviceId, updateStatus });
}

/**
 * The automatic rollback: status ROLLBACK_STARTED with `message`, Spec := PreviousSpec and
 * PreviousSpec := null, so no second rollback is possible. Like swarmkit, the restored spec also
 * gets its old SpecVersion back (`SpecVersion = PreviousSpecVersion`), so tasks still running it
 * are clean again by the version short-circuit of IsTaskDirty and are not replaced. Without a
 * previous spec swarmkit's transaction fails and nothing changes; so here.
 */
export function rollbackUpdate(ctx: SimContext, serviceId: string, message: string): void {
  const service = ctx.state.services[serviceId];
  const status = service?.updateStatus;
  if (!service || !status) return;
  const { previousSpec, previousSpecVersion } = service;
  if (!previousSpec || previousSpecVersion === null) return;
  const spec = structuredClone(previousSpec);
  ctx.emit({
    type: 'service/updated',
    serviceId,
    spec,
    specVersion: previousSpecVersion,
    previousSpec: null,
    previousSpecVersion: null,
    updateStatus: { ...status, state: 'rollback_started', message },
    // swarmkit's allocator re-allocates the endpoint of the restored spec; same rule as the API.
    endpointPorts: allocatePorts(ctx.state, spec, service.endpointPorts, serviceId),
  });
}

/** Ends the update: COMPLETED "update completed", or ROLLBACK_COMPLETED "rollback completed". */
export function completeUpdate(ctx: SimContext, serviceId: string): void {
  const status = ctx.state.services[serviceId]?.updateStatus;
  if (!status) return;
  const rollback = status.state === 'rollback_started';
  const updateStatus: UpdateStatus = {
    ...status,
    state: rollback ? 'rollback_completed' : 'completed',
    message: rollback ? 'rollback completed' : 'update completed',
    completedAt: ctx.now,
  };
  ctx.emit({ type: 'service/updateStatusChanged', serviceId, updateStatus });
}
