/**
 * Runs a loaded scenario from start to horizon: builds the swarm it describes, schedules its
 * steps and expectations, and advances virtual time. Pure of any I/O: where the log goes and
 * which observers watch are the caller's choice.
 */
import { declaredName } from '../agent/image-platforms.js';
import type { LogWriter } from '../engine/log.js';
import type { Observer, Simulation } from '../engine/simulation.js';
import { createSwarm } from '../swarm.js';
import { ScenarioError } from './errors.js';
import { scheduleScenario } from './compile.js';
import { horizonIssues, type Scenario } from './parse.js';
import { formatDuration } from './units.js';

/** How to run a scenario: overrides, log and observers. */
export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Overrides the scenario's horizon, ms. */
  untilMs?: number;
  log?: LogWriter;
  observers?: Observer[];
}

/** A finished run: the simulation at the horizon, and the seed and horizon used. */
export interface ScenarioRun {
  sim: Simulation;
  seed: number;
  untilMs: number;
}

/** The swarm a scenario describes, with nothing scheduled yet. */
export function buildScenarioSwarm(scenario: Scenario, options: RunOptions = {}): Simulation {
  return createSwarm({
    seed: options.seed ?? scenario.seed,
    nodes: scenario.nodes,
    taskHistoryRetentionLimit: scenario.taskHistoryRetentionLimit,
    heartbeatPeriodMs: scenario.heartbeatPeriodMs,
    agent: {
      pullMsByImage: scenario.pullMsByImage,
      registryImages: scenario.images.map(declaredName),
    },
    log: options.log,
    observers: options.observers,
  });
}

/**
 * Runs `scenario` to its horizon. Throws ScenarioError when an overridden horizon would cut off
 * a step or an expectation; errors from the simulation itself propagate unchanged.
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const untilMs = options.untilMs ?? scenario.untilMs;
  const cut = horizonIssues(scenario, untilMs, `--until ${formatDuration(untilMs)}`);
  if (cut.length > 0) throw new ScenarioError(cut);
  const sim = buildScenarioSwarm(scenario, options);
  scheduleScenario(sim, scenario, untilMs);
  sim.runUntil(untilMs);
  return { sim, seed: options.seed ?? scenario.seed, untilMs };
}
