/**
 * The service half of the control API (`manager/controlapi/service.go`, plus the name dockerd
 * invents for an unnamed service). Each call validates, then records what it did as events.
 *
 * Spec versions: swarmsim's store version (`state.version`) is bumped by every applied event, so
 * a spec's version is the store version of the event that wrote it, i.e. `state.version + 1` at
 * emit time. That equals the service's own `version` right after create or update, is unique per
 * written spec, and grows with time. swarmkit instead stamps an update with the version read
 * before writing (and 0 at create); only equality of versions matters to the orchestrators, and
 * both rules give every accepted spec its own number. A rollback restores the old number.
 *
 * Successful calls return a snapshot of the object as stored right after the change.
 */
import type { SimContext } from '../engine/simulation.js';
import type { Service, ServiceSpec, UpdateStatus } from '../model/types.js';
import { commitGate } from './commit.js';
import { ApiError } from './errors.js';
import { randomServiceName } from './names.js';
import { planServiceVips } from '../network/addresses.js';
import { ingressNetwork } from '../network/networks.js';
import { allocatePorts, checkPortConflicts } from './ports.js';
import { validateServiceSpec } from './validate.js';

/** The random stream unnamed services draw their names from. */
export const NAMES_STREAM = 'names';

/** Creates a service; a spec with an empty name gets a random docker-style one. */
export function createService(ctx: SimContext, requested: ServiceSpec): Service | ApiError {
  const state = ctx.state;
  const taken = (name: string) => nameTaken(ctx, name);
  const name =
    requested.name === '' ? randomServiceName(ctx.rng(NAMES_STREAM), taken) : requested.name;
  const spec: ServiceSpec = { ...structuredClone(requested), name };
  const invalid =
    validateServiceSpec(spec) ??
    validateNetworks(ctx, spec) ??
    checkPortConflicts(state, spec, null);
  if (invalid) return invalid;
  if (taken(name)) {
    const message = `name conflicts with an existing object: service ${name} already exists`;
    return new ApiError('AlreadyExists', message);
  }
  const uncommitted = commitGate(state);
  if (uncommitted) return uncommitted;
  const id = ctx.newId('service');
  const endpointPorts = allocatePorts(state, spec, [], null);
  const virtualIps = planServiceVips(state, spec, endpointPorts, []);
  ctx.emit({
    type: 'service/created',
    service: {
      id,
      version: 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      spec,
      specVersion: state.version + 1,
      previousSpec: null,
      previousSpecVersion: null,
      updateStatus: null,
      endpointPorts,
      ...(virtualIps.length > 0 ? { virtualIps } : {}),
    },
  });
  return structuredClone(state.services[id]!);
}

/** Names are unique regardless of case (swarmkit indexes them lower-cased). */
function nameTaken(ctx: SimContext, name: string): boolean {
  const lower = name.toLowerCase();
  const { services, serviceIds } = ctx.state;
  return serviceIds.some((id) => services[id]!.spec.name.toLowerCase() === lower);
}

/** Options of `updateService`. */
export interface UpdateServiceOptions {
  /** Swap back to the previous spec (`docker service rollback`, `update --rollback`). */
  rollback?: boolean;
}

/**
 * Replaces a service's spec (an update or a scale), or swaps it with the previous one when
 * `rollback` is set. The rolling update itself is the updater's business, not the API's.
 */
export function updateService(
  ctx: SimContext,
  serviceId: string,
  spec: ServiceSpec,
  options: UpdateServiceOptions = {},
): Service | ApiError {
  const state = ctx.state;
  const invalid = validateServiceSpec(spec) ?? validateNetworks(ctx, spec);
  if (invalid) return invalid;
  const service = state.services[serviceId];
  if (!service) return new ApiError('NotFound', `service ${serviceId} not found`);
  if (!sameJson(spec.endpoint, service.spec.endpoint)) {
    const conflict = checkPortConflicts(state, spec, serviceId);
    if (conflict) return conflict;
  }
  if (Object.keys(spec.mode)[0] !== Object.keys(service.spec.mode)[0]) {
    return new ApiError('Unimplemented', 'service mode change is not allowed');
  }
  if (spec.name !== service.spec.name) {
    return new ApiError('Unimplemented', 'renaming services is not supported');
  }
  if (options.rollback) return rollbackService(ctx, service);
  const uncommitted = commitGate(state);
  if (uncommitted) return uncommitted;
  const next = structuredClone(spec);
  const endpointPorts = allocatePorts(state, next, service.endpointPorts, serviceId);
  ctx.emit({
    type: 'service/updated',
    serviceId,
    spec: next,
    specVersion: state.version + 1,
    previousSpec: structuredClone(service.spec),
    previousSpecVersion: service.specVersion,
    updateStatus: null,
    endpointPorts,
    ...vipsField(ctx, next, endpointPorts, service),
  });
  return structuredClone(state.services[serviceId]!);
}

/** Swaps spec and previous spec, versions included, so a second rollback re-applies the update. */
function rollbackService(ctx: SimContext, service: Service): Service | ApiError {
  const { previousSpec, previousSpecVersion } = service;
  if (!previousSpec || previousSpecVersion === null) {
    const message = `service ${service.id} does not have a previous spec`;
    return new ApiError('FailedPrecondition', message);
  }
  const uncommitted = commitGate(ctx.state);
  if (uncommitted) return uncommitted;
  const updateStatus: UpdateStatus = {
    state: 'rollback_started',
    startedAt: ctx.now,
    completedAt: null,
    message: 'manually requested rollback',
  };
  const spec = structuredClone(previousSpec);
  const endpointPorts = allocatePorts(ctx.state, spec, service.endpointPorts, service.id);
  ctx.emit({
    type: 'service/updated',
    serviceId: service.id,
    spec,
    specVersion: previousSpecVersion,
    previousSpec: structuredClone(service.spec),
    previousSpecVersion: service.specVersion,
    updateStatus,
    endpointPorts,
    ...vipsField(ctx, spec, endpointPorts, service),
  });
  return structuredClone(ctx.state.services[service.id]!);
}

/** Deletes the service at once; the orchestrators then remove its tasks. */
export function removeService(ctx: SimContext, serviceId: string): null | ApiError {
  if (!ctx.state.services[serviceId]) {
    return new ApiError('NotFound', `service ${serviceId} not found`);
  }
  const uncommitted = commitGate(ctx.state);
  if (uncommitted) return uncommitted;
  ctx.emit({ type: 'service/removed', serviceId });
  return null;
}

/** The `virtualIps` of a `service/updated` event: absent when the service keeps none. */
function vipsField(
  ctx: SimContext,
  spec: ServiceSpec,
  ports: Service['endpointPorts'],
  service: Service,
): { virtualIps?: Service['virtualIps'] } {
  const virtualIps = planServiceVips(ctx.state, spec, ports, service.virtualIps ?? []);
  return virtualIps.length > 0 ? { virtualIps } : {};
}

/** swarmkit's validateNetworks: only the routing mesh itself may not be named. */
function validateNetworks(ctx: SimContext, spec: ServiceSpec): ApiError | null {
  const ingress = ingressNetwork(ctx.state);
  const named = (spec.task.networks ?? []).some((config) => config.target === ingress?.id);
  if (!ingress || !named) return null;
  const message = `Service cannot be explicitly attached to the ingress network "${ingress.name}"`;
  return new ApiError('InvalidArgument', message);
}

/** Deep equality of plain JSON values (spec parts are built in a fixed key order). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
