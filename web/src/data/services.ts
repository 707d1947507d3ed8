/** The services table at the cursor: REPLICAS as `service ls` prints it and the update status. */
import type { ClusterState } from '../../../src/model/state.js';
import { formatReplicas, modeName, replicaCount } from '../../../src/model/queries.js';

/** One service at the cursor. */
export interface ServiceRow {
  serviceId: string;
  name: string;
  mode: string;
  /** `2/3`, as `docker service ls` REPLICAS. */
  replicas: string;
  /** `updating (update in progress)`, `completed`, or `` when no update ran. */
  update: string;
}

/** The services of `state` in creation order. */
export function servicesOf(state: ClusterState): ServiceRow[] {
  return state.serviceIds.map((serviceId) => {
    const service = state.services[serviceId]!;
    const status = service.updateStatus;
    const update = status ? `${status.state}${status.message ? ` (${status.message})` : ''}` : '';
    return {
      serviceId,
      name: service.spec.name,
      mode: modeName(service),
      replicas: formatReplicas(service, replicaCount(state, service)),
      update,
    };
  });
}
