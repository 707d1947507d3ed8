/**
 * One chaos run in two phases (STYLE.md 14, TigerBeetle's VOPR):
 * - safety: the workload starts, then faults are drawn from the seed for `faultsMs`; every
 *   invariant is checked after every event (an InvariantViolation ends the run);
 * - liveness: every fault is healed and the swarm must settle (`pendingReason` null) within
 *   `convergenceMsMax` of virtual time, else the run reports what is still pending.
 * A failed run names its seed and the command that reproduces it.
 */
import { strictInvariantObserver } from '../check/invariants.js';
import { runDockerCommand } from '../dockercli/run.js';
import type { LogWriter } from '../engine/log.js';
import type { Observer } from '../engine/simulation.js';
import { nodeByHostname } from '../model/state.js';
import type { SimTime } from '../model/types.js';
import { createSwarm, type NodeDefinition } from '../swarm.js';
import { DEFAULT_CHAOS, startChaos, type ChaosOptions } from './chaos.js';
import { healAllFaults } from './inject.js';
import { pendingReason } from './liveness.js';

/** What a chaos run does. */
export interface ChaosRunOptions {
  seed: number;
  nodes: NodeDefinition[];
  /** Docker commands run at time 0 on the first manager, e.g. `docker service create ...`. */
  setup: string[];
  chaos?: ChaosOptions;
  /** When faults start, ms (the workload settles first). */
  faultsFromMs?: SimTime;
  /** How long faults are drawn, ms. */
  faultsMs: number;
  /** Longest time the swarm may take to settle once healed, ms. */
  convergenceMsMax: number;
  log?: LogWriter;
  observers?: Observer[];
  /** The command line that reproduces this run, without `--seed`; printed on failure. */
  reproduce?: string;
}

/** How a chaos run ended. */
export interface ChaosRunResult {
  seed: number;
  /** True when every invariant held and the swarm settled in time. */
  passed: boolean;
  /** Faults injected. */
  faults: number;
  /** When everything was healed, ms. */
  healedAt: SimTime;
  /** When the swarm had settled, ms; null if it never did. */
  settledAt: SimTime | null;
  /** What the swarm was still waiting for at the deadline, or the invariant that broke. */
  failure: string | null;
  /** How to reproduce it (only for a failed run). */
  reproduce: string | null;
  events: number;
}

/** Runs one seed through both phases and reports; never throws for a swarm bug. */
export function runChaos(options: ChaosRunOptions): ChaosRunResult {
  let faults = 0;
  const faultsFromMs = options.faultsFromMs ?? 30_000;
  const healedAt = faultsFromMs + options.faultsMs;
  const sim = createSwarm({
    seed: options.seed,
    nodes: options.nodes,
    log: options.log,
    observers: [
      strictInvariantObserver(),
      (_state, event) => void (faults += event.type === 'fault/injected' ? 1 : 0),
      ...(options.observers ?? []),
    ],
  });
  const seed = options.seed;
  const result = (failure: string | null, settledAt: SimTime | null): ChaosRunResult => ({
    seed,
    passed: failure === null,
    faults,
    healedAt,
    settledAt,
    failure,
    reproduce: failure === null ? null : `${options.reproduce ?? 'swarmsim chaos'} --seed ${seed}`,
    events: sim.eventCount,
  });
  try {
    const manager = options.nodes.find((node) => node.role === 'manager')!;
    const session = { nodeId: nodeByHostname(sim.state, manager.hostname)!.id };
    for (const line of options.setup) runDockerCommand(sim.ctx, line.split(/\s+/), session);
    const chaos = options.chaos ?? DEFAULT_CHAOS;
    sim.at(faultsFromMs, 'chaos: start', (ctx) => startChaos(ctx, chaos, healedAt));
    sim.runUntil(healedAt);
    sim.at(healedAt, 'chaos: heal all', (ctx) => void healAllFaults(ctx));
    const deadline = healedAt + options.convergenceMsMax;
    for (let at = healedAt; at <= deadline; at += 1000) {
      sim.runUntil(at);
      if (at > healedAt && pendingReason(sim.state) === null) return result(null, at);
    }
    const pending = pendingReason(sim.state);
    return result(`not settled ${options.convergenceMsMax} ms after healing: ${pending}`, null);
  } catch (error) {
    // A broken invariant, an illegal event, a reaction loop or any other error thrown while the
    // swarm runs is a swarm bug: report it with the seed that reproduces it.
    if (error instanceof Error) return result(`${error.name}: ${error.message}`, null);
    throw error;
  }
}

/**
 * The default chaos workload: Play with Docker's 3 managers + 2 workers running a replicated
 * web tier, a small cache and a global agent; 5 minutes of faults, then 3 minutes to settle.
 */
export const DEFAULT_CHAOS_RUN: Readonly<Omit<ChaosRunOptions, 'seed'>> = {
  nodes: [
    { hostname: 'manager1', role: 'manager' },
    { hostname: 'manager2', role: 'manager' },
    { hostname: 'manager3', role: 'manager' },
    { hostname: 'worker1', role: 'worker' },
    { hostname: 'worker2', role: 'worker' },
  ],
  setup: [
    'docker service create --name web --replicas 6 nginx',
    'docker service create --name cache --replicas 2 redis',
    'docker service create --name agent --mode global busybox sleep 1d',
  ],
  faultsMs: 300_000,
  convergenceMsMax: 180_000,
};
