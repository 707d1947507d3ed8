/**
 * `docker network rm [-f] NETWORK...` on the session's node: removes each network, printing it as
 * typed, and reports each failure on stderr; any failure ends with the CLI's `exit status 1`.
 * A swarm network in use by a service (or a live task) is refused with swarmkit's text. The
 * routing-mesh network asks for confirmation first; swarmsim's shell has no terminal to answer,
 * so it is kept, as docker does when stdin gives no answer. Predefined networks are refused.
 */
import { isApiError } from '../api/errors.js';
import { removeLocalNetwork, removeSwarmNetwork } from '../network/control.js';
import type { SimContext } from '../engine/simulation.js';
import { daemonErrorLine, Printer, type DockerCommand, type DockerSession } from './command.js';
import { managerGate } from './daemon.js';
import { boolFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { findNodeNetwork } from './network-view.js';

const INGRESS_PROMPT =
  'WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm ' +
  'run the same docker engine version. Otherwise, removal may not be effective and ' +
  'functionality of newly create ingress networks will be impaired.\n' +
  'Are you sure you want to continue? [y/N] ';

/** `docker network rm` (alias `remove`) */
export const networkRm: DockerCommand = {
  path: ['network', 'rm'],
  aliases: ['remove'],
  use: 'rm NETWORK [NETWORK...]',
  short: 'Remove one or more networks',
  flags: [boolFlag('force', 'f')],
  args: { atLeast: 1 },
  run(ctx, parsed, session) {
    const force = lastValue<boolean>(parsed, 'force') ?? false;
    const printer = new Printer();
    let failed = false;
    for (const ref of parsed.args) {
      const result = removeOne(ctx, session, ref, force);
      if (result === 'prompted') printer.stdout += INGRESS_PROMPT;
      else if (result === null) printer.out(ref);
      else {
        printer.err(result);
        failed = true;
      }
    }
    if (failed) printer.err('exit status 1');
    return printer.done(failed);
  },
};

/** Removes one network: null when done, `prompted` when left alone, else the error line. */
function removeOne(
  ctx: SimContext,
  session: DockerSession,
  ref: string,
  force: boolean,
): string | null | 'prompted' {
  const node = ctx.state.nodes[session.nodeId];
  const view = node ? findNodeNetwork(ctx.state, node, ref) : undefined;
  if (!view) return force ? null : `Error response from daemon: network ${ref} not found`;
  const network = view.network;
  if (!network) {
    const why = 'is a pre-defined network and cannot be removed';
    return `Error response from daemon: ${view.name} ${why}`;
  }
  if (network.scope === 'local') return removeLocalNetwork(ctx, network);
  if (network.ingress) return 'prompted';
  const refused = managerGate(ctx, session) ?? removeSwarmNetwork(ctx, network);
  return isApiError(refused) ? daemonErrorLine(refused) : null;
}
