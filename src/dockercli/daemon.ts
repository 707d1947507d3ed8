/**
 * What the engine on the session's node checks before it forwards a cluster request to the
 * swarm (`moby:daemon/cluster/cluster.go` errNoManager), and how it resolves names typed by the
 * user. Cluster commands call `managerGate` right where docker would first contact the daemon.
 */
import { ApiError } from '../api/errors.js';
import type { SimContext } from '../engine/simulation.js';
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
  if (node.role !== 'manager') {
    return new ApiError(
      'FailedPrecondition',
      "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster " +
        'state. Please run this command on a manager node or promote the current node to a ' +
        'manager.',
      'engine',
    );
  }
  return null;
}

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
