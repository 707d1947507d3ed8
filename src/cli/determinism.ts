/**
 * `swarmsim determinism FILE --seeds N`: runs each seed twice and compares the logs' footer
 * hashes. Any difference means some decision depended on something other than the seed (object
 * key order, wall time, ambient randomness): a bug, reported with the seed to reproduce it.
 */
import type { Argv } from 'yargs';
import { LogWriter } from '../engine/log.js';
import { runScenario } from '../scenario/run.js';
import { horizonIssues, ScenarioError } from '../scenario/parse.js';
import { playLesson } from '../lesson/play.js';
import {
  flagError,
  isLessonFile,
  loadScenarioFile,
  readSeed,
  readUntil,
  logHeaderOf,
  type LoadedScenario,
} from './common.js';
import { loadLessonFile } from './lesson.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, usageError, type CliIo } from './io.js';
import { formatTable } from './table.js';
import { swarmsimVersion } from './version.js';

/** Flags of `determinism`, as yargs hands them over (numbers still text). */
export interface DeterminismArgs {
  file: string;
  seeds: string;
  seed?: string;
  until?: string;
}

/** How yargs declares `determinism`. */
export const determinismUsage = {
  command: 'determinism <file>',
  describe: 'Run seeds twice each and compare the event log hashes',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', {
        type: 'string',
        demandOption: true,
        describe: 'Scenario or lesson YAML file',
      })
      .option('seeds', { type: 'string', default: '1', describe: 'How many seeds to run' })
      .option('seed', { type: 'string', describe: 'First seed (default 1)' })
      .option('until', { type: 'string', describe: 'Run horizon (default: the scenario\'s)' })
      .epilogue(
        'Exit status: 0 every seed gave identical logs, 1 one differed or failed, 2 bad input.',
      ),
};

/** One run of the file with a seed: its log's footer hash, or `error: ...`. */
type HashRun = (seed: number) => string | Promise<string>;

/** Runs `determinism`; returns the exit status. */
export async function determinismCommand(args: DeterminismArgs, io: CliIo): Promise<number> {
  const count = readSeed(args.seeds, '--seeds');
  const first = readSeed(args.seed);
  const until = readUntil(args.until);
  const bad = flagError(io, count) ?? flagError(io, first) ?? flagError(io, until);
  if (bad !== null) return bad;
  if (count === 0) return usageError(io, '--seeds must be at least 1');
  const hashRun = isLessonFile(io, args.file)
    ? lessonHasher(io, args)
    : scenarioHasher(io, args, until as number | undefined);
  if (typeof hashRun === 'number') return hashRun;
  const start = (first as number | undefined) ?? 1;
  const rows = [['SEED', 'RUN 1', 'RUN 2', 'SAME']];
  let differing = 0;
  for (let seed = start; seed < start + (count as number); seed += 1) {
    const hashes = [await hashRun(seed), await hashRun(seed)];
    const same = hashes[0] === hashes[1] && !hashes[0]!.startsWith('error');
    if (!same) differing += 1;
    rows.push([String(seed), shorten(hashes[0]!), shorten(hashes[1]!), same ? 'yes' : 'NO']);
  }
  io.stdout(formatTable(rows));
  if (differing === 0) {
    io.stdout(`deterministic: ${rows.length - 1} seeds, each run twice, gave identical logs\n`);
    return EXIT_OK;
  }
  io.stdout(`NOT deterministic: ${differing} of ${rows.length - 1} seeds differed or failed; ` +
    `compare two logs of one of them: swarmsim run ${args.file} --seed N --out a.ndjson\n`);
  return EXIT_FAILED;
}

/** Runs of a scenario file, or the exit code of why it cannot run. */
function scenarioHasher(io: CliIo, args: DeterminismArgs, untilMs?: number): HashRun | number {
  const loaded = loadScenarioFile(io, args.file);
  if (typeof loaded === 'number') return loaded;
  const horizon = untilMs ?? loaded.scenario.untilMs;
  const cut = horizonIssues(loaded.scenario, horizon, `--until ${args.until}`);
  if (cut.length > 0) {
    io.stderr(`${new ScenarioError(cut).message}\n`);
    return EXIT_USAGE;
  }
  return (seed) => hashScenarioRun(loaded, args.file, seed, untilMs);
}

/** Plays of a lesson, output dropped, or the exit code of why it cannot play. */
function lessonHasher(io: CliIo, args: DeterminismArgs): HashRun | number {
  if (args.until !== undefined) return usageError(io, '--until applies to scenarios, not lessons');
  const loaded = loadLessonFile(io, args.file);
  if (typeof loaded === 'number') return loaded;
  const logHeader = logHeaderOf(args.file, loaded.text);
  const quiet = () => {};
  return async (seed) => {
    try {
      const options = { language: 'en' as const, seed, columns: 80, stdout: quiet, stderr: quiet };
      const { log } = await playLesson(loaded.lesson, { ...options, logHeader });
      return footerHash(log!);
    } catch (error) {
      return `error: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
}

/** The hash a log's footer line carries. */
function footerHash(log: string): string {
  const footer = JSON.parse(log.trimEnd().split('\n').at(-1)!) as { hash: string };
  return footer.hash;
}

/** One run's footer hash, or `error: ...` when the simulation threw. */
function hashScenarioRun(
  loaded: LoadedScenario,
  file: string,
  seed: number,
  untilMs?: number,
): string {
  const header = {
    seed,
    scenarioHash: loaded.scenarioHash,
    scenario: file,
    swarmsimVersion: swarmsimVersion(),
  };
  // Only the hash matters here, so lines are hashed by the writer and then dropped.
  const log = new LogWriter({ write: () => {} }, header);
  try {
    runScenario(loaded.scenario, { seed, untilMs, log });
    return log.close().hash;
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function shorten(hash: string): string {
  return hash.startsWith('sha256:') ? `${hash.slice(0, 23)}` : hash.slice(0, 60);
}
