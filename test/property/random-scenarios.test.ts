/**
 * Random scenarios through the whole stack (scenario text, docker commands, control API, raft,
 * orchestrators, updater, scheduler, agent, faults): every run keeps every safety invariant
 * after every event, the same seed always writes the same log, and once every fault is healed
 * and every node active, each service runs all its replicas or has an acceptable reason not to
 * (convergence.ts: no empty slot, no task pending beside a node that could take it).
 *
 * The fast-check seed is pinned (and shown in the title) so CI is reproducible; to explore
 * others, change FC_SEED. A failure prints the generated scenario, which `swarmsim run FILE
 * --check` reproduces as-is. Many small cases rather than a few long ones: NUM_RUNS is sized to
 * keep the test under ~10 s.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { strictInvariantObserver } from '../../src/check/invariants.js';
import { convergenceReport, ConvergenceWatch } from '../../src/check/convergence.js';
import { LogWriter, MemorySink } from '../../src/engine/log.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';
import { scenarioArbitrary, scenarioText, type ScenarioShape } from './random-scenario.js';
import { propertyRuns } from './runs.js';

const FC_SEED = 424242;
const NUM_RUNS = 80;

function runOnce(text: string) {
  const scenario = parseScenario(text, 'random.yaml');
  const sink = new MemorySink();
  const header = {
    seed: scenario.seed,
    scenarioHash: '',
    scenario: 'random',
    swarmsimVersion: 'test',
  };
  const log = new LogWriter(sink, header);
  const watch = new ConvergenceWatch();
  const observers = [strictInvariantObserver(), watch.observe];
  const { sim } = runScenario(scenario, { log, observers });
  const timing = { now: sim.now, watch };
  return { hash: log.close().hash, report: convergenceReport(sim.state, timing) };
}

/** An `update` step of the first service changing its image, with `--update-order order`. */
function imageUpdate(workload: string, order: string): ScenarioShape['actions'][number][1] {
  return { kind: 'update', service: 0, change: 'image', workload, order, failureAction: '' };
}

/** A replicated `alpine sleep 3600` service with every other knob at its default. */
function sleeper(replicas: number): ScenarioShape['services'][number] {
  return {
    global: false, replicas, workload: 'alpine sleep 3600', constraint: '', reserveCpu: 0,
    restart: '', maxAttempts: 0, maxPerNode: 0, updateOrder: '', rollbackOrder: '',
    failureAction: '',
  };
}

/** Counterexamples deeper runs found (SWARMSIM_PROPERTY_RUNS=2000), tried first by every run. */
const FOUND: ScenarioShape[] = [
  // A second, no-op update (the same image) right after a start-first one clears the update
  // status while the run towards the same spec goes on: its hand-over happens under no status.
  {
    seed: 1,
    managers: 1,
    workers: [],
    services: [sleeper(1)],
    actions: [
      [1, imageUpdate('alpine sleep 3600', 'start-first')],
      [1, imageUpdate('alpine sleep 3600', '')],
    ],
  },
  // The same, but the second update makes the order stop-first: it overtakes the start-first
  // run, whose replacement (already being started) runs beside the old task until the new,
  // stop-first run reaches that slot.
  {
    seed: 1,
    managers: 1,
    workers: [],
    services: [sleeper(6)],
    actions: [
      [1, imageUpdate('alpine sleep 3600', 'start-first')],
      [1, imageUpdate('alpine sleep 3600', 'stop-first')],
    ],
  },
  // Scaled to 0 and straight back to 1 under restart condition none: swarmkit counts the
  // removed task as the slot's and makes none, and the service stays at 0/1 for good, as the
  // real engine did (scale-restart-none); the judge must accept that, not call it a stall.
  {
    seed: 1,
    managers: 1,
    workers: [],
    services: [{ ...sleeper(1), restart: 'none' }],
    actions: [
      [1, { kind: 'scale', service: 0, replicas: 0 }],
      [1, { kind: 'scale', service: 0, replicas: 1 }],
    ],
  },
  // A global service whose tasks end at once (restart none) is updated while a worker is down,
  // then quorum is lost and regained: the new leader's rolling update, blocked on the worker's
  // node, and a node event's reconcile both replace worker2's ended task, and both replacements
  // run (global-pair.ts), as swarmkit's would.
  {
    seed: 1,
    managers: 2,
    workers: [
      { cpus: 1, memoryGiB: 1, zone: 'a' },
      { cpus: 1, memoryGiB: 1, zone: 'a' },
    ],
    services: [
      { ...sleeper(0), global: true, workload: 'alpine', restart: 'none' },
      sleeper(0),
    ],
    actions: [
      [5, {
        kind: 'update', service: 0, change: 'image', workload: 'alpine sleep 3600', order: '',
        failureAction: 'continue',
      }],
      [52, { kind: 'crash', worker: 0 }],
      [10, { kind: 'restart', worker: 0, downtimeS: 5 }],
      [34, { kind: 'partition', node: 0 }],
      [10, { kind: 'partition', node: 2 }],
    ],
  },
  // A drain during a start-first hand-over restarts both of the slot's tasks, and an update to
  // another spec follows: the two old-spec copies run side by side once the node is back, until
  // the new run reaches their slot (start-first.ts, leftovers).
  {
    seed: 1,
    managers: 1,
    workers: [],
    services: [sleeper(2)],
    actions: [
      [45, { kind: 'availability', node: 0, availability: 'drain' }],
      [44, { kind: 'update', service: 0, change: 'force', workload: 'alpine sleep 3600',
        order: 'start-first', failureAction: '' }],
      [45, imageUpdate('alpine sleep 3600', '')],
    ],
  },
  // Quorum lost during an update of a service whose tasks have used up MaxAttempts: the new
  // leader's reconcile refills a slot (its restart history starts empty), and the old leader's
  // update run, had it survived the leader change, would have replaced that slot again.
  {
    seed: 1,
    managers: 2,
    workers: [],
    services: [{ ...sleeper(3), workload: 'alpine', maxAttempts: 2 }],
    actions: [
      [16, { kind: 'partition', node: 0 }],
      [15, { kind: 'update', service: 0, change: 'image', workload: 'nginx', order: '',
        failureAction: '' }],
    ],
  },
  // A start-first forced update, a no-op update and a rollback: the restored spec equals the
  // run's, which goes on start-first under rollback_started (start-first.ts, hand-over).
  {
    seed: 1,
    managers: 1,
    workers: [],
    services: [sleeper(2)],
    actions: [
      [45, { kind: 'rollback', service: 0 }],
      [44, { kind: 'update', service: 0, change: 'force', workload: 'alpine sleep 3600',
        order: 'start-first', failureAction: '' }],
      [44, imageUpdate('alpine sleep 3600', '')],
      [1, imageUpdate('alpine sleep 3600', '')],
    ],
  },
  // A stop-first update overtakes a start-first one while a worker is down: the restart
  // supervisor replaces the down worker's task with the current spec, and the run, working on
  // the slot list it took before, makes its own replacement too (stale-slots.ts).
  {
    seed: 11700,
    managers: 1,
    workers: [{ cpus: 1, memoryGiB: 1, zone: 'a' }],
    services: [{ ...sleeper(2), updateOrder: 'start-first' }, sleeper(0)],
    actions: [
      [27, { kind: 'update', service: 0, change: 'image', workload: 'alpine sleep 3600',
        order: 'stop-first', failureAction: '' }],
      [22, { kind: 'update', service: 0, change: 'image', workload: 'nginx', order: '',
        failureAction: '' }],
      [15, { kind: 'restart', worker: 0, downtimeS: 20 }],
    ],
  },
];

describe(`random scenarios (fast-check seed ${FC_SEED})`, () => {
  it('keep every invariant, replay identically, and converge once healed', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (shape) => {
        const text = scenarioText(shape);
        const first = runOnce(text);
        const second = runOnce(text);
        expect(second.hash, text).toBe(first.hash);
        const unexplained = first.report.flatMap((entry) => entry.unexplained);
        expect(unexplained, text).toEqual([]);
      }),
      {
        ...propertyRuns(FC_SEED, NUM_RUNS),
        examples: FOUND.map((shape): [ScenarioShape] => [shape]),
      },
    );
  });
});
