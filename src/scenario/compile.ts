/**
 * Puts a loaded scenario on a simulation: each step and each group of same-time expectations
 * becomes a timer. Results are recorded as events (`scenario/stepRan`,
 * `scenario/expectationChecked`), so the log alone says how the scenario went.
 */
import { attemptDockerCommand, ENGINE_DOWN, finishHungCommand } from '../dockercli/hung-command.js';
import type { CommandOutput, DockerSession } from '../dockercli/run.js';
import type { DeclaredImage } from '../agent/image-platforms.js';
import type { SimContext, Simulation } from '../engine/simulation.js';
import { listNodes, nodeByHostname } from '../model/state.js';
import { formatPosition } from './errors.js';
import type { Scenario, ScenarioExpectation } from './parse.js';
import { startChaos } from '../faults/chaos.js';
import { healAllFaults } from '../faults/inject.js';
import { isHostDown } from '../model/world.js';
import { leaderGate, LEADER_POLL_MS } from '../raft/gate.js';
import { hungWriteOutcome, HUNG_WRITE_POLL_MS, type HungWrite } from '../raft/hung-write.js';
import { SIM_COMMANDS } from './sim-commands.js';
import type { ScenarioStep } from './steps.js';

/**
 * How often an expectation checkpoint lets other work at the same instant go first before it
 * checks anyway; only a component that keeps scheduling itself at `now` can reach it.
 */
const CHECKPOINT_DEFERRALS_MAX = 10_000;

/** Schedules every step and expectation of `scenario` on `sim`, for a run ending at `untilMs`. */
export function scheduleScenario(sim: Simulation, scenario: Scenario, untilMs: number): void {
  for (const step of scenario.steps) {
    const label = `step ${formatPosition(step.position)}`;
    sim.at(step.atMs, label, (ctx) => runStep(ctx, step, scenario.images));
  }
  const byTime = new Map<number, ScenarioExpectation[]>();
  for (const item of scenario.expectations) {
    const at = item.atMs ?? untilMs;
    byTime.set(at, [...(byTime.get(at) ?? []), item]);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  for (const at of times) scheduleCheckpoint(sim, at, byTime.get(at)!, 0);
  const chaos = scenario.chaos;
  if (chaos) {
    const healAt = chaos.fromMs + chaos.forMs;
    sim.at(chaos.fromMs, 'chaos: start', (ctx) => startChaos(ctx, chaos.options, healAt));
    sim.at(healAt, 'chaos: heal all', (ctx) => void healAllFaults(ctx));
  }
}

/**
 * Checks `items` at `at` once nothing else is due at that instant, so an expectation sees every
 * step and every reaction at its time. Timers at one instant run FIFO, so re-queueing the
 * checkpoint behind the others is enough.
 */
function scheduleCheckpoint(
  sim: Simulation,
  at: number,
  items: ScenarioExpectation[],
  deferrals: number,
): void {
  sim.at(at, `expectations at ${at} ms`, (ctx) => {
    if (sim.nextTimerAt() === at && deferrals < CHECKPOINT_DEFERRALS_MAX) {
      scheduleCheckpoint(sim, at, items, deferrals + 1);
      return;
    }
    for (const item of items) {
      const { passed, actual } = item.check(ctx.state);
      ctx.emit({
        type: 'scenario/expectationChecked',
        source: formatPosition(item.position),
        expectation: item.sentence,
        passed,
        actual,
      });
    }
  });
}

/**
 * Runs one step at `ctx.now` and records what it printed; `images`: those the scenario declares,
 * which the registry holds. A docker write its leader cannot commit hangs like docker's call: the
 * step is recorded when the write commits or fails (hung-command.ts), later steps run meanwhile.
 */
export function runStep(
  ctx: SimContext,
  step: ScenarioStep,
  images: readonly DeclaredImage[] = [],
): void {
  if (waitsForLeader(ctx, step)) {
    // docker blocks while its manager waits for a leader, polling every second (raft/gate.ts).
    const label = `step ${formatPosition(step.position)} (waiting for a leader)`;
    ctx.at(ctx.now + LEADER_POLL_MS, label, (later) => runStep(later, step, images));
    return;
  }
  const attempt = execute(ctx, step, images);
  if ('hung' in attempt) awaitCommit(ctx, step, attempt.session, attempt.hung);
  else recordStep(ctx, step, attempt.output);
}

function recordStep(ctx: SimContext, step: ScenarioStep, output: CommandOutput): void {
  ctx.emit({
    type: 'scenario/stepRan',
    source: formatPosition(step.position),
    command: step.command,
    stdout: output.stdout,
    stderr: output.stderr,
    exitCode: output.exitCode,
    expectedExitCode: step.expectExit,
  });
}

/** Looks at a hung step's write every HUNG_WRITE_POLL_MS until it committed or failed. */
function awaitCommit(
  ctx: SimContext,
  step: ScenarioStep,
  session: DockerSession,
  hung: HungWrite,
): void {
  const label = `step ${formatPosition(step.position)} (waiting for a commit)`;
  ctx.at(ctx.now + HUNG_WRITE_POLL_MS, label, (later) => {
    const outcome = hungWriteOutcome(later.state, hung);
    if (outcome === 'waiting') awaitCommit(later, step, session, hung);
    else recordStep(later, step, finishHungCommand(later, step.argv, session, outcome));
  });
}

type StepAttempt = { output: CommandOutput } | { hung: HungWrite; session: DockerSession };

function execute(
  ctx: SimContext,
  step: ScenarioStep,
  images: readonly DeclaredImage[],
): StepAttempt {
  if (step.argv[0] === 'sim') {
    return { output: SIM_COMMANDS[step.argv[1]!]!.run(ctx, step.argv.slice(2)) };
  }
  const node = step.on === undefined ? leader(ctx) : nodeByHostname(ctx.state, step.on);
  if (!node) {
    // The node was in the cluster at load time but has since been removed.
    const stderr = `swarmsim: node ${step.on ?? '(leader)'} is not in the swarm\n`;
    return { output: { stdout: '', stderr, exitCode: 1 } };
  }
  if (isHostDown(ctx.state.world, node.id)) {
    // The node's engine is down (a fault): the docker client cannot reach it.
    return { output: ENGINE_DOWN };
  }
  const session: DockerSession = { nodeId: node.id, images };
  const attempt = attemptDockerCommand(ctx, step.argv, session);
  return 'hung' in attempt ? { hung: attempt.hung, session } : attempt;
}

/** True when a docker step's manager has no leader yet but has not given up waiting for one. */
function waitsForLeader(ctx: SimContext, step: ScenarioStep): boolean {
  if (step.argv[0] !== 'docker') return false;
  const node = step.on === undefined ? leader(ctx) : nodeByHostname(ctx.state, step.on);
  if (node?.role !== 'manager' || isHostDown(ctx.state.world, node.id)) return false;
  return leaderGate(ctx.state, node.id, ctx.now) === 'wait';
}

/** Commands without `on:` run on the leading manager, where a user would type them. */
function leader(ctx: SimContext) {
  const nodes = listNodes(ctx.state);
  const leading = nodes.find((node) => node.managerStatus?.leader);
  const live = nodes.find(
    (node) => node.role === 'manager' && !isHostDown(ctx.state.world, node.id),
  );
  return leading ?? live ?? nodes.find((node) => node.role === 'manager');
}
