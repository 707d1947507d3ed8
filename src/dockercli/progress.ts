/**
 * What `docker service create/update/scale/rollback` do without `-d`: poll the service until its
 * tasks converge, then watch them for the monitor period (SWARM.md 10.4, re-expressed from the
 * CLI's `service/progress` package). Virtual time passes while it polls, through the follower the
 * shell provides; where none is provided (scenario steps) the commands stay detached.
 */
import type { SimContext } from '../engine/simulation.js';
import { replicaCount } from '../model/queries.js';
import type { Service, Task, UpdateStatus } from '../model/types.js';
import { isTaskDirty } from '../orchestrator/dirty.js';
import type { CommandOutput, DockerSession } from './command.js';
import { lastValue, type ParsedFlags } from './flags.js';
import { ProgressWriter } from './progress-output.js';
import { replicatedUpdater, globalUpdater, type ProgressUpdater } from './progress-updaters.js';

/**
 * One poll cycle: the CLI's 200 ms sleep plus its three API calls (service, tasks, nodes).
 * 209 ms reproduces the recorded `verify` countdown (fixture create-replicas: 5,5,5,5,4 lines).
 */
export const POLL_PERIOD_MS = 209;

/** The monitor period the CLI assumes when the service has none. */
const CLI_DEFAULT_MONITOR_MS = 5_000;

/** Lets virtual time pass for a command that waits. */
export interface ConvergenceFollower {
  /** true on an interactive terminal (lines redrawn, bars); false into a pipe or file. */
  terminal: boolean;
  /** Terminal width; bars need more than 110 columns. */
  columns: number;
  /** Runs the simulation up to virtual time `at` and returns the context to read. */
  advanceTo(at: number): SimContext;
  /**
   * Virtual time after which following stops as if the user pressed Ctrl-C: docker would wait
   * for ever for a service that cannot converge, a script cannot.
   */
  limitMs: number;
}

/** What following printed, and the error docker ends with (stderr, exit 1), if any. */
export interface FollowResult {
  stdout: string;
  error: string | null;
  /** swarmsim's own remark (stderr), e.g. that it stopped waiting. */
  note: string | null;
}

/**
 * Follows service `serviceId` from now until it converged and stayed so for its monitor period,
 * or its update paused. `shownAs` is how the CLI names it: the full ID after a create, the name
 * as typed after update, scale and rollback.
 */
export function followService(
  start: SimContext,
  follower: ConvergenceFollower,
  serviceId: string,
  shownAs: string,
): FollowResult {
  const out = new ProgressWriter(follower.terminal, follower.columns);
  const done = (error: string | null = null, note: string | null = null): FollowResult => ({
    stdout: out.text(),
    error,
    note,
  });
  let updater: ProgressUpdater | null = null;
  let converged = false;
  let convergedAt: number | null = null;
  const seen: StatusSeen = { converged: false, rollback: false, finalNote: null };
  const startedAt = start.now;
  for (let at = startedAt; ; at += POLL_PERIOD_MS) {
    if (at - startedAt > follower.limitMs && !converged) {
      out.write({ id: '', text: 'Operation continuing in background.' });
      out.write({ id: '', text: `Use \`docker service ps ${shownAs}\` to check progress.` });
      const limit = follower.limitMs / 1000;
      return done(null, `swarmsim: stopped waiting after ${limit} s of virtual time`);
    }
    const ctx = follower.advanceTo(at);
    const service = ctx.state.services[serviceId];
    if (!service) return done(`Error response from daemon: service ${shownAs} not found`);
    if (isJob(service)) {
      // Jobs are followed until they complete, with no verify period; swarmsim prints only the
      // final line of the CLI's job progress display.
      if (!jobComplete(ctx, service)) continue;
      out.write({ id: '', text: 'job complete' });
      return done();
    }
    const monitor = monitorOf(service);
    updater ??= 'global' in service.spec.mode ? globalUpdater() : replicatedUpdater();
    const stop = readStatus(service.updateStatus, seen, out);
    if (stop !== null) return done(stop.error);
    if (converged && convergedAt !== null && at - convergedAt >= monitor) {
      out.write({ id: 'verify', text: `Service ${shownAs} converged` });
      if (seen.finalNote !== null) {
        out.write({ id: 'rollback', text: seen.finalNote, status: true });
      }
      return done();
    }
    const tasks = upToDateTasks(ctx, service);
    converged = updater.update(out, service, tasks, activeNodes(ctx), seen.rollback);
    seen.converged = converged;
    if (converged) {
      convergedAt ??= at;
      const wait = monitor - (at - convergedAt);
      // The CLI prints wait/1s+1 with a wait a few microseconds short of whole: a ceiling.
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        const text = `Waiting ${seconds} seconds to verify that tasks are stable...`;
        out.write({ id: 'verify', text });
      }
    } else {
      if (convergedAt !== null) out.write({ id: 'verify', text: 'Detected task failure' });
      convergedAt = null;
    }
  }
}

/** What the follower has seen of the update so far. */
interface StatusSeen {
  converged: boolean;
  /** The status went through a rollback: progress counts towards the previous spec. */
  rollback: boolean;
  /** `rollback completed` before convergence: printed after the verify line. */
  finalNote: string | null;
}

/** Reads the service's UpdateStatus: a stop with docker's error (or none), or null to go on. */
function readStatus(
  status: UpdateStatus | null,
  seen: StatusSeen,
  out: ProgressWriter,
): { error: string | null } | null {
  switch (status?.state) {
    case 'updating':
      seen.rollback = false;
      return null;
    case 'completed':
      return seen.converged ? null : { error: null };
    case 'paused':
      return { error: `service update paused: ${status.message}` };
    case 'rollback_started':
      if (!seen.rollback && status.message !== '') {
        out.write({ id: 'rollback', text: status.message });
      }
      seen.rollback = true;
      return null;
    case 'rollback_paused':
      return { error: `service rollback paused: ${status.message}` };
    case 'rollback_completed':
      if (!seen.converged) seen.finalNote = status.message;
      seen.rollback = true;
      return null;
    default:
      return null;
  }
}

function isJob(service: Service): boolean {
  return 'replicatedJob' in service.spec.mode || 'globalJob' in service.spec.mode;
}

/** Whether the job's current iteration is done: every completion reached, none still due. */
function jobComplete(ctx: SimContext, service: Service): boolean {
  const count = replicaCount(ctx.state, service);
  const completed = count.completed ?? 0;
  if ('replicatedJob' in service.spec.mode) {
    return completed >= service.spec.mode.replicatedJob.totalCompletions;
  }
  return completed > 0 && count.desired === 0;
}

function monitorOf(service: Service): number {
  const monitor = service.spec.update?.monitorMs ?? 0;
  return monitor !== 0 ? monitor : CLI_DEFAULT_MONITOR_MS;
}

/**
 * The CLI's `_up-to-date` task filter: swarmkit's control API keeps the tasks that are not dirty
 * (a scale leaves the running tasks up to date; an image change does not).
 */
function upToDateTasks(ctx: SimContext, service: Service): Task[] {
  const ids = ctx.state.tasksByService[service.id] ?? [];
  return ids
    .map((id) => ctx.state.tasks[id]!)
    .filter((task) => !isTaskDirty(service, task, ctx.state.nodes[task.nodeId]));
}

/** Nodes the CLI counts: every node whose status is not Down. */
function activeNodes(ctx: SimContext): Set<string> {
  return new Set(ctx.state.nodeIds.filter((id) => ctx.state.nodes[id]!.status.state !== 'down'));
}

/**
 * The end of a create, update, scale or rollback that docker accepted: with `-d` or where time
 * cannot pass, what was printed so far; otherwise that followed by the progress display (which
 * `-q` hides while still waiting), ending with docker's error when the update paused.
 */
export function finishAttached(
  ctx: SimContext,
  session: DockerSession,
  parsed: ParsedFlags,
  printed: CommandOutput,
  targets: readonly { serviceId: string; shownAs: string }[],
): CommandOutput {
  const detach = lastValue<boolean>(parsed, 'detach') ?? false;
  if (detach || !session.follow || targets.length === 0) return printed;
  const quiet = lastValue<boolean>(parsed, 'quiet') ?? false;
  let { stdout, stderr, exitCode } = printed;
  for (const target of targets) {
    // One service after the other, as `docker service scale a=1 b=2` waits for each in turn.
    const result = followService(ctx, session.follow, target.serviceId, target.shownAs);
    if (!quiet) stdout += result.stdout;
    if (result.note !== null) stderr += `${result.note}\n`;
    if (result.error !== null) {
      stderr += `${result.error}\n`;
      exitCode = 1;
    }
  }
  return { stdout, stderr, exitCode };
}
