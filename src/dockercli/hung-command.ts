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
import {
  hangWrite,
  hungWriteOutcome,
  HUNG_WRITE_POLL_MS,
  LOST_LEADERSHIP_MESSAGE,
  type HungWrite,
} from '../raft/hung-write.js';
import type { CommandOutput, DockerSession } from './command.js';
import { runDockerCommand } from './run.js';

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
  if (!follower) return runIn(ctx, argv, session, { kind: 'apply' });
  const attempt = attemptDockerCommand(ctx, argv, session);
  if ('output' in attempt) return attempt.output;
  const { hung } = attempt;
  let now = ctx.now;
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

function runIn(
  ctx: SimContext,
  argv: readonly string[],
  session: DockerSession,
  mode: WriteMode,
): CommandOutput {
  return withWriteMode(ctx.state, mode, () => runDockerCommand(ctx, argv, session));
}
