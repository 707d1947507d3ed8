/**
 * A compose service turned into the service spec `docker stack deploy` sends (docker's
 * `cli/compose/convert`): named `STACK_SERVICE`, labelled with the stack namespace (service and
 * container) and the image as written; environment sorted by key; ports sorted by published
 * port; restart, update and rollback configs sent only when the file has them, so the engine's
 * defaults apply otherwise. Networks are not modelled, so tasks carry no network attachment.
 */
import { DEFAULT_ROLLBACK_CONFIG, DEFAULT_UPDATE_CONFIG } from '../model/defaults.js';
import { defaultTaskSpec } from '../model/factory.js';
import type {
  FailureAction,
  PortConfig,
  PortProtocol,
  RestartCondition,
  ServiceMode,
  ServiceSpec,
  UpdateConfig,
  UpdateOrder,
} from '../model/types.js';
import type { ComposePort, ComposeService } from './compose-schema.js';
import { parseGoDurationMs } from './go-duration.js';
import { logDriverFromCompose } from './log-driver.js';
import { parsePublish } from './ports.js';
import { splitShellWords } from './shlex.js';
import { labelsOf } from './spec-parts.js';
import { parseMemoryBytes, parseNanoCPUs } from './units.js';

/** The label every object of a stack carries, valued with the stack's name. */
export const NAMESPACE_LABEL = 'com.docker.stack.namespace';
/** The label holding the image as the compose file wrote it. */
export const IMAGE_LABEL = 'com.docker.stack.image';

const PROTOCOLS = ['tcp', 'udp', 'sctp'];

type UpdateSource = NonNullable<NonNullable<ComposeService['deploy']>['update_config']>;
type Scalar = string | number | boolean | null;

/** The mode from `deploy.mode`, or docker's `Unknown mode` error (before any object is made). */
export function composeMode(name: string, service: ComposeService): string | null {
  const mode = service.deploy?.mode ?? 'replicated';
  const known = ['replicated', 'global', 'replicated-job', 'global-job'];
  return known.includes(mode) ? null : `service ${name}: Unknown mode: ${mode}`;
}

/**
 * The spec for compose service `name` of stack `stack`. `current` is the deployed spec on a
 * redeploy: its replica count is kept when the file gives none, and its force-update counter
 * always, so a redeploy does not restart tasks by itself.
 */
export function specFromCompose(
  stack: string,
  name: string,
  service: ComposeService,
  current: ServiceSpec | null,
): { spec: ServiceSpec } | { error: string } {
  const deploy = service.deploy ?? {};
  const image = service.image ?? '';
  const mode = modeOf(name, service, current);
  if ('error' in mode) return mode;
  const task = defaultTaskSpec(image);
  const container = task.container;
  container.args = words(service.command);
  container.command = words(service.entrypoint);
  container.env = environment(service.environment);
  container.labels = labelsOf([...pairs(service.labels), `${NAMESPACE_LABEL}=${stack}`]);
  container.hostname = service.hostname ?? '';
  container.dir = service.working_dir ?? '';
  container.user = service.user ?? '';
  if (service.stop_grace_period !== undefined) {
    container.stopGracePeriodMs = durationMs(service.stop_grace_period);
  }
  const resources = resourcesOf(deploy.resources);
  if ('error' in resources) return { error: `service ${name}: ${resources.error}` };
  task.resources = resources.value;
  const restart = deploy.restart_policy;
  if (restart) {
    task.restart = {
      condition: (restart.condition ?? task.restart.condition) as RestartCondition,
      delayMs: restart.delay === undefined ? task.restart.delayMs : durationMs(restart.delay),
      maxAttempts: restart.max_attempts ?? task.restart.maxAttempts,
      windowMs: restart.window === undefined ? task.restart.windowMs : durationMs(restart.window),
    };
  }
  const placement = deploy.placement ?? {};
  task.placement.constraints = [...(placement.constraints ?? [])];
  const preferences = placement.preferences ?? [];
  task.placement.preferences = preferences.map((p) => ({ spread: p.spread ?? '' }));
  task.placement.maxReplicas = placement.max_replicas_per_node ?? 0;
  task.forceUpdate = current?.task.forceUpdate ?? 0;
  if (service.logging) task.logDriver = logDriverFromCompose(service.logging);
  const ports = portsOf(service.ports ?? []);
  if ('error' in ports) return { error: `service ${name}: ${ports.error}` };
  const serviceLabels = [`${NAMESPACE_LABEL}=${stack}`, `${IMAGE_LABEL}=${image}`];
  return {
    spec: {
      name: `${stack}_${name}`,
      labels: labelsOf([...pairs(deploy.labels), ...serviceLabels]),
      mode: mode.mode,
      task,
      update: updateConfigOf(deploy.update_config, DEFAULT_UPDATE_CONFIG),
      rollback: updateConfigOf(deploy.rollback_config, DEFAULT_ROLLBACK_CONFIG),
      endpoint: {
        mode: (deploy.endpoint_mode || 'vip') as ServiceSpec['endpoint']['mode'],
        ports: ports.value,
      },
    },
  };
}

function modeOf(
  name: string,
  service: ComposeService,
  current: ServiceSpec | null,
): { mode: ServiceMode } | { error: string } {
  const replicas = service.deploy?.replicas;
  switch (service.deploy?.mode ?? 'replicated') {
    case 'global':
    case 'global-job':
      if (replicas !== undefined) {
        const message = 'replicas can only be used with replicated or replicated-job mode';
        return { error: `service ${name}: ${message}` };
      }
      return { mode: service.deploy?.mode === 'global' ? { global: {} } : { globalJob: {} } };
    case 'replicated-job': {
      const count = replicas ?? 1;
      return { mode: { replicatedJob: { maxConcurrent: count, totalCompletions: count } } };
    }
    default: {
      const kept = current && 'replicated' in current.mode ? current.mode.replicated.replicas : 1;
      return { mode: { replicated: { replicas: replicas ?? kept } } };
    }
  }
}

/** `command: sleep 1` is split into words like a shell would; a list is taken as it is. */
function words(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return [...value];
  const split = splitShellWords(value);
  return 'error' in split ? [value] : split.value;
}

/** A list or mapping of `KEY=value` as entries; a bare key or a null value keeps only the key. */
function pairs(value: Record<string, Scalar> | string[] | undefined): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return [...value];
  return Object.entries(value).map(([key, v]) => (v === null ? key : `${key}=${String(v)}`));
}

/** The environment by key in code-unit order (docker builds it from a map, then sorts). */
function environment(value: Record<string, Scalar> | string[] | undefined): string[] {
  const byKey = new Map<string, string>();
  for (const entry of pairs(value)) byKey.set(entry.split('=')[0]!, entry);
  return [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => byKey.get(k)!);
}

function durationMs(text: string): number {
  const parsed = parseGoDurationMs(text);
  return 'error' in parsed ? 0 : parsed.value;
}

function resourcesOf(
  source: NonNullable<ComposeService['deploy']>['resources'],
): { value: ServiceSpec['task']['resources'] } | { error: string } {
  const result = defaultTaskSpec('').resources;
  for (const side of ['limits', 'reservations'] as const) {
    const amounts = source?.[side];
    if (amounts?.cpus !== undefined) {
      const cpus = parseNanoCPUs(String(amounts.cpus));
      if ('error' in cpus) return cpus;
      result[side].nanoCPUs = cpus.value;
    }
    if (amounts?.memory !== undefined) {
      const memory = parseMemoryBytes(amounts.memory);
      if ('error' in memory) return { error: memory.error };
      result[side].memoryBytes = memory.value;
    }
  }
  return { value: result };
}

/** The file's update (or rollback) config over docker's defaults; null when it has none. */
function updateConfigOf(
  source: UpdateSource | undefined,
  defaults: Readonly<UpdateConfig>,
): UpdateConfig | null {
  if (!source) return null;
  const monitor = source.monitor === undefined ? 0 : durationMs(source.monitor);
  return {
    parallelism: source.parallelism ?? 1,
    delayMs: source.delay === undefined ? 0 : durationMs(source.delay),
    failureAction: (source.failure_action || defaults.failureAction) as FailureAction,
    // dockerd drops a zero monitor, and swarmkit then monitors for its default.
    monitorMs: monitor === 0 ? defaults.monitorMs : monitor,
    maxFailureRatio: source.max_failure_ratio ?? 0,
    order: (source.order || defaults.order) as UpdateOrder,
  };
}

/** Short (`"8080:80/udp"`) and long (`{target, published, protocol, mode}`) ports. */
function portsOf(ports: readonly ComposePort[]): { value: PortConfig[] } | { error: string } {
  const result: PortConfig[] = [];
  for (const port of ports) {
    if (typeof port === 'object') {
      // dockerd maps a protocol or mode it does not know to the enum's zero: tcp, ingress.
      const protocol = (port.protocol ?? '').toLowerCase();
      const mode = (port.mode ?? '').toLowerCase();
      result.push({
        name: '',
        protocol: PROTOCOLS.includes(protocol) ? (protocol as PortProtocol) : 'tcp',
        targetPort: port.target ?? 0,
        publishedPort: port.published ?? 0,
        publishMode: mode === 'host' ? 'host' : 'ingress',
      });
      continue;
    }
    const parsed = parsePublish(String(port));
    if ('error' in parsed) return { error: parsed.error };
    result.push(...parsed.value);
  }
  // docker sorts the ports by published port (a stable sort keeps the file's order otherwise).
  return { value: result.sort((a, b) => a.publishedPort - b.publishedPort) };
}
