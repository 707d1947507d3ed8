/**
 * The spec `docker service update` sends: the current spec with each given flag applied, in the
 * order of docker's updateService (`cli/command/service/update.go`).
 */
import type { DeclaredImage } from '../agent/image-platforms.js';
import type { Mount, PortConfig, ServiceSpec } from '../model/types.js';
import { allValues, changed, lastValue, type ParsedFlags } from './flags.js';
import type { BuiltSpec } from './create-spec.js';
import { applyUpdateGeneric } from './generic-resources.js';
import { resolveImage, taggedImage } from './image-resolve.js';
import { updateMounts } from './mount-spec.js';
import { logDriverFromFlags } from './log-driver.js';
import {
  anyChanged,
  labelsOf,
  listOf,
  resourcesFromFlags,
  restartFromFlags,
  uintAsInt64,
  updateConfigFromFlags,
  withoutKeys,
} from './spec-parts.js';

/** Applies the update flags to a copy of `current`; `images`: held beside the catalogue. */
export function specFromUpdateFlags(
  current: ServiceSpec,
  parsed: ParsedFlags,
  images: readonly DeclaredImage[] = [],
): BuiltSpec {
  const spec = structuredClone(current);
  const container = spec.task.container;
  const text = (name: string) => lastValue<string>(parsed, name);
  spec.labels = labelsOf(
    listOf(parsed, 'label-add'),
    withoutKeys(spec.labels, listOf(parsed, 'label-rm')),
  );
  container.labels = labelsOf(
    listOf(parsed, 'container-label-add'),
    withoutKeys(container.labels, listOf(parsed, 'container-label-rm')),
  );
  // The client tags the image it sends (`alpine` is `alpine:latest`) and resolves its digest
  // only when --image is given.
  const image = text('image');
  const resolved =
    image !== undefined
      ? resolveImage(image, !(lastValue<boolean>(parsed, 'no-resolve-image') ?? false), images)
      : { image: taggedImage(container.image), warning: null };
  container.image = resolved.image;
  // Only a registry answer replaces the platforms; otherwise the current ones are sent back.
  if (resolved.platforms?.length) spec.task.placement.platforms = resolved.platforms;
  container.args = lastValue<string[]>(parsed, 'args') ?? container.args;
  container.command = lastValue<string[]>(parsed, 'entrypoint') ?? container.command;
  container.env = updateEnv(container.env, listOf(parsed, 'env-rm'), listOf(parsed, 'env-add'));
  container.dir = text('workdir') ?? container.dir;
  container.user = text('user') ?? container.user;
  container.hostname = text('hostname') ?? container.hostname;
  const mountError = updateContainerMounts(container, parsed);
  if (mountError !== null) return { clientError: mountError };
  spec.task.resources = resourcesFromFlags(parsed, spec.task.resources);
  const genericError = applyUpdateGeneric(parsed, spec.task.resources.reservations);
  if (genericError !== null) return { clientError: genericError };
  container.stopGracePeriodMs =
    lastValue<number>(parsed, 'stop-grace-period') ?? container.stopGracePeriodMs;
  spec.task.restart = restartFromFlags(parsed, spec.task.restart);
  const logDriver = logDriverFromFlags(parsed);
  if (logDriver) spec.task.logDriver = logDriver;
  updatePlacement(spec, parsed);
  const modeError = updateMode(spec, parsed);
  if (modeError !== null) return { clientError: modeError };
  const maxReplicas = lastValue<bigint>(parsed, 'replicas-max-per-node');
  if (maxReplicas !== undefined) spec.task.placement.maxReplicas = Number(maxReplicas);
  spec.update = updateConfigFromFlags(parsed, 'update', spec.update);
  spec.rollback = updateConfigFromFlags(parsed, 'rollback', spec.rollback);
  // Unlike create, update does not lower-case the mode: `VIP` is refused by dockerd.
  const endpointMode = text('endpoint-mode');
  if (endpointMode !== undefined) {
    spec.endpoint.mode = (endpointMode || 'vip') as ServiceSpec['endpoint']['mode'];
  }
  if (anyChanged(parsed, ['publish-add', 'publish-rm'])) {
    spec.endpoint.ports = updatePorts(
      spec.endpoint.ports,
      allValues<PortConfig[]>(parsed, 'publish-rm').flat(),
      allValues<PortConfig[]>(parsed, 'publish-add').flat(),
    );
  }
  if (lastValue<boolean>(parsed, 'force')) spec.task.forceUpdate += 1;
  return { spec, ...(resolved.warning !== null ? { warning: resolved.warning } : {}) };
}

/** `--replicas` (a replicated job's TotalCompletions) and `--max-concurrent`; a client error. */
function updateMode(spec: ServiceSpec, parsed: ParsedFlags): string | null {
  if (changed(parsed, 'replicas') && 'replicatedJob' in spec.mode) {
    // For a replicated job --replicas is its TotalCompletions.
    const total = uintAsInt64(lastValue<bigint>(parsed, 'replicas')!);
    spec.mode.replicatedJob.totalCompletions = total;
  } else if (changed(parsed, 'replicas')) {
    if (!('replicated' in spec.mode)) return 'replicas can only be used with replicated mode';
    spec.mode.replicated.replicas = uintAsInt64(lastValue<bigint>(parsed, 'replicas')!);
  }
  const concurrent = lastValue<bigint>(parsed, 'max-concurrent');
  if (concurrent === undefined) return null;
  if (!('replicatedJob' in spec.mode)) {
    return 'max-concurrent can only be used with replicated-job mode';
  }
  spec.mode.replicatedJob.maxConcurrent = uintAsInt64(concurrent);
  return null;
}

/** `--mount-add` / `--mount-rm` as docker's updateMounts applies them; a client error. */
function updateContainerMounts(
  container: ServiceSpec['task']['container'],
  parsed: ParsedFlags,
): string | null {
  const mounts = updateMounts(
    container.mounts,
    allValues<Mount>(parsed, 'mount-add'),
    listOf(parsed, 'mount-rm'),
  );
  if ('clientError' in mounts) return mounts.clientError;
  if (mounts.mounts.length > 0) container.mounts = mounts.mounts;
  else delete container.mounts;
  return null;
}

/**
 * Constraints: added, then removed by exact text, then sorted (docker sorts "so that the result
 * is predictable"). Preferences: removed by descriptor, then added.
 */
function updatePlacement(spec: ServiceSpec, parsed: ParsedFlags): void {
  const placement = spec.task.placement;
  if (anyChanged(parsed, ['constraint-add', 'constraint-rm'])) {
    const removed = listOf(parsed, 'constraint-rm');
    placement.constraints = [...placement.constraints, ...listOf(parsed, 'constraint-add')]
      .filter((constraint) => !removed.includes(constraint))
      .sort(compareCodeUnits);
  }
  if (anyChanged(parsed, ['placement-pref-add', 'placement-pref-rm'])) {
    const removed = listOf(parsed, 'placement-pref-rm');
    placement.preferences = [
      ...placement.preferences.filter((preference) => !removed.includes(preference.spread)),
      ...listOf(parsed, 'placement-pref-add').map((spread) => ({ spread })),
    ];
  }
}

/**
 * `--env-rm KEY` drops every entry of that key; `--env-add` replaces an existing key in place and
 * appends new ones. (docker rebuilds the list from a Go map, so its order is random there;
 * swarmsim keeps a stable order so an unchanged environment does not look changed.)
 */
function updateEnv(env: readonly string[], removed: readonly string[], added: readonly string[]) {
  const keyOf = (entry: string) => entry.split('=')[0]!;
  const next = env.filter((entry) => !removed.includes(keyOf(entry)));
  for (const entry of added) {
    const index = next.findIndex((existing) => keyOf(existing) === keyOf(entry));
    if (index >= 0) next[index] = entry;
    else next.push(entry);
  }
  return next;
}

/**
 * docker's updatePorts: current ports minus those matching a removal by target, protocol and
 * mode, plus new ports not already present, sorted by `published:target/protocol/mode`.
 */
function updatePorts(
  current: readonly PortConfig[],
  removed: readonly PortConfig[],
  added: readonly PortConfig[],
): PortConfig[] {
  const key = (port: PortConfig) =>
    `${port.publishedPort}:${port.targetPort}/${port.protocol}/${port.publishMode}`;
  const unique = current.filter(
    (port, index) => current.findIndex((other) => key(other) === key(port)) === index,
  );
  const kept = unique.filter(
    (port) =>
      !removed.some(
        (r) =>
          r.protocol === port.protocol &&
          r.targetPort === port.targetPort &&
          r.publishMode === port.publishMode,
      ),
  );
  const fresh = added.filter((port) => !unique.some((existing) => key(existing) === key(port)));
  return [...kept, ...fresh].sort((a, b) => compareCodeUnits(key(a), key(b)));
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
