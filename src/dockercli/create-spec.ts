/**
 * The spec `docker service create` sends, built from its flags (docker's serviceOptions.ToService)
 * with the defaults dockerd and swarmkit fill in for what the flags leave unset.
 */
import type { DeclaredImage } from '../agent/image-platforms.js';
import { DEFAULT_REPLICAS } from '../model/defaults.js';
import { defaultTaskSpec } from '../model/factory.js';
import type { Mount, PortConfig, ServiceMode, ServiceSpec } from '../model/types.js';
import { allValues, changed, lastValue, type ParsedFlags } from './flags.js';
import { applyCreateGeneric } from './generic-resources.js';
import { resolveImage } from './image-resolve.js';
import { logDriverFromFlags } from './log-driver.js';
import {
  labelsOf,
  listOf,
  resourcesFromFlags,
  restartFromFlags,
  uintAsInt64,
  updateConfigFromFlags,
} from './spec-parts.js';

/**
 * A spec (with the registry warning the client prints when it could not pin the image's
 * digest), or the error the docker client reports before sending anything.
 */
export type BuiltSpec = { spec: ServiceSpec; warning?: string } | { clientError: string };

/**
 * Builds the spec for `IMAGE [COMMAND] [ARG...]` and the flags given; `images`: those the
 * registry holds beside the catalogue.
 */
export function specFromCreateFlags(
  parsed: ParsedFlags,
  image: string,
  args: readonly string[],
  images: readonly DeclaredImage[] = [],
): BuiltSpec {
  const mode = serviceMode(parsed);
  if ('clientError' in mode) return mode;
  const resolve = !(lastValue<boolean>(parsed, 'no-resolve-image') ?? false);
  const resolved = resolveImage(image, resolve, images);
  const task = defaultTaskSpec(resolved.image);
  const container = task.container;
  container.args = [...args];
  container.command = lastValue<string[]>(parsed, 'entrypoint') ?? [];
  container.env = mergeEnv(listOf(parsed, 'env'));
  container.labels = labelsOf(listOf(parsed, 'container-label'));
  container.hostname = lastValue<string>(parsed, 'hostname') ?? '';
  container.dir = lastValue<string>(parsed, 'workdir') ?? '';
  container.user = lastValue<string>(parsed, 'user') ?? '';
  container.stopGracePeriodMs =
    lastValue<number>(parsed, 'stop-grace-period') ?? container.stopGracePeriodMs;
  const mounts = allValues<Mount>(parsed, 'mount');
  if (mounts.length > 0) container.mounts = mounts;
  task.resources = resourcesFromFlags(parsed, task.resources);
  const genericError = applyCreateGeneric(parsed, task.resources.reservations);
  if (genericError !== null) return { clientError: genericError };
  task.restart = restartFromFlags(parsed, task.restart);
  const logDriver = logDriverFromFlags(parsed);
  if (logDriver) task.logDriver = logDriver;
  task.placement.constraints = listOf(parsed, 'constraint');
  task.placement.preferences = listOf(parsed, 'placement-pref').map((spread) => ({ spread }));
  task.placement.maxReplicas = Number(lastValue<bigint>(parsed, 'replicas-max-per-node') ?? 0n);
  if (resolved.platforms?.length) task.placement.platforms = resolved.platforms;
  const endpointMode = (lastValue<string>(parsed, 'endpoint-mode') ?? 'vip').toLowerCase() || 'vip';
  const update = updateConfigFromFlags(parsed, 'update', null);
  const rollback = updateConfigFromFlags(parsed, 'rollback', null);
  const job = 'replicatedJob' in mode.mode || 'globalJob' in mode.mode;
  if (job && (update !== null || rollback !== null)) {
    return { clientError: 'update and rollback configuration is not supported for jobs' };
  }
  return {
    spec: {
      name: lastValue<string>(parsed, 'name') ?? '',
      labels: labelsOf(listOf(parsed, 'label')),
      mode: mode.mode,
      task,
      update,
      rollback,
      endpoint: {
        mode: endpointMode as ServiceSpec['endpoint']['mode'],
        ports: allValues<PortConfig[]>(parsed, 'publish').flat(),
      },
    },
    ...(resolved.warning !== null ? { warning: resolved.warning } : {}),
  };
}

/** docker's ToServiceMode: the mode flags, checked against each other. */
function serviceMode(parsed: ParsedFlags): { mode: ServiceMode } | { clientError: string } {
  const mode = lastValue<string>(parsed, 'mode') ?? 'replicated';
  const concurrent = lastValue<bigint>(parsed, 'max-concurrent');
  if (concurrent !== undefined && mode !== 'replicated-job') {
    return { clientError: 'max-concurrent can only be used with replicated-job mode' };
  }
  switch (mode) {
    case 'global':
    case 'global-job':
      if (changed(parsed, 'replicas')) {
        return { clientError: 'replicas can only be used with replicated or replicated-job mode' };
      }
      if ((lastValue<bigint>(parsed, 'replicas-max-per-node') ?? 0n) > 0n) {
        const message =
          'replicas-max-per-node can only be used with replicated or replicated-job mode';
        return { clientError: message };
      }
      return { mode: mode === 'global' ? { global: {} } : { globalJob: {} } };
    case 'replicated': {
      // dockerd fills in one replica when the client sends none.
      const replicas = lastValue<bigint>(parsed, 'replicas');
      const count = replicas === undefined ? DEFAULT_REPLICAS : uintAsInt64(replicas);
      return { mode: { replicated: { replicas: count } } };
    }
    case 'replicated-job': {
      // MaxConcurrent defaults to the replicas given, and both to 1 (the API's defaults).
      const replicas = lastValue<bigint>(parsed, 'replicas');
      const max = concurrent ?? replicas;
      const maxConcurrent = max === undefined ? 1 : uintAsInt64(max);
      const totalCompletions = replicas === undefined ? maxConcurrent : uintAsInt64(replicas);
      return { mode: { replicatedJob: { maxConcurrent, totalCompletions } } };
    }
    default:
      // docker 28 capitalises this message ("Unknown mode"); newer clients do not.
      return { clientError: `unknown mode: ${mode}, only replicated and global supported` };
  }
}

/**
 * docker's makeEnv: an exact repeat is dropped, and a new `KEY=...` replaces earlier entries of
 * the same key, keeping the order in which keys were last written.
 */
export function mergeEnv(values: readonly string[]): string[] {
  let env: string[] = [];
  for (const value of values) {
    if (env.includes(value)) continue;
    const key = value.split('=')[0]!;
    env = env.filter((existing) => !existing.startsWith(`${key}=`));
    env.push(value);
  }
  return env;
}
