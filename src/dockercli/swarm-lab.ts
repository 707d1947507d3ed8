/**
 * The machines around the simulated swarm, for the commands that move a machine in or out of it
 * (`docker swarm init/join/leave`). The swarm model only knows nodes; a machine outside any swarm
 * is not a node, so the shell that owns the machines lends them to these commands through this.
 */
import type { SimContext } from '../engine/simulation.js';

/** One network interface of a machine: `eth0` and its IPv4 address. */
export interface NetInterface {
  name: string;
  addr: string;
}

/** A machine with a docker engine, in a swarm or not. */
export interface LabMachine {
  hostname: string;
  interfaces: readonly NetInterface[];
  /** The node this machine is in the swarm as; null while it is outside any swarm. */
  nodeId: string | null;
}

/** The swarm's two join tokens, `SWMTKN-1-<CA digest>-<secret>`. */
export interface JoinTokens {
  worker: string;
  manager: string;
}

/** What the swarm commands may read and change besides the simulation. */
export interface SwarmLab {
  /** The machine the command runs on. */
  machine: LabMachine;
  /** Every machine, to resolve the manager address a join names. */
  machines: readonly LabMachine[];
  /** The tokens of the current swarm; null before any `docker swarm init`. */
  tokens: JoinTokens | null;
  /**
   * Where a new swarm starts: the simulation itself while it never had a swarm, a fresh one at
   * the same instant once the old swarm lost all its machines; null while another swarm lives
   * (swarmsim simulates one swarm at a time).
   */
  contextForNewSwarm(): SimContext | null;
}

/** The node of `machine` while it is still a member of the swarm, else null. */
export function memberNodeId(ctx: SimContext, machine: LabMachine): string | null {
  if (machine.nodeId === null) return null;
  return ctx.state.nodes[machine.nodeId] ? machine.nodeId : null;
}

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/** `length` base36 characters from the seeded stream `swarm/tokens`. */
function base36(ctx: SimContext, length: number): string {
  const rng = ctx.rng('swarm/tokens');
  let text = '';
  for (let i = 0; i < length; i += 1) text += BASE36[rng.int(0, 36)];
  return text;
}

/**
 * Fresh tokens for a new swarm. Like swarmkit's, both share the first part (the digest of the
 * swarm's root CA, 50 base36 characters) and differ in the 25-character secret.
 */
export function newJoinTokens(ctx: SimContext): JoinTokens {
  const digest = base36(ctx, 50);
  return { worker: token(digest, base36(ctx, 25)), manager: token(digest, base36(ctx, 25)) };
}

/** The token with a new secret and the same CA digest (`docker swarm join-token --rotate`). */
export function rotatedToken(ctx: SimContext, old: string): string {
  const digest = old.split('-')[2] ?? base36(ctx, 50);
  return token(digest, base36(ctx, 25));
}

function token(digest: string, secret: string): string {
  return `SWMTKN-1-${digest}-${secret}`;
}
