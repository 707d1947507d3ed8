/**
 * `swarmsim chaos [FILE] --seeds N`: chaos over many seeds. Each seed draws its own fault mix;
 * every invariant is checked after every event, and once everything is healed the swarm must
 * settle. With a scenario FILE (which must have a `chaos:` block), each seed runs that scenario
 * and must also meet its expectations; without a FILE, a built-in workload. Every failure is
 * printed with its seed and the command that reproduces it.
 */
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { InvariantViolation, strictInvariantObserver } from '../check/invariants.js';
import { NoQuiescenceError, type Observer } from '../engine/simulation.js';
import { DEFAULT_CHAOS_RUN, runChaos, type ChaosRunResult } from '../faults/chaos-run.js';
import { availabilityFromLog } from '../metrics/availability.js';
import type { LoggedEvent } from '../model/events.js';
import { ModelViolation } from '../model/reduce.js';
import { failureLines, outcomeOf } from '../scenario/outcome.js';
import { parseScenario, type Scenario } from '../scenario/parse.js';
import { runScenario } from '../scenario/run.js';
import { flagError, loadScenarioFile, readSeed } from './common.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, usageError, type CliIo } from './io.js';

/** Flags of `chaos`, as yargs hands them over (numbers still text). */
export interface ChaosArgs {
  file?: string;
  seeds: string;
  from?: string;
  seed?: string;
}

/** How yargs declares `chaos`. */
export const chaosUsage = {
  command: 'chaos [file]',
  describe: 'Run random faults over many seeds; every run must keep the invariants and heal',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', { type: 'string', describe: 'Scenario YAML with a chaos: block' })
      .option('seeds', { type: 'string', default: '100', describe: 'How many seeds to run' })
      .option('from', { type: 'string', describe: 'First seed (default 1)' })
      .option('seed', { type: 'string', describe: 'Run this one seed and show its details' })
      .epilogue('Exit status: 0 every seed passed, 1 one failed, 2 bad input.'),
};

/** What a sweep found. */
export interface ChaosSweep {
  runs: ChaosRunResult[];
  failed: ChaosRunResult[];
}

/**
 * Runs seeds `from`..`from + seeds - 1` of `scenario` (or the built-in workload when null).
 * `observersFor` adds observers to one seed's run (e.g. to keep its log).
 */
export function sweepChaos(
  scenario: Scenario | null,
  from: number,
  seeds: number,
  reproduce: string,
  observersFor: (seed: number) => Observer[] = () => [],
): ChaosSweep {
  const runs: ChaosRunResult[] = [];
  for (let seed = from; seed < from + seeds; seed += 1) {
    const observers = observersFor(seed);
    runs.push(
      scenario
        ? runScenarioSeed(scenario, seed, reproduce, observers)
        : runChaos({ ...DEFAULT_CHAOS_RUN, seed, reproduce, observers }),
    );
  }
  return { runs, failed: runs.filter((run) => !run.passed) };
}

/** One seed of a scenario file: its steps and expectations, and every invariant after every event. */
function runScenarioSeed(
  scenario: Scenario,
  seed: number,
  reproduce: string,
  observers: Observer[],
): ChaosRunResult {
  const log: LoggedEvent[] = [];
  const keep: Observer = (_state, event) => void log.push(event);
  let failure: string | null = null;
  try {
    runScenario(scenario, { seed, observers: [strictInvariantObserver(), keep, ...observers] });
    failure = failureLines(outcomeOf(log))[0] ?? null;
  } catch (error) {
    // A broken invariant, an illegal event or a reaction loop is a swarm bug: report the seed.
    const known = [InvariantViolation, ModelViolation, NoQuiescenceError];
    if (!known.some((kind) => error instanceof kind)) throw error;
    failure = `${(error as Error).name}: ${(error as Error).message}`;
  }
  const faults = log.filter((event) => event.type === 'fault/injected').length;
  const events = log.length;
  const healedAt = scenario.chaos ? scenario.chaos.fromMs + scenario.chaos.forMs : 0;
  const passed = failure === null;
  const again = passed ? null : `${reproduce} --seed ${seed}`;
  return { seed, passed, faults, healedAt, settledAt: null, failure, reproduce: again, events };
}

/** Runs `chaos`; returns the exit status. */
export function chaosCommand(args: ChaosArgs, io: CliIo): number {
  const seeds = readSeed(args.seeds, '--seeds');
  const from = readSeed(args.from, '--from');
  const single = readSeed(args.seed);
  const bad = flagError(io, seeds) ?? flagError(io, from) ?? flagError(io, single);
  if (bad !== null) return bad;
  if (seeds === 0) return usageError(io, '--seeds must be at least 1');
  let scenario: Scenario | null = null;
  if (args.file !== undefined) {
    const loaded = loadScenarioFile(io, args.file);
    if (typeof loaded === 'number') return loaded;
    scenario = loaded.scenario;
    if (scenario.chaos === null) {
      // Without one, every seed would run the same fault-free scenario and "pass".
      io.stderr(`${args.file}: no chaos: block; chaos draws faults from it ` +
        '(see scenarios/faults/chaos.yaml)\n');
      return EXIT_USAGE;
    }
  }
  const reproduce = `swarmsim chaos${args.file === undefined ? '' : ` ${args.file}`}`;
  if (single !== undefined) return showOneSeed(io, scenario, single as number, reproduce);
  const first = (from as number | undefined) ?? 1;
  const sweep = sweepChaos(scenario, first, seeds as number, reproduce);
  for (const run of sweep.failed) {
    io.stdout(`seed ${run.seed} FAILED: ${run.failure}\n  reproduce: ${run.reproduce}\n`);
  }
  const faults = sweep.runs.reduce((sum, run) => sum + run.faults, 0);
  io.stdout(
    `chaos: ${sweep.runs.length} seeds from ${first}, ${faults} faults injected, ` +
      `${sweep.failed.length} failed\n`,
  );
  return sweep.failed.length === 0 ? EXIT_OK : EXIT_FAILED;
}

/** One seed in detail: its result and, from its log, each service's availability. */
function showOneSeed(io: CliIo, scenario: Scenario | null, seed: number, reproduce: string): number {
  const log: LoggedEvent[] = [];
  const sweep = sweepChaos(scenario, seed, 1, reproduce, () => [(_state, event) => void log.push(event)]);
  const run = sweep.runs[0]!;
  io.stdout(`${JSON.stringify(run, null, 2)}\n`);
  for (const service of availabilityFromLog(log)) {
    const slowest = Math.max(0, ...service.recoveries.map((r) => r.recoveryMs ?? Infinity));
    const { degradedMs, downMs } = service;
    io.stdout(`${JSON.stringify({ service: service.service, degradedMs, downMs, slowestRecoveryMs: slowest })}\n`);
  }
  return run.passed ? EXIT_OK : EXIT_FAILED;
}

/** Loads a scenario for callers outside the CLI (the benchmark); throws ScenarioError. */
export function loadChaosScenario(path: string): Scenario {
  return parseScenario(readFileSync(path, 'utf8'), path);
}
