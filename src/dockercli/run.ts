// Placeholder so the tree compiles while the docker command layer is being written.
import type { SimContext } from '../engine/simulation.js';

/** What a docker command printed and returned, exactly as docker would. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The shell session a command runs in: which node the user is on. */
export interface DockerSession {
  /** Node the command runs on (a manager for cluster commands). */
  nodeId: string;
}

/**
 * Runs one docker command line (already split into words, `docker` first) against the simulated
 * swarm at `ctx.now`, emitting the events it causes, and returns its output.
 */
export function runDockerCommand(
  _ctx: SimContext,
  argv: readonly string[],
  _session: DockerSession,
): CommandOutput {
  return { stdout: '', stderr: `not implemented: ${argv.join(' ')}\n`, exitCode: 1 };
}
