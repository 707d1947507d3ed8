/**
 * The spec `docker service create` sends, built from its flags (docker's serviceOptions.ToService)
 * with the defaults dockerd and swarmkit fill in for what the flags leave unset.
 */
import { DEFAULT_REPLICAS } from '../model/defaults.js';
import { defaultTaskSpec } from '../model/factory.js';
import type { PortConfig, ServiceMode, ServiceSpec } from '../model/types.js';
import { allValues, changed, lastValue, type ParsedFlags } from './flags.js';
import {
  labelsOf,
  listOf,
  resourcesFromFlags,
  restartFromFlags,
  uintAsInt64,
  updateConfigFromFlags,
} from './spec-parts.js';

/** A spec, or the error the docker client reports before sending anything. */
export type BuiltSpec = { spec: ServiceSpec } | { clientError: string };

/** Builds the spec for `IMAGE [COMMAND] [ARG...]` and the flags given. */
export function specFromCreateFlags(
  parsed: ParsedFlags,
  image: string,
  args: readonly string[],
): BuiltSpec {
  const mode = serviceMode(parsed);
  if ('clientError' in mode) return mode;
  const task = defaultTaskSpec(image);
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
  task.resources = resourcesFromFlags(parsed, task.resources);
  task.restart = restartFromFlags(parsed, task.restart);
  task.placement.constraints = listOf(parsed, 'constraint');
  task.placement.preferences = listOf(parsed, 'placement-pref').map((spread) => ({ spread }));
  task.placement.maxReplicas = Number(lastValue<bigint>(parsed, 'replicas-max-per-node') ?? 0n);
  const endpointMode = (lastValue<string>(parsed, 'endpoint-mode') ?? 'vip').toLowerCase() || 'vip';
  return {
    spec: {
      name: lastValue<string>(parsed, 'name') ?? '',
      labels: labelsOf(listOf(parsed, 'label')),
      mode: mode.mode,
      task,
      update: updateConfigFromFlags(parsed, 'update', null),
      rollback: updateConfigFromFlags(parsed, 'rollback', null),
      endpoint: {
        mode: endpointMode as ServiceSpec['endpoint']['mode'],
        ports: allValues<PortConfig[]>(parsed, 'publish').flat(),
      },
    },
  };
}

/** docker's ToServiceMode; job modes exist in docker but not in swarmsim's model yet. */
function serviceMode(parsed: ParsedFlags): { mode: ServiceMode } | { clientError: string } {
  const mode = lastValue<string>(parsed, 'mode') ?? 'replicated';
  switch (mode) {
    case 'global':
      if (changed(parsed, 'replicas')) {
        return { clientError: 'replicas can only be used with replicated or replicated-job mode' };
      }
      if ((lastValue<bigint>(parsed, 'replicas-max-per-node') ?? 0n) > 0n) {
        const message =
          'replicas-max-per-node can only be used with replicated or replicated-job mode';
        return { clientError: message };
      }
      return { mode: { global: {} } };
    case 'replicated': {
      // dockerd fills in one replica when the client sends none.
      const replicas = lastValue<bigint>(parsed, 'replicas');
      const count = replicas === undefined ? DEFAULT_REPLICAS : uintAsInt64(replicas);
      return { mode: { replicated: { replicas: count } } };
    }
    case 'replicated-job':
    case 'global-job':
      return { clientError: `swarmsim: --mode ${mode}: job services are not simulated yet` };
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
