/**
 * The arguments of `sim restart HOSTNAME [DOWNTIME] [--memory SIZE] [--cpus N]` (shell and
 * scenario steps): how long the engine is away, and the CPU and memory totals it reports when it
 * is back, for an engine restarted on a smaller or larger machine (SWARM.md 3.7).
 */
import {
  formatDuration,
  formatMemorySize,
  parseDuration,
  parseMemorySize,
} from '../scenario/units.js';

/** Default downtime of `sim restart`, ms. */
const RESTART_DOWN_MS_DEFAULT = 5_000;

/** How `sim restart` is written. */
export const RESTART_USAGE = 'sim restart HOSTNAME [DOWNTIME] [--memory SIZE] [--cpus N]';

/** What `sim restart` asks for: downtime in ms, new totals in NanoCPUs and bytes. */
export type RestartArgs = { downMs: number; nanoCPUs?: number; memoryBytes?: number };

/**
 * `[DOWNTIME] [--memory SIZE] [--cpus N]`: the engine comes back after DOWNTIME (default 5 s),
 * reporting the given totals (binary sizes as docker reads them: `1GB` is 1 GiB). Flags take
 * their value as the next word or after `=`.
 */
export function restartArgs(args: readonly string[]): RestartArgs | string {
  const result: RestartArgs = { downMs: RESTART_DOWN_MS_DEFAULT };
  const positional: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    const match = /^--(memory|cpus)(?:=(.*))?$/.exec(word);
    if (!match) {
      if (word.startsWith('--')) return `unknown flag ${word}; usage: ${RESTART_USAGE}`;
      positional.push(word);
      continue;
    }
    const value = match[2] ?? args[(index += 1)];
    if (value === undefined) return `--${match[1]} needs a value`;
    if (match[1] === 'memory') {
      const bytes = parseMemorySize(value);
      if (bytes === null || bytes === 0) return `bad memory size '${value}'`;
      result.memoryBytes = bytes;
    } else {
      const cpus = Number(value);
      if (!(cpus > 0) || !Number.isSafeInteger(Math.round(cpus * 1e9))) {
        return `bad CPU count '${value}'`;
      }
      result.nanoCPUs = Math.round(cpus * 1e9);
    }
  }
  if (positional.length > 1) return `usage: ${RESTART_USAGE}`;
  if (positional[0] !== undefined) {
    const downMs = parseDuration(positional[0]);
    if (downMs === null) return `bad duration '${positional[0]}'`;
    result.downMs = downMs;
  }
  return result;
}

/** `sim restart`'s effect in words from its arguments after HOSTNAME, e.g. `back in 5s`. */
export function describeRestart(args: readonly string[]): string {
  const parsed = restartArgs(args);
  if (typeof parsed === 'string') return parsed;
  const parts = [`back in ${formatDuration(parsed.downMs)}`];
  if (parsed.nanoCPUs !== undefined) parts.push(`${parsed.nanoCPUs / 1e9} CPUs`);
  if (parsed.memoryBytes !== undefined) {
    parts.push(`${formatMemorySize(parsed.memoryBytes)} of memory`);
  }
  return parts.length === 1 ? parts[0]! : `${parts[0]!} with ${parts.slice(1).join(' and ')}`;
}
