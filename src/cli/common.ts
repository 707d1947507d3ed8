/** Helpers several commands share: loading scenario and lesson files, reading numeric flags. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseScenario, ScenarioError, type Scenario } from '../scenario/parse.js';
import { DURATION_HINT, parseDuration } from '../scenario/units.js';
import { EXIT_USAGE, resolvePath, usageError, type CliIo } from './io.js';
import { swarmsimVersion } from './version.js';

/** A scenario file read and parsed, with the hash its logs will carry. */
export interface LoadedScenario {
  scenario: Scenario;
  /** SHA-256 of the file's text, recorded in the log header. */
  scenarioHash: string;
}

/** True when `file` reads as a lesson (a top-level `lesson:` key), not a scenario. */
export function isLessonFile(io: CliIo, file: string): boolean {
  try {
    return /^lesson\s*:/m.test(readFileSync(resolvePath(io, file), 'utf8'));
  } catch {
    // Unreadable: the caller reports it as it reports any scenario file.
    return false;
  }
}

/** `sha256:...` of a scenario, lesson or script text, as log headers carry it. */
export function textHash(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** The header fields of the log of `text` played as `name` (the run adds its seed). */
export function logHeaderOf(name: string, text: string) {
  return { scenarioHash: textHash(text), scenario: name, swarmsimVersion: swarmsimVersion() };
}

/** Reads and parses a scenario, or prints why not and returns the exit code. */
export function loadScenarioFile(io: CliIo, file: string): LoadedScenario | number {
  if (isLessonFile(io, file)) {
    return usageError(io, `${file} is a lesson, not a scenario: play it with ` +
      `\`swarmsim lesson ${file}\` or \`swarmsim run ${file}\``);
  }
  const read = readParsed(io, file, parseScenario);
  if (typeof read === 'number') return read;
  return { scenario: read.value, scenarioHash: textHash(read.text) };
}

/**
 * Reads FILE and parses it with `parse` (which throws only ScenarioError, with located
 * messages), or prints why it could not and returns the exit code.
 */
export function readParsed<T>(
  io: CliIo,
  file: string,
  parse: (text: string, file: string) => T,
): { value: T; text: string } | number {
  let text: string;
  try {
    text = readFileSync(resolvePath(io, file), 'utf8');
  } catch (error) {
    return usageError(io, `cannot read ${file}: ${describeFsError(error)}`);
  }
  try {
    return { value: parse(text, file), text };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    io.stderr(`${error.message}\n`);
    return EXIT_USAGE;
  }
}

/** `--seed`: a whole number 0..2^32-1; undefined when absent, a message when invalid. */
export function readSeed(
  value: string | undefined,
  flag = '--seed',
): number | undefined | { error: string } {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value) && Number(value) <= 2 ** 32 - 1) return Number(value);
  return { error: `${flag} must be a whole number from 0 to 4294967295, not '${value}'` };
}

/** `--until`: a duration in ms; undefined when absent, a message when invalid. */
export function readUntil(value: string | undefined): number | undefined | { error: string } {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  return ms === null ? { error: `--until: bad duration '${value}'; ${DURATION_HINT}` } : ms;
}

/** The command line that reproduces a run. */
export function reproduceLine(file: string, seed: number, until?: string): string {
  return `swarmsim run ${file} --seed ${seed}${until === undefined ? '' : ` --until ${until}`}`;
}

/** A file-system error in a few words: `no such file`, `permission denied`... */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return (error as Error).message;
}

/** Narrows a flag reader's result: prints the error and returns the exit code. */
export function flagError(io: CliIo, value: unknown): number | null {
  if (value !== null && typeof value === 'object' && 'error' in value) {
    return usageError(io, String((value as { error: string }).error));
  }
  return null;
}
