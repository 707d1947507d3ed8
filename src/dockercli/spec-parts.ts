/**
 * Pieces of a service spec that `service create` and `service update` fill from flags the same
 * way (docker's opts.go / update.go), plus the enum conversion dockerd applies before swarmkit
 * sees the spec (`moby:daemon/cluster/convert/service.go`).
 */
import { ApiError } from '../api/errors.js';
import { quoteGo } from '../api/go-format.js';
import { DEFAULT_ROLLBACK_CONFIG, DEFAULT_UPDATE_CONFIG } from '../model/defaults.js';
import type {
  FailureAction,
  RestartCondition,
  RestartPolicy,
  ServiceSpec,
  UpdateConfig,
  UpdateOrder,
} from '../model/types.js';
import { allValues, changed, lastValue, type ParsedFlags } from './flags.js';
import { mountConversionError } from './mount-spec.js';

/** The prefix of the six update-config flags. */
export type UpdateFlagPrefix = 'update' | 'rollback';

const UPDATE_FIELDS = [
  'parallelism',
  'delay',
  'monitor',
  'failure-action',
  'max-failure-ratio',
  'order',
];
const RESTART_FLAGS = [
  'restart-condition',
  'restart-delay',
  'restart-max-attempts',
  'restart-window',
];

/** Whether any of `names` was given. */
export function anyChanged(parsed: ParsedFlags, names: readonly string[]): boolean {
  return names.some((name) => changed(parsed, name));
}

/**
 * The update (or rollback) config after the flags: untouched when no flag of the group is given,
 * else the current config (swarmkit's defaults when there is none) with each given field set.
 */
export function updateConfigFromFlags(
  parsed: ParsedFlags,
  prefix: UpdateFlagPrefix,
  current: UpdateConfig | null,
): UpdateConfig | null {
  if (!anyChanged(parsed, UPDATE_FIELDS.map((field) => `${prefix}-${field}`))) return current;
  const defaults = prefix === 'update' ? DEFAULT_UPDATE_CONFIG : DEFAULT_ROLLBACK_CONFIG;
  const config: UpdateConfig = { ...(current ?? defaults) };
  const get = <T>(field: string) => lastValue<T>(parsed, `${prefix}-${field}`);
  const parallelism = get<bigint>('parallelism');
  if (parallelism !== undefined) config.parallelism = Number(parallelism);
  config.delayMs = get<number>('delay') ?? config.delayMs;
  const monitorMs = get<number>('monitor');
  // dockerd drops a zero monitor, and swarmkit then monitors for its default (5 s).
  if (monitorMs !== undefined) config.monitorMs = monitorMs === 0 ? defaults.monitorMs : monitorMs;
  // An empty enum value means the default; any other unknown value is kept for
  // conversionError to refuse.
  const action = get<string>('failure-action');
  if (action !== undefined) config.failureAction = (action || 'pause') as FailureAction;
  config.maxFailureRatio = get<number>('max-failure-ratio') ?? config.maxFailureRatio;
  const order = get<string>('order');
  if (order !== undefined) config.order = (order || 'stop-first') as UpdateOrder;
  return config;
}

/** The restart policy after the `--restart-*` flags. */
export function restartFromFlags(parsed: ParsedFlags, current: RestartPolicy): RestartPolicy {
  if (!anyChanged(parsed, RESTART_FLAGS)) return current;
  const written = lastValue<string>(parsed, 'restart-condition');
  const attempts = lastValue<bigint>(parsed, 'restart-max-attempts');
  const condition = written === undefined ? current.condition : (written || 'any');
  return {
    condition: condition as RestartCondition,
    delayMs: lastValue<number>(parsed, 'restart-delay') ?? current.delayMs,
    maxAttempts: attempts === undefined ? current.maxAttempts : Number(attempts),
    windowMs: lastValue<number>(parsed, 'restart-window') ?? current.windowMs,
  };
}

/** Resource limits and reservations after the four resource flags. */
export function resourcesFromFlags(
  parsed: ParsedFlags,
  current: ServiceSpec['task']['resources'],
): ServiceSpec['task']['resources'] {
  const get = (name: string) => lastValue<number>(parsed, name);
  return {
    limits: {
      nanoCPUs: get('limit-cpu') ?? current.limits.nanoCPUs,
      memoryBytes: get('limit-memory') ?? current.limits.memoryBytes,
    },
    reservations: {
      nanoCPUs: get('reserve-cpu') ?? current.reservations.nanoCPUs,
      memoryBytes: get('reserve-memory') ?? current.reservations.memoryBytes,
      // Generic requests have flags of their own (generic-resources.ts); kept as they are here.
      ...(current.reservations.generic ? { generic: current.reservations.generic } : {}),
    },
  };
}

/**
 * `key=value` strings into a record (docker's ConvertKVStringsToMap: a later key wins, a bare key
 * means ""). Keys are kept sorted so equal label sets always serialise the same way. Records are
 * built from entries so that even a key like `__proto__` stays an ordinary label.
 */
export function labelsOf(
  values: readonly string[],
  base: Record<string, string> = {},
): Record<string, string> {
  const entries = Object.entries(base);
  for (const value of values) {
    const equals = value.indexOf('=');
    const entry: [string, string] =
      equals < 0 ? [value, ''] : [value.slice(0, equals), value.slice(equals + 1)];
    const index = entries.findIndex(([key]) => key === entry[0]);
    if (index >= 0) entries[index] = entry;
    else entries.push(entry);
  }
  return sortedRecord(Object.fromEntries(entries));
}

/** The same record with its keys in code-unit order. */
export function sortedRecord(record: Record<string, string>): Record<string, string> {
  const entries = Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/** The record without `keys`. */
export function withoutKeys(record: Record<string, string>, keys: readonly string[]) {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key)));
}

/** The values of a list flag (`--env`, `--constraint`...). */
export function listOf(parsed: ParsedFlags, name: string): string[] {
  return allValues<string>(parsed, name);
}

/** uint64 as swarmkit's int64 cast sees it (so 2^64-1 replicas reads as -1). */
export function uintAsInt64(value: bigint): number {
  return Number(BigInt.asIntN(64, value));
}

/**
 * dockerd's conversion of the spec's enum strings, in its order; a flag value outside the enum
 * is refused here with dockerd's own text (not a swarmkit rpc error).
 */
export function conversionError(spec: ServiceSpec): ApiError | null {
  const mountError = mountConversionError(spec.task.container.mounts);
  if (mountError) return mountError;
  const condition = spec.task.restart.condition as string;
  if (!['none', 'on-failure', 'any'].includes(condition)) {
    return engineError(`invalid RestartCondition: ${quoteGo(condition)}`);
  }
  for (const config of [spec.update, spec.rollback]) {
    if (!config) continue;
    if (!['pause', 'continue', 'rollback'].includes(config.failureAction)) {
      return engineError(`unrecognized update failure action ${config.failureAction}`);
    }
    if (!['stop-first', 'start-first'].includes(config.order)) {
      return engineError(`unrecognized update order ${config.order}`);
    }
  }
  const mode = spec.endpoint.mode as string;
  if (mode !== 'vip' && mode !== 'dnsrr') {
    return engineError(`invalid resolution mode: ${quoteGo(mode)}`);
  }
  return null;
}

function engineError(message: string): ApiError {
  return new ApiError('InvalidArgument', message, 'engine');
}
