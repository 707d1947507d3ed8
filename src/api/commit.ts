/**
 * The commit point of every control-API write (SWARM.md 8): swarmkit proposes the change to raft
 * and the call returns only once a quorum has stored it. A leader that reaches no quorum keeps
 * the call waiting until the quorum is back (then it commits) or the leader steps down (then it
 * fails); see src/raft/hung-write.ts. The API cannot wait by itself, so the caller says how the
 * writes of one command meet a leader that cannot commit (`withWriteMode`):
 * - `apply` (the default, and for direct API users such as tests): the write is applied at once;
 * - `hang`: the write throws `CommitPending` before changing anything, and the caller waits;
 * - `fail`: the write returns the error the waiting call finally got.
 */
import type { ClusterState } from '../model/state.js';
import { cannotCommit } from '../raft/quorum.js';
import { ApiError } from './errors.js';

/** How the writes of the command under way meet a leader that cannot commit. */
export type WriteMode = { kind: 'apply' } | { kind: 'hang' } | { kind: 'fail'; error: ApiError };

/** Thrown by a write in `hang` mode, before it emitted anything: the call now waits. */
export class CommitPending extends Error {
  constructor() {
    super('the leader cannot commit this write now');
  }
}

/** The mode in force per swarm state; absent means `apply`. */
const modes = new WeakMap<ClusterState, WriteMode>();

/** Runs `action` with the writes on `state` in `mode`, restoring the previous mode after. */
export function withWriteMode<T>(state: ClusterState, mode: WriteMode, action: () => T): T {
  const previous = modes.get(state);
  modes.set(state, mode);
  try {
    return action();
  } finally {
    if (previous) modes.set(state, previous);
    else modes.delete(state);
  }
}

/** The mode in force on `state` (the docker layer lets a `fail` replay past its leader check). */
export function writeModeOf(state: ClusterState): WriteMode {
  return modes.get(state) ?? { kind: 'apply' };
}

/**
 * Called by each write right before it records anything: null to go ahead, the error to return
 * in `fail` mode, or, in `hang` mode while the leader cannot commit, it throws `CommitPending`.
 */
export function commitGate(state: ClusterState): ApiError | null {
  const mode = writeModeOf(state);
  // A replayed call that failed fails whatever the swarm looks like now: its proposal is gone.
  if (mode.kind === 'fail') return mode.error;
  if (mode.kind === 'apply' || !cannotCommit(state)) return null;
  throw new CommitPending();
}
