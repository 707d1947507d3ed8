/**
 * `swarmsim run FILE`: runs a scenario, prints what happened, and exits 0 when every step and
 * expectation held, 1 when one did not (or the simulation failed), 2 on bad input.
 */
import type { Argv } from 'yargs';
import { LogWriter, MemorySink, type LogSink } from '../engine/log.js';
import { replayLog } from '../engine/replay.js';
import type { Observer } from '../engine/simulation.js';
import type { ClusterState } from '../model/state.js';
import { ScenarioError } from '../scenario/errors.js';
import { SENTENCES } from '../scenario/expectations.js';
import { runScenario } from '../scenario/run.js';
import { strictInvariantObserver } from '../check/invariants.js';
import { RunConvergenceCheck } from './run-check.js';
import {
  flagError,
  isLessonFile,
  loadScenarioFile,
  readSeed,
  readUntil,
  reproduceLine,
} from './common.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, usageError, type CliIo } from './io.js';
import { openOutFile, TeeSink } from './out-file.js';
import { outcomeOf } from '../scenario/outcome.js';
import { lessonCommand } from './lesson.js';
import { formatSummary, formatTimeline } from './summary.js';
import { swarmsimVersion } from './version.js';

const SENTENCE_FORMS = SENTENCES.map((entry) => `  ${entry.form}`).join('\n');

/** Flags of `run`, as yargs hands them over (numbers still text). */
export interface RunArgs {
  file: string;
  seed?: string;
  until?: string;
  out?: string;
  check?: boolean;
  timeline?: boolean;
}

/** How yargs declares `run`. */
export const runUsage = {
  command: 'run <file>',
  describe: 'Run a scenario, print a summary, check its expectations',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', { type: 'string', demandOption: true, describe: 'Scenario YAML file' })
      .option('seed', { type: 'string', describe: "Random seed (default: the scenario's, else 1)" })
      .option('until', {
        type: 'string',
        describe: "Run horizon, e.g. 90s, 5m (default: the scenario's)",
      })
      .option('out', { type: 'string', describe: 'Write the NDJSON event log to this file' })
      .option('check', {
        type: 'boolean',
        describe: 'Check invariants after every event, and that replicas converged at the end',
      })
      .option('timeline', {
        type: 'boolean',
        describe: 'Also print each service\'s desired and running counts over time',
      })
      .epilogue(
        'Exit status: 0 all expectations met, 1 a step or expectation failed, 2 bad input.\n' +
          'With --check, also 1 when an invariant broke, or when a replica slot stayed short at\n' +
          'the end with nothing to explain it (see docs/scenarios.md, "Checking a run").\n\n' +
          `Expectation sentences (expect: [{at: 30s, that: ...}]):\n${SENTENCE_FORMS}`,
      ),
};

/** Runs `run`; returns the exit status. A lesson file plays as `lesson FILE --yes`. */
export function runCommand(args: RunArgs, io: CliIo): number | Promise<number> {
  if (isLessonFile(io, args.file)) {
    // A lesson is played to its end and checked as it goes: no horizon, no timeline.
    const flags = { '--until': args.until !== undefined, '--timeline': args.timeline };
    const scenarioOnly = Object.entries(flags).find(([, given]) => given)?.[0];
    if (scenarioOnly) return usageError(io, `${scenarioOnly} applies to scenarios, not lessons`);
    const { file: name, seed, out, check } = args;
    const optional = {
      ...(seed ? { seed } : {}),
      ...(out ? { out } : {}),
      ...(check ? { check } : {}),
    };
    return lessonCommand({ name, yes: true, ...optional }, io);
  }
  const seedFlag = readSeed(args.seed);
  const untilFlag = readUntil(args.until);
  const bad = flagError(io, seedFlag) ?? flagError(io, untilFlag);
  if (bad !== null) return bad;
  const loaded = loadScenarioFile(io, args.file);
  if (typeof loaded === 'number') return loaded;
  const { scenario, scenarioHash } = loaded;
  const seed = (seedFlag as number | undefined) ?? scenario.seed;
  const untilMs = (untilFlag as number | undefined) ?? scenario.untilMs;
  // Invariant checkers throw on the first violation, which ends the run as a failure below;
  // convergence can only be judged once the run is over.
  const converge = args.check ? new RunConvergenceCheck() : null;
  const observers: Observer[] = converge ? [strictInvariantObserver(), converge.observe] : [];
  const memory = new MemorySink();
  const file = openOutFile(io, args.out);
  if (typeof file === 'number') return file;
  const sink: LogSink = file ? new TeeSink([memory, file]) : memory;
  const header = { seed, scenarioHash, scenario: args.file, swarmsimVersion: swarmsimVersion() };
  const reproduce = reproduceLine(args.file, seed, args.until);
  let state: ClusterState;
  try {
    const log = new LogWriter(sink, header);
    state = runScenario(scenario, { seed, untilMs, log, observers }).sim.state;
    log.close();
    file?.commit();
  } catch (error) {
    file?.abort();
    if (error instanceof ScenarioError) {
      io.stderr(`${error.message}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.stderr(`swarmsim: the simulation stopped: ${message}\nreproduce: ${reproduce}\n`);
    return EXIT_FAILED;
  }
  const replay = replayLog(memory.lines.join('\n'));
  io.stdout(formatSummary({ ...replay, untilMs }));
  if (args.timeline) io.stdout(formatTimeline(replay.events, untilMs));
  const outcome = outcomeOf(replay.events);
  const unconverged = converge?.failures(args.file, state, untilMs, replay.events) ?? [];
  for (const line of unconverged) io.stderr(`${line}\n`);
  const passed = outcome.passed && unconverged.length === 0;
  if (args.out !== undefined) io.stdout(`log: ${args.out} (swarmsim replay ${args.out})\n`);
  if (!passed) io.stdout(`reproduce: ${reproduce}${converge ? ' --check' : ''}\n`);
  return passed ? EXIT_OK : EXIT_FAILED;
}
