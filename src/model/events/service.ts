/**
 * Events of services (`service/*`): creation, accepted updates, update progress, removal.
 */
import type {
  NetworkAddress,
  PortConfig,
  Service,
  ServiceSpec,
  UpdateStatus,
} from '../types.js';

export interface ServiceCreated {
  type: 'service/created';
  service: Service;
}

/**
 * An accepted update, scale or rollback: the whole resulting spec pair is recorded, so the fold
 * does not need to know which of the three it was.
 */
export interface ServiceUpdated {
  type: 'service/updated';
  serviceId: string;
  spec: ServiceSpec;
  specVersion: number;
  previousSpec: ServiceSpec | null;
  previousSpecVersion: number | null;
  updateStatus: UpdateStatus | null;
  endpointPorts: PortConfig[];
  /** The service's VIPs after the change (Service.virtualIps); absent when it has none. */
  virtualIps?: NetworkAddress[];
}

export interface ServiceUpdateStatusChanged {
  type: 'service/updateStatusChanged';
  serviceId: string;
  updateStatus: UpdateStatus | null;
}

export interface ServiceRemoved {
  type: 'service/removed';
  serviceId: string;
}
