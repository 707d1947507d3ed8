/**
 * `docker run -p` values (go-connections' nat.ParsePortSpec): `CONTAINER`, `HOST:CONTAINER`,
 * `IP:HOST:CONTAINER` or `IP::CONTAINER`, each with an optional `/tcp`, `/udp` or `/sctp`.
 * A missing host port is 0 until the daemon picks one (EPHEMERAL_PORT_START up, first free).
 * Port ranges are not simulated.
 */
import type { ContainerPortBinding } from '../model/types.js';
import type { ClusterState } from '../model/state.js';
import { EPHEMERAL_PORT_START, hostPortHolder } from './container-store.js';

const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;

function portNumber(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const port = Number(text);
  return port >= 0 && port <= 65535 ? port : null;
}

/** The bindings of one `-p` value, or docker's error text. */
export function parseRunPublish(value: string): ContainerPortBinding | { error: string } {
  const slash = value.lastIndexOf('/');
  const proto = slash >= 0 ? value.slice(slash + 1) : 'tcp';
  const spec = slash >= 0 ? value.slice(0, slash) : value;
  const protocol = PROTOCOLS.find((known) => known === proto.toLowerCase());
  if (!protocol) return { error: `invalid proto: ${proto}` };
  // An IPv6 address comes in brackets; split host-side parts off the container port.
  const parts = spec.startsWith('[')
    ? [spec.slice(1, spec.indexOf(']')), ...spec.slice(spec.indexOf(']') + 2).split(':')]
    : spec.split(':');
  if (parts.length > 3) return { error: `invalid port specification: "${value}"` };
  const [hostIp, hostText, containerText] =
    parts.length === 3 ? parts : parts.length === 2 ? ['', ...parts] : ['', '', ...parts];
  const containerPort = portNumber(containerText ?? '');
  if (containerPort === null || containerPort === 0) {
    return { error: `invalid containerPort: ${containerText ?? ''}` };
  }
  const hostPort = hostText === '' ? 0 : portNumber(hostText ?? '');
  if (hostPort === null) return { error: `invalid hostPort: ${hostText ?? ''}` };
  return { hostIp: hostIp ?? '', hostPort, containerPort, protocol };
}

/** Fills in the host ports the daemon picks for bindings without one. */
export function allocateHostPorts(
  state: ClusterState,
  host: string,
  bindings: readonly ContainerPortBinding[],
): ContainerPortBinding[] {
  const picked = new Set<string>();
  return bindings.map((binding) => {
    if (binding.hostPort !== 0) return binding;
    let port = EPHEMERAL_PORT_START;
    const key = (p: number) => `${p}/${binding.protocol}`;
    while (picked.has(key(port)) || hostPortHolder(state, host, port, binding.protocol)) port += 1;
    picked.add(key(port));
    return { ...binding, hostPort: port };
  });
}
