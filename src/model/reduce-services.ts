/**
 * The fold for service events (`service/*`): creation, accepted updates, update progress and
 * removal. The service's VIPs are booked and freed by reduce-networks.ts.
 */
import type { LoggedEvent } from './events.js';
import { releaseAddresses, setServiceVips } from './reduce-networks.js';
import type { ClusterState } from './state.js';
import type { Service } from './types.js';
import { ModelViolation } from './violation.js';

type ServiceEvent = Extract<LoggedEvent, { type: `service/${string}` }>;

/** Applies a service event to `state` in place (after the clock and version moved). */
export function applyServiceEvent(state: ClusterState, event: ServiceEvent): void {
  switch (event.type) {
    case 'service/created':
      if (state.services[event.service.id]) {
        throw new ModelViolation('service created twice', event);
      }
      state.services[event.service.id] = {
        ...structuredClone(event.service),
        version: state.version,
      };
      state.serviceIds.push(event.service.id);
      state.tasksByService[event.service.id] = [];
      setServiceVips(state, [], event.service.virtualIps ?? [], event);
      return;
    case 'service/updated': {
      const service = touchService(state, event);
      service.spec = structuredClone(event.spec);
      service.specVersion = event.specVersion;
      service.previousSpec = structuredClone(event.previousSpec);
      service.previousSpecVersion = event.previousSpecVersion;
      service.updateStatus = structuredClone(event.updateStatus);
      service.endpointPorts = structuredClone(event.endpointPorts);
      setServiceVips(state, service.virtualIps ?? [], event.virtualIps ?? [], event);
      if (event.virtualIps?.length) service.virtualIps = structuredClone(event.virtualIps);
      else delete service.virtualIps;
      // Every update of a job re-runs it: a new JobIteration (SWARM.md 3.2).
      if ('replicatedJob' in service.spec.mode || 'globalJob' in service.spec.mode) {
        service.jobIteration = (service.jobIteration ?? 0) + 1;
      }
      return;
    }
    case 'service/updateStatusChanged':
      touchService(state, event).updateStatus = structuredClone(event.updateStatus);
      return;
    case 'service/removed':
      releaseAddresses(state, touchService(state, event).virtualIps ?? []);
      delete state.services[event.serviceId];
      state.serviceIds = state.serviceIds.filter((id) => id !== event.serviceId);
      return;
  }
}

/** The service `event` writes, stamped with the store version and the event's time. */
function touchService(state: ClusterState, event: LoggedEvent & { serviceId: string }): Service {
  const service = state.services[event.serviceId];
  if (!service) throw new ModelViolation(`unknown service ${event.serviceId}`, event);
  service.version = state.version;
  service.updatedAt = event.t;
  return service;
}
