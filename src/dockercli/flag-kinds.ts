/**
 * Constructors for the kinds of flags docker's service and node commands declare, each with the
 * value check docker's flag type performs (opts.ValidateLabel, opts.ValidateEnv, ...).
 */
import type { FlagDef } from './flags.js';
import { parseGoDurationMs } from './go-duration.js';
import { parseGoFloat, parseGoUint, type Parsed } from './go-strconv.js';
import { parsePublish } from './ports.js';
import { splitShellWords } from './shlex.js';
import { parseMemoryBytes, parseNanoCPUs } from './units.js';

/** A flag taking any string. */
export function stringFlag(name: string, short?: string): FlagDef {
  return { name, short };
}

/** A boolean flag: `--flag` means true, `--flag=false` is also accepted. */
export function boolFlag(name: string, short?: string): FlagDef {
  return { name, short, bool: true };
}

/** Go duration (`5s`), stored as whole milliseconds. */
export function durationFlag(name: string): FlagDef {
  return { name, parse: parseGoDurationMs };
}

/** uint64 in any Go base (`10`, `0x10`), stored as a bigint. */
export function uintFlag(name: string): FlagDef {
  return { name, parse: (raw) => parseGoUint(raw, 0) };
}

/** float32, as `--update-max-failure-ratio`. */
export function floatFlag(name: string): FlagDef {
  return { name, parse: (raw) => parseGoFloat(raw, 32) };
}

/** Binary memory size in bytes. */
export function memoryFlag(name: string): FlagDef {
  return { name, parse: parseMemoryBytes };
}

/** CPUs as NanoCPUs. */
export function cpuFlag(name: string): FlagDef {
  return { name, parse: parseNanoCPUs };
}

/** Shell words (`--entrypoint`, `--args`), stored as string[]. */
export function wordsFlag(name: string): FlagDef {
  return { name, parse: splitShellWords };
}

/** Published ports, stored as PortConfig[] per value. */
export function publishFlag(name: string, short?: string): FlagDef {
  return { name, short, parse: parsePublish };
}

/** `key=value` labels; the key must be non-empty and without blanks. */
export function labelFlag(name: string, short?: string): FlagDef {
  return { name, short, parse: validateLabel };
}

/** `KEY=value` environment variables; the key must be non-empty. */
export function envFlag(name: string, short?: string): FlagDef {
  return { name, short, parse: validateEnv };
}

/** `spread=<descriptor>` placement preferences, stored as the descriptor. */
export function placementPrefFlag(name: string): FlagDef {
  return { name, parse: parsePlacementPref };
}

/** A real docker flag swarmsim does not simulate yet. */
export function unsupportedFlag(name: string, options: { bool?: boolean; short?: string } = {}) {
  return { name, short: options.short, bool: options.bool, unsupported: true } satisfies FlagDef;
}

function validateLabel(value: string): Parsed<string> {
  const key = (value.split('=')[0] ?? '').replace(/^[ \t]+/, '');
  if (key === '') return { error: `invalid label '${value}': empty name` };
  if (/[ \t]/.test(key)) return { error: `label '${key}' contains whitespaces` };
  return { value };
}

/**
 * docker fills `KEY` (no `=`) from the client's own environment; the simulated client has none,
 * so such a value is kept as written, which is what docker sends when the variable is unset.
 */
function validateEnv(value: string): Parsed<string> {
  const key = value.split('=')[0] ?? '';
  if (key === '') return { error: `invalid environment variable: ${value}` };
  return { value };
}

function parsePlacementPref(value: string): Parsed<string> {
  const equals = value.indexOf('=');
  if (equals <= 0) {
    return { error: 'placement preference must be of the format "<strategy>=<arg>"' };
  }
  const strategy = value.slice(0, equals);
  if (strategy !== 'spread') {
    return { error: `unsupported placement preference ${strategy} (only spread is supported)` };
  }
  return { value: value.slice(equals + 1) };
}
