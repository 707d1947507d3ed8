/**
 * `docker volume create`'s cluster volume options (`cli/command/volume/create.go`) and dockerd's
 * conversion of them to swarmkit's VolumeSpec (`moby:daemon/cluster/convert/volume.go`).
 *
 * Quirks kept from the client: the volume is a cluster volume only when one of --group, --scope,
 * --sharing, --availability, --type, --limit-bytes or --required-bytes is given (it checks a
 * `secrets` flag that does not exist, so --secret alone, like --topology-* alone, makes a local
 * volume); --type defaults to `block`; the capacity range and the topology requirement are
 * always sent. dockerd maps an unknown scope, sharing or availability to swarmkit's zero value
 * (single, none, active); an unknown type sends no access type, which swarmkit refuses.
 */
import type { VolumeSpec, VolumeTopology } from '../model/types.js';
import { memoryFlag, stringFlag } from './flag-kinds.js';
import { allValues, lastValue, type FlagDef, type ParsedFlags } from './flags.js';

/** The cluster flags of `volume create`. */
export const CLUSTER_CREATE_FLAGS: FlagDef[] = [
  stringFlag('group'),
  stringFlag('scope'),
  stringFlag('sharing'),
  stringFlag('availability'),
  stringFlag('type'),
  stringFlag('secret'),
  memoryFlag('limit-bytes'),
  memoryFlag('required-bytes'),
  stringFlag('topology-required'),
  stringFlag('topology-preferred'),
];

const SELECTING = [
  'group', 'scope', 'sharing', 'availability', 'type', 'limit-bytes', 'required-bytes',
];

/** Whether the client sends a ClusterVolumeSpec (hasClusterVolumeOptionSet). */
export function wantsClusterVolume(parsed: ParsedFlags): boolean {
  return SELECTING.some((name) => (parsed.values[name]?.length ?? 0) > 0);
}

/** `zone=a,rack=1` as a topology (the client does not validate it). */
function topologyOf(text: string): VolumeTopology {
  const segments: VolumeTopology = {};
  for (const part of text.split(',')) {
    const equals = part.indexOf('=');
    if (equals < 0) segments[part] = '';
    else segments[part.slice(0, equals)] = part.slice(equals + 1);
  }
  return segments;
}

/** `KEY=VALUE` options as docker's MapOpts keeps them: the last value of a key wins. */
function keyValues(values: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const value of values) {
    const equals = value.indexOf('=');
    if (equals < 0) map.set(value, '');
    else map.set(value.slice(0, equals), value.slice(equals + 1));
  }
  return map;
}

function oneOf<T extends string>(value: string, known: readonly T[], zero: T): T {
  return (known as readonly string[]).includes(value) ? (value as T) : zero;
}

/**
 * The VolumeSpec dockerd sends swarmkit, or swarmkit's objection to the access type. Secrets
 * are sent sorted by key, as the client sorts them.
 */
export function clusterVolumeSpec(
  parsed: ParsedFlags,
  base: { name: string; driver: string; labels: Record<string, string> },
): VolumeSpec | { error: string } {
  const type = lastValue<string>(parsed, 'type') ?? 'block';
  if (type !== 'mount' && type !== 'block') {
    return { error: 'Volume AccessMode must specify either Mount or Block access type' };
  }
  const secrets = keyValues(allValues<string>(parsed, 'secret'));
  const options = keyValues(allValues<string>(parsed, 'opt'));
  return {
    name: base.name,
    labels: base.labels,
    group: lastValue<string>(parsed, 'group') ?? '',
    driver: { name: base.driver, options: Object.fromEntries(options) },
    accessMode: {
      scope: oneOf(lastValue<string>(parsed, 'scope') ?? 'single', ['single', 'multi'], 'single'),
      sharing: oneOf(
        lastValue<string>(parsed, 'sharing') ?? 'none',
        ['none', 'readonly', 'onewriter', 'all'],
        'none',
      ),
      type,
    },
    secrets: [...secrets]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, secret]) => ({ key, secret })),
    accessibilityRequirements: {
      requisite: allValues<string>(parsed, 'topology-required').map(topologyOf),
      preferred: allValues<string>(parsed, 'topology-preferred').map(topologyOf),
    },
    capacityRange: {
      requiredBytes: lastValue<number>(parsed, 'required-bytes') ?? 0,
      limitBytes: lastValue<number>(parsed, 'limit-bytes') ?? 0,
    },
    availability: oneOf(
      lastValue<string>(parsed, 'availability') ?? 'active',
      ['active', 'pause', 'drain'],
      'active',
    ),
  };
}
