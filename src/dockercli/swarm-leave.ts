/**
 * `docker swarm join-token` and `docker swarm leave`. Leaving is, for the rest of the swarm, the
 * node falling silent for good (SWARM.md 3.8, 8): a worker's engine removes its swarm containers
 * and its agent stops heartbeating (`nodeLeave`), so managers mark it Down after the heartbeat
 * expiry and reschedule its tasks; a manager forced out stays in raft as a ghost Unreachable
 * member (`managerLoss`). Both stay listed until `docker node rm`, and no heal brings them back.
 */
import { leaveSwarm } from '../faults/inject.js';
import type { SimContext } from '../engine/simulation.js';
import { daemonErrorLine, failure, Printer, type DockerCommand } from './command.js';
import { managerGate } from './daemon.js';
import { boolFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { joinInstructions, noLab } from './swarm-init.js';
import { memberNodeId, rotatedToken } from './swarm-lab.js';

/** `docker swarm join-token` */
export const swarmJoinToken: DockerCommand = {
  path: ['swarm', 'join-token'],
  use: 'join-token [OPTIONS] (worker|manager)',
  short: 'Manage join tokens',
  flags: [boolFlag('rotate'), boolFlag('quiet', 'q')],
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const role = parsed.args[0]!;
    if (role !== 'worker' && role !== 'manager') return failure(`unknown role ${role}`);
    const refused = managerGate(ctx, session);
    if (refused) return failure(daemonErrorLine(refused));
    const lab = session.lab;
    if (!lab?.tokens) return noLab('docker swarm join-token');
    const quiet = lastValue<boolean>(parsed, 'quiet') ?? false;
    const printer = new Printer();
    if (lastValue<boolean>(parsed, 'rotate') ?? false) {
      lab.tokens = { ...lab.tokens, [role]: rotatedToken(ctx, lab.tokens[role]) };
      if (!quiet) printer.out(`Successfully rotated ${role} join token.\n`);
    }
    if (quiet) {
      printer.out(lab.tokens[role]);
      return printer.done();
    }
    const addr = ctx.state.nodes[session.nodeId]?.managerStatus?.addr ?? '';
    printer.stdout += joinInstructions(role, lab.tokens[role], addr);
    return printer.done();
  },
};

const MANAGER_LEAVING =
  'You are attempting to leave the swarm on a node that is participating as a manager. ';
const FORCE_NEW_CLUSTER =
  'The only way to restore a swarm that has lost consensus is to reinitialize it with ' +
  '`--force-new-cluster`. Use `--force` to suppress this message.';

/** `docker swarm leave` */
export const swarmLeave: DockerCommand = {
  path: ['swarm', 'leave'],
  use: 'leave [OPTIONS]',
  short: 'Leave the swarm',
  flags: [boolFlag('force', 'f')],
  args: { none: true },
  run(ctx, parsed, session) {
    const lab = session.lab;
    if (!lab) return noLab('docker swarm leave');
    const nodeId = memberNodeId(ctx, lab.machine);
    if (nodeId === null) {
      return failure('Error response from daemon: This node is not part of a swarm');
    }
    const force = lastValue<boolean>(parsed, 'force') ?? false;
    if (!force && ctx.state.nodes[nodeId]!.role === 'manager') {
      // The daemon's text ends in a space; the client trims what it prints (course recording).
      return failure(`Error response from daemon: ${managerLeaveRefusal(ctx).trimEnd()}`);
    }
    const left = leaveSwarm(ctx, nodeId);
    if (typeof left !== 'string') return failure(`swarmsim: ${left.refused}`);
    lab.machine.nodeId = null;
    const printer = new Printer();
    printer.out('Node left the swarm.');
    return printer.done();
  },
};

/** The engine's refusal text for a manager leaving without `--force` (SWARM.md 8). */
function managerLeaveRefusal(ctx: SimContext): string {
  let reachable = 0;
  let unreachable = 0;
  for (const id of ctx.state.nodeIds) {
    const status = ctx.state.nodes[id]!.managerStatus;
    if (!status) continue;
    if (status.reachability === 'unreachable') unreachable += 1;
    else if (status.leader || status.reachability === 'reachable') reachable += 1;
  }
  if (reachable - 2 <= unreachable) {
    if (reachable === 1 && unreachable === 0) {
      return (
        `${MANAGER_LEAVING}Removing the last manager erases all current state of the swarm. ` +
        'Use `--force` to ignore this message. '
      );
    }
    return (
      `${MANAGER_LEAVING}Removing this node leaves ${reachable - 1} managers out of ` +
      `${reachable + unreachable}. Without a Raft quorum your swarm will be inaccessible. ` +
      FORCE_NEW_CLUSTER
    );
  }
  return MANAGER_LEAVING + FORCE_NEW_CLUSTER;
}
