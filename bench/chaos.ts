/**
 * Chaos over many seeds (the full run behind test/faults/chaos.test.ts): each seed draws its own
 * fault mix, every invariant is checked after every event, and the swarm must settle once healed.
 * With a scenario FILE that has a `chaos:` block (e.g. scenarios/faults/chaos.yaml), each seed
 * runs that scenario and must meet all its expectations; without one, the built-in workload.
 * Prints each failure with the command that reproduces it, then one JSON line of totals.
 * Usage: npx tsx bench/chaos.ts [FILE] [--seeds 1000] [--from 1] [--seed N]
 */
import { readFileSync } from 'node:fs';
import { InvariantViolation, strictInvariantObserver } from '../src/check/invariants.js';
import { DEFAULT_CHAOS_RUN, runChaos, type ChaosRunResult } from '../src/faults/chaos-run.js';
import { NoQuiescenceError, type Observer } from '../src/engine/simulation.js';
import { availabilityFromLog } from '../src/metrics/availability.js';
import type { LoggedEvent } from '../src/model/events.js';
import { ModelViolation } from '../src/model/reduce.js';
import { parseScenario } from '../src/scenario/parse.js';
import { runScenario } from '../src/scenario/run.js';
import { printResult, timeIt } from './common.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

const file = process.argv.slice(2).find((word, index, words) => {
  return !word.startsWith('--') && !words[index - 1]?.startsWith('--');
});
const single = process.argv.includes('--seed');
const from = single ? option('--seed', 1) : option('--from', 1);
const seeds = single ? 1 : option('--seeds', 1000);
const reproduce = `npx tsx bench/chaos.ts${file ? ` ${file}` : ''}`;

/** One seed of a scenario file: its expectations and exit codes, and every invariant. */
function runFile(path: string, seed: number, observers: Observer[]): ChaosRunResult {
  const scenario = parseScenario(readFileSync(path, 'utf8'), path);
  let faults = 0;
  let failure: string | null = null;
  const watch = (_state: unknown, event: LoggedEvent): void => {
    if (event.type === 'fault/injected') faults += 1;
    if (failure === null && event.type === 'scenario/expectationChecked' && !event.passed) {
      failure = `${event.source}: ${event.expectation}, but ${event.actual}`;
    }
  };
  let events = 0;
  try {
    const all = [strictInvariantObserver(), watch, ...observers];
    const run = runScenario(scenario, { seed, observers: all });
    events = run.sim.eventCount;
  } catch (error) {
    // A broken invariant, an illegal event or a reaction loop is a swarm bug: report the seed.
    const known = [InvariantViolation, ModelViolation, NoQuiescenceError];
    if (!known.some((kind) => error instanceof kind)) throw error;
    failure = `${(error as Error).name}: ${(error as Error).message}`;
  }
  const healedAt = scenario.chaos ? scenario.chaos.fromMs + scenario.chaos.forMs : 0;
  const passed = failure === null;
  const again = passed ? null : `${reproduce} --seed ${seed}`;
  return { seed, passed, faults, healedAt, settledAt: null, failure, reproduce: again, events };
}

const { result, seconds } = timeIt(() => {
  let failed = 0;
  let faults = 0;
  let events = 0;
  for (let seed = from; seed < from + seeds; seed += 1) {
    const log: LoggedEvent[] = [];
    const observers = single ? [(_state: unknown, event: LoggedEvent) => void log.push(event)] : [];
    const run = file
      ? runFile(file, seed, observers)
      : runChaos({ ...DEFAULT_CHAOS_RUN, seed, reproduce, observers });
    faults += run.faults;
    events += run.events;
    if (single) {
      console.log(JSON.stringify(run, null, 2));
      // Availability per service, computed from the run's event log alone.
      for (const service of availabilityFromLog(log)) {
        const slowest = Math.max(0, ...service.recoveries.map((r) => r.recoveryMs ?? Infinity));
        const { degradedMs, downMs } = service;
        console.log(JSON.stringify({ service: service.service, degradedMs, downMs, slowest }));
      }
    }
    if (!run.passed) {
      failed += 1;
      console.log(`seed ${seed} FAILED: ${run.failure}\n  reproduce: ${run.reproduce}`);
    }
  }
  return { failed, faults, events };
});

printResult({
  bench: 'chaos',
  file: file ?? 'built-in workload',
  seeds,
  from,
  failed: result.failed,
  faults: result.faults,
  events: result.events,
  seconds: Math.round(seconds * 10) / 10,
});
process.exitCode = result.failed > 0 ? 1 : 0;
