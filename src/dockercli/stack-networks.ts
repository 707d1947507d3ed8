/**
 * A stack's networks, as docker's client makes them (`stack/swarm/deploy_composefile.go`,
 * `compose/convert/service.go`): every network a service uses (`default` for a service that
 * lists none) becomes the overlay `STACK_NAME`, labelled with the stack's namespace, unless the
 * file declares it `external` (then it must exist already, under its own name). Each service is
 * attached to its networks with its own name as an alias after those the file gives; the client
 * sorts the attachments by network name and dockerd swaps the names for IDs.
 */
import { isApiError } from '../api/errors.js';
import type { SimContext } from '../engine/simulation.js';
import type { ClusterState } from '../model/state.js';
import type { NetworkAttachmentConfig } from '../model/types.js';
import { createSwarmNetwork } from '../network/control.js';
import { findNetwork, swarmNetworks } from '../network/networks.js';
import { daemonErrorLine } from './command.js';
import type { ComposeProject } from './compose-load.js';
import { NAMESPACE_LABEL } from './compose-convert.js';

/** A top-level `networks:` entry as swarmsim reads it. */
interface ComposeNetwork {
  driver: string;
  attachable: boolean;
  internal: boolean;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** The existing network's name for an external one; null otherwise. */
  external: string | null;
}

const KNOWN_KEYS = [
  'driver', 'attachable', 'internal', 'labels', 'driver_opts', 'external', 'name',
];

/** What the file says of network `key` (defaults for one it does not declare), or an error. */
function networkConfig(
  project: ComposeProject,
  key: string,
): ComposeNetwork | { error: string } {
  const raw = (project.networks[key] ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(raw).find((name) => !KNOWN_KEYS.includes(name));
  if (unknown) {
    return { error: `swarmsim: docker stack deploy: networks.${key}.${unknown} is not simulated` };
  }
  const external = raw.external;
  const externalName =
    external === true || (typeof external === 'object' && external !== null)
      ? String((external as { name?: unknown }).name ?? raw.name ?? key)
      : null;
  return {
    driver: typeof raw.driver === 'string' ? raw.driver : 'overlay',
    attachable: raw.attachable === true,
    internal: raw.internal === true,
    labels: stringRecord(raw.labels),
    options: stringRecord(raw.driver_opts),
    external: externalName,
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((entry) => {
        const [k = '', ...rest] = String(entry).split('=');
        return [k, rest.join('=')];
      }),
    );
  }
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v ?? '')]));
}

/** The networks a compose service is on, with its aliases: `default` when it names none. */
export function serviceNetworkRefs(networks: unknown): { key: string; aliases: string[] }[] {
  if (Array.isArray(networks)) return networks.map((key) => ({ key: String(key), aliases: [] }));
  if (typeof networks === 'object' && networks !== null && Object.keys(networks).length > 0) {
    return Object.entries(networks).map(([key, value]) => {
      const aliases = (value as { aliases?: unknown } | null)?.aliases;
      return { key, aliases: Array.isArray(aliases) ? aliases.map(String) : [] };
    });
  }
  return [{ key: 'default', aliases: [] }];
}

/** The swarm name of network `key` of the stack. */
function networkName(stack: string, key: string, config: ComposeNetwork): string {
  return config.external ?? `${stack}_${key}`;
}

/**
 * Creates the stack's networks that do not exist yet (`default` first, then by name), on behalf
 * of the session's manager `nodeId`; the lines printed and, on failure, the error line.
 */
export function createStackNetworks(
  ctx: SimContext,
  stack: string,
  project: ComposeProject,
  nodeId: string,
): { lines: string; error?: string } {
  let lines = '';
  const keys: string[] = [];
  for (const { name, service } of project.services) {
    for (const { key } of serviceNetworkRefs(service.networks)) {
      if (key !== 'default' && !(key in project.networks)) {
        const why = 'invalid compose project';
        return { lines, error: `service "${name}" refers to undefined network ${key}: ${why}` };
      }
      if (!keys.includes(key)) keys.push(key);
    }
  }
  keys.sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const configs: { name: string; config: ComposeNetwork }[] = [];
  for (const key of keys) {
    const config = networkConfig(project, key);
    if ('error' in config) return { lines, error: config.error };
    configs.push({ name: networkName(stack, key, config), config });
  }
  // The client checks every external network before it creates anything.
  const missing = configs.find(
    ({ name, config }) => config.external !== null && !findNetwork(ctx.state, name),
  );
  if (missing) {
    const why = 'You need to create a swarm-scoped network before the stack is deployed';
    const error = `network "${missing.name}" is declared as external, but could not be found.`;
    return { lines, error: `${error} ${why}` };
  }
  for (const { name, config } of configs) {
    if (config.external !== null) continue;
    if (swarmNetworks(ctx.state).some((network) => network.name === name)) continue;
    lines += `Creating network ${name}\n`;
    const created = createSwarmNetwork(ctx, nodeId, {
      name,
      driver: config.driver,
      labels: { ...config.labels, [NAMESPACE_LABEL]: stack },
      options: config.options,
      attachable: config.attachable,
      internal: config.internal,
      ingress: false,
      subnet: '',
      gateway: '',
    });
    if (isApiError(created)) {
      return { lines, error: `failed to create network ${name}: ${daemonErrorLine(created)}` };
    }
  }
  return { lines };
}

/** The attachments of stack service `short` (its name in the file), sorted by network name. */
export function stackAttachments(
  state: ClusterState,
  stack: string,
  project: ComposeProject,
  short: string,
  networks: unknown,
): NetworkAttachmentConfig[] {
  const named = serviceNetworkRefs(networks).flatMap((ref) => {
    const config = networkConfig(project, ref.key);
    if ('error' in config) return [];
    const network = findNetwork(state, networkName(stack, ref.key, config));
    if (!network) return [];
    const attachment = { target: network.id, aliases: [...ref.aliases, short] };
    return [{ name: network.name, config: attachment }];
  });
  named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return named.map((entry) => entry.config);
}

/** The networks labelled with the stack's namespace, by name (what `stack rm` removes). */
export function stackNetworks(state: ClusterState, stack: string) {
  return swarmNetworks(state)
    .filter((network) => network.labels[NAMESPACE_LABEL] === stack)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
