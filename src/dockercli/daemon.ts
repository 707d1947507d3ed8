/**
 * What the engine on the session's node checks before it forwards a cluster request to the
 * swarm (`moby:daemon/cluster/cluster.go` errNoManager), and how it resolves names typed by the
 * user. Cluster commands call `managerGate` right where docker would first contact the daemon.
 */
import { writeModeOf } from '../api/commit.js';
import { ApiError } from '../api/errors.js';
import type { SimContext } from '../engine/simulation.js';
import { leaderGate } from '../raft/gate.js';
import { NO_LEADER_MESSAGE } from '../raft/quorum.js';
import type { DockerSession } from './command.js';

/** null when the session's node is a manager that can serve cluster requests. */
export function managerGate(ctx: SimContext, session: DockerSession): ApiError | null {
  const node = ctx.state.nodes[session.nodeId];
  if (!node) {
    return new ApiError(
      'FailedPrecondition',
      'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to ' +
        'connect this node to swarm and try again.',
      'engine',
    );
  }
  // A manager a forced new cluster removed from raft works as a worker until it rejoins.
  if (node.role !== 'manager' || !node.managerStatus) {
    return new ApiError(
      'FailedPrecondition',
      "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster " +
        'state. Please run this command on a manager node or promote the current node to a ' +
        'manager.',
      'engine',
    );
  }
  // A hung write being replayed to its failure passed this check when it was made.
  if (writeModeOf(ctx.state).kind === 'fail') return null;
  // Every manager call is forwarded to the raft leader first (src/raft/gate.ts).
  const gate = leaderGate(ctx.state, node.id, ctx.now);
  if (gate === 'fail') return new ApiError('Unknown', NO_LEADER_MESSAGE);
  if (gate === 'wait') return new ApiError('Unknown', LEADER_WAIT_MESSAGE, 'engine');
  return null;
}

/**
 * What a call printed while docker would still be waiting for a leader: the simulated CLI
 * cannot block, so it says so (the scenario runner retries such steps every second instead).
 */
export const LEADER_WAIT_MESSAGE =
  'swarmsim: the swarm has no leader yet; docker would keep waiting (polling every 1 s) for one';

/**
 * The docker client trims what the user typed and refuses an empty name before any request
 * (`moby:client/utils.go` trimID); that error is the client's, printed without the daemon prefix.
 */
export function trimObjectName(
  kind: 'service' | 'node',
  input: string,
): { name: string } | { error: string } {
  const name = input.trim();
  return name === '' ? { error: `invalid ${kind} name or ID: value is empty` } : { name };
}
