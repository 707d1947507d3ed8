/**
 * Docker commands whose write waits for a commit (src/raft/hung-write.ts): the first try runs the
 * command with its writes in `hang` mode; if one meets a leader that cannot commit, nothing was
 * recorded and the command is replayed once the outcome is known, against the swarm as it is
 * then: committed (the writes apply, and what follows, e.g. progress, runs from there) or failed
 * (each write returns the recorded error, printed as the command prints any daemon error).
 * The shell waits in virtual time here; the scenario runner waits with timers
 * (scenario/compile.ts).
 */
import { CommitPending, withWriteMode, type WriteMode } from '../api/commit.js';
import { ApiError } from '../api/errors.js';
import type { SimContext } from '../engine/simulation.js';
import { isHostDown } from '../model/world.js';
import { leaderGate, LEADER_POLL_MS } from '../raft/gate.js';
import {
  hangWrite,
  hungWriteOutcome,
  HUNG_WRITE_POLL_MS,
  LOST_LEADERSHIP_MESSAGE,
  type HungWrite,
} from '../raft/hung-write.js';
import type { CommandOutput, DockerSession } from './command.js';
import type { ConvergenceFollower } from './progress.js';
import { runDockerCommand } from './run.js';

/** What the docker client prints when its engine is down (a crash or an engine restart). */
export const ENGINE_DOWN: CommandOutput = {
  stdout: '',
  stderr:
    'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. ' +
    'Is the docker daemon running?\n',
  exitCode: 1,
};

/** Client-only invocations, answered without the engine. */
const CLIENT_ONLY = new Set(['--version', '-v', '--help', '-h', 'help']);

/** A command's first try: what it printed, or the write it now waits on. */
export type CommandAttempt = { output: CommandOutput } | { hung: HungWrite };

/** Runs a docker command; a write its leader cannot commit makes it wait instead (`hung`). */
export function attemptDockerCommand(
  ctx: SimContext,
  argv: readonly string[],
  session: DockerSession,
): CommandAttempt {
  try {
    return { output: runIn(ctx, argv, session, { kind: 'hang' }) };
  } catch (error) {
    if (!(error instanceof CommitPending)) throw error;
    const hung = hangWrite(ctx.state, session.nodeId, ctx.now);
    // cannotCommit without any leader is impossible past the leader gate; apply, as before.
    return hung ? { hung } : { output: runIn(ctx, argv, session, { kind: 'apply' }) };
  }
}

/** Replays a waiting command once its write committed or failed (`outcome`). */
export function finishHungCommand(
  ctx: SimContext,
  argv: readonly string[],
  session: DockerSession,
  outcome: 'commit' | 'fail',
): CommandOutput {
  const mode: WriteMode =
    outcome === 'commit'
      ? { kind: 'apply' }
      : { kind: 'fail', error: new ApiError('Unknown', LOST_LEADERSHIP_MESSAGE) };
  return runIn(ctx, argv, session, mode);
}

/**
 * Runs a docker command where virtual time can pass inside it (`session.follow`, the shell): a
 * hung write waits there until it commits or fails. Without a follower it cannot wait, so the
 * write applies at once as it did before.
 */
export function runDockerCommandWaiting(
  ctx: SimContext,
  argv: readonly string[],
  session: DockerSession,
): CommandOutput {
  const follower = session.follow;
  if (!follower || CLIENT_ONLY.has(argv[1] ?? '')) {
    return runIn(ctx, argv, session, { kind: 'apply' });
  }
  if (isHostDown(ctx.state.world, session.nodeId)) return ENGINE_DOWN;
  const ready = awaitLeader(ctx, session.nodeId, follower);
  if (ready === null) {
    const stderr = 'swarmsim: stopped waiting for a leader (Ctrl-C)\n';
    return { stdout: '', stderr, exitCode: 130 };
  }
  const attempt = attemptDockerCommand(ready, argv, session);
  if ('output' in attempt) return attempt.output;
  const { hung } = attempt;
  let now = ready.now;
  while (now - hung.since <= follower.limitMs) {
    now += HUNG_WRITE_POLL_MS;
    const later = follower.advanceTo(now);
    const outcome = hungWriteOutcome(later.state, hung);
    if (outcome !== 'waiting') return finishHungCommand(later, argv, session, outcome);
  }
  // Bounded by the leader's step-down in practice; a guard against waiting for ever.
  const stderr = `swarmsim: stopped waiting for the write to commit (Ctrl-C)\n`;
  return { stdout: '', stderr, exitCode: 130 };
}

/**
 * A manager with no leader to forward to blocks the call, polling every second, until one is
 * elected (src/raft/gate.ts); the shell waits in virtual time as docker does. The context to run
 * in once it may go ahead (or it fails at once, past the gate's count); null past the limit.
 */
function awaitLeader(
  ctx: SimContext,
  nodeId: string,
  follower: ConvergenceFollower,
): SimContext | null {
  // A context's `now` is live: keep the start apart.
  const start = ctx.now;
  let current = ctx;
  const waits = (state: SimContext) =>
    state.state.nodes[nodeId]?.role === 'manager' &&
    leaderGate(state.state, nodeId, state.now) === 'wait';
  while (waits(current)) {
    if (current.now - start > follower.limitMs) return null;
    current = follower.advanceTo(current.now + LEADER_POLL_MS);
  }
  return current;
}

function runIn(
  ctx: SimContext,
  argv: readonly string[],
  session: DockerSession,
  mode: WriteMode,
): CommandOutput {
  return withWriteMode(ctx.state, mode, () => runDockerCommand(ctx, argv, session));
}
