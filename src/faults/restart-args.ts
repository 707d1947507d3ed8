/**
 * The arguments of `sim restart HOSTNAME [DOWNTIME] [--memory SIZE] [--cpus N] [--label K=V]...
 * [--node-generic-resource K=V]...` (shell and scenario steps): how long the engine is away, and
 * what it describes when it is back: an engine restarted on a smaller or larger machine, or with
 * another daemon configuration (SWARM.md 3.7). `--label` and `--node-generic-resource` are
 * dockerd's own flags; given, they replace the engine's whole set, as a changed daemon.json does.
 */
import { parseNodeGenericResources } from '../scheduler/generic.js';
import {
  formatDuration,
  formatMemorySize,
  parseDuration,
  parseMemorySize,
} from '../scenario/units.js';
import type { GenericResource } from '../model/types.js';

/** Default downtime of `sim restart`, ms. */
const RESTART_DOWN_MS_DEFAULT = 5_000;

/** How `sim restart` is written. */
export const RESTART_USAGE =
  'sim restart HOSTNAME [DOWNTIME] [--memory SIZE] [--cpus N] [--label K=V]... ' +
  '[--node-generic-resource K=V]...';

/** What `sim restart` asks for: downtime in ms, and what the engine reports once back. */
export type RestartArgs = {
  downMs: number;
  nanoCPUs?: number;
  memoryBytes?: number;
  engineLabels?: Record<string, string>;
  genericResources?: GenericResource[];
};

type FlagName = 'memory' | 'cpus' | 'label' | 'node-generic-resource';

/**
 * `[DOWNTIME] [FLAGS]`: the engine comes back after DOWNTIME (default 5 s) reporting the given
 * totals (binary sizes as docker reads them: `1GB` is 1 GiB), labels and generic resources.
 * Flags take their value as the next word or after `=`.
 */
export function restartArgs(args: readonly string[]): RestartArgs | string {
  const result: RestartArgs = { downMs: RESTART_DOWN_MS_DEFAULT };
  const positional: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    const match = /^--(memory|cpus|label|node-generic-resource)(?:=(.*))?$/.exec(word);
    if (!match) {
      if (word.startsWith('--')) return `unknown flag ${word}; usage: ${RESTART_USAGE}`;
      positional.push(word);
      continue;
    }
    const value = match[2] ?? args[(index += 1)];
    if (value === undefined) return `--${match[1]} needs a value`;
    const problem = applyFlag(result, match[1] as FlagName, value);
    if (problem) return problem;
  }
  if (positional.length > 1) return `usage: ${RESTART_USAGE}`;
  if (positional[0] !== undefined) {
    const downMs = parseDuration(positional[0]);
    if (downMs === null) return `bad duration '${positional[0]}'`;
    result.downMs = downMs;
  }
  return result;
}

function applyFlag(result: RestartArgs, flag: FlagName, value: string): string | null {
  switch (flag) {
    case 'memory': {
      const bytes = parseMemorySize(value);
      if (bytes === null || bytes === 0) return `bad memory size '${value}'`;
      result.memoryBytes = bytes;
      return null;
    }
    case 'cpus': {
      const cpus = Number(value);
      if (!(cpus > 0) || !Number.isSafeInteger(Math.round(cpus * 1e9))) {
        return `bad CPU count '${value}'`;
      }
      result.nanoCPUs = Math.round(cpus * 1e9);
      return null;
    }
    case 'label': {
      // dockerd reads `--label key` as an empty value; a label needs a key.
      const [key, ...rest] = value.split('=');
      if (!key) return `bad label '${value}': want KEY=VALUE`;
      result.engineLabels = { ...result.engineLabels, [key]: rest.join('=') };
      return null;
    }
    case 'node-generic-resource': {
      if (!/^[^=\s]+=[^=\s]+$/.test(value)) {
        return `bad generic resource '${value}': want KIND=VALUE`;
      }
      result.genericResources = [
        ...(result.genericResources ?? []),
        ...parseNodeGenericResources([value]),
      ];
      return null;
    }
  }
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
  if (parsed.engineLabels) {
    const labels = Object.entries(parsed.engineLabels).map(([key, value]) => `${key}=${value}`);
    parts.push(`engine labels ${labels.join(', ')}`);
  }
  if (parsed.genericResources) {
    const resources = parsed.genericResources.map(({ kind, value }) => `${kind}=${value}`);
    parts.push(`generic resources ${resources.join(', ')}`);
  }
  return parts.length === 1 ? parts[0]! : `${parts[0]!} with ${parts.slice(1).join(' and ')}`;
}
