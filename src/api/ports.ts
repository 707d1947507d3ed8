/**
 * Published ports across services: the conflict check the control API runs at create and update
 * (`checkPortConflicts` in `manager/controlapi/service.go`) and the allocator's choice of an
 * ingress port for `published=0` (`manager/allocator/portallocator.go`).
 */
import { DYNAMIC_PORT_MAX, DYNAMIC_PORT_MIN } from '../model/defaults.js';
import type { ClusterState } from '../model/state.js';
import type { PortConfig, Service, ServiceSpec } from '../model/types.js';
import { ApiError, invalidArgument } from './errors.js';

function portKey(port: PortConfig): string {
  return `${port.publishedPort}/${port.protocol}`;
}

/**
 * Refuses a spec whose fixed published ports collide with another service's: an ingress port
 * is cluster-wide, a host port only collides with someone else's ingress port. Other services are
 * visited in ID order, the order of swarmkit's store, so the service named is the same.
 */
export function checkPortConflicts(
  state: ClusterState,
  spec: ServiceSpec,
  selfId: string | null,
): ApiError | null {
  const ingress = new Set<string>();
  const host = new Set<string>();
  for (const port of spec.endpoint.ports) {
    if (port.publishedPort === 0) continue;
    (port.publishMode === 'ingress' ? ingress : host).add(portKey(port));
  }
  if (ingress.size === 0 && host.size === 0) return null;
  const others = [...state.serviceIds].sort().filter((id) => id !== selfId);
  for (const id of others) {
    const other = state.services[id]!;
    for (const port of [...other.spec.endpoint.ports, ...other.endpointPorts]) {
      const conflict = portInUse(port, other, ingress, host);
      if (conflict) return conflict;
    }
  }
  return null;
}

function portInUse(
  port: PortConfig,
  owner: Service,
  ingress: ReadonlySet<string>,
  host: ReadonlySet<string>,
): ApiError | null {
  if (port.publishedPort === 0) return null;
  const key = portKey(port);
  const who = `service '${owner.spec.name}' (${owner.id})`;
  if (port.publishMode === 'host') {
    // Several services may share a host-mode port: the scheduler keeps them apart.
    if (!ingress.has(key)) return null;
    return invalidArgument(
      `port '${port.publishedPort}' is already in use by ${who} as a host-published port`,
    );
  }
  if (!ingress.has(key) && !host.has(key)) return null;
  const message = `port '${port.publishedPort}' is already in use by ${who} as an ingress port`;
  return invalidArgument(message);
}

/**
 * The ports as allocated. Fixed ports are kept as given and host-mode 0 stays 0 (the engine picks
 * a port on each node). An ingress port with published 0 keeps the port the service already had
 * for the same name, protocol and target when the number of ports did not change (swarmkit's
 * `reconcilePortConfigs`); otherwise it gets the lowest free port of 30000-32767.
 */
export function allocatePorts(
  state: ClusterState,
  spec: ServiceSpec,
  previous: readonly PortConfig[],
  selfId: string | null,
): PortConfig[] {
  const ports = spec.endpoint.ports;
  let sticky = previous.length === ports.length ? stickyCandidates(previous, ports) : [];
  // Only ingress ports live in the cluster-wide port space; host ports belong to each node.
  const used = new Set<string>();
  const claim = (port: PortConfig) => {
    if (port.publishMode === 'ingress' && port.publishedPort !== 0) used.add(portKey(port));
  };
  for (const id of state.serviceIds) {
    if (id !== selfId) state.services[id]!.endpointPorts.forEach(claim);
  }
  ports.forEach(claim);
  return ports.map((port) => {
    if (port.publishedPort !== 0 || port.publishMode !== 'ingress') return { ...port };
    const kept = sticky.find((old) => sameTarget(old, port));
    sticky = sticky.filter((old) => old !== kept);
    const publishedPort = kept ? kept.publishedPort : lowestFreePort(used, port.protocol);
    used.add(`${publishedPort}/${port.protocol}`);
    return { ...port, publishedPort };
  });
}

/**
 * Previously allocated ingress ports that dynamic ports may keep, lowest first, minus those a
 * fixed port of the new spec claims (swarmkit removes those first).
 */
function stickyCandidates(previous: readonly PortConfig[], ports: readonly PortConfig[]) {
  const fixed = ports.filter((port) => port.publishMode === 'ingress' && port.publishedPort !== 0);
  const claimed = (old: PortConfig) =>
    fixed.some((port) => sameTarget(port, old) && port.publishedPort === old.publishedPort);
  return previous
    .filter((old) => old.publishMode === 'ingress' && old.publishedPort !== 0 && !claimed(old))
    .sort((a, b) => a.publishedPort - b.publishedPort);
}

function sameTarget(a: PortConfig, b: PortConfig): boolean {
  return a.name === b.name && a.protocol === b.protocol && a.targetPort === b.targetPort;
}

/**
 * The lowest free dynamic port; 0 when the range is exhausted (swarmkit would then fail the
 * allocation, which swarmsim does not model).
 */
function lowestFreePort(used: ReadonlySet<string>, protocol: string): number {
  for (let port = DYNAMIC_PORT_MIN; port <= DYNAMIC_PORT_MAX; port += 1) {
    if (!used.has(`${port}/${protocol}`)) return port;
  }
  return 0;
}
