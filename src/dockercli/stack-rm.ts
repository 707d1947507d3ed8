/**
 * `docker stack rm STACK [STACK...]` (aliases `remove`, `down`): removes each stack's services
 * by name, then its networks (those labelled with its namespace) by name. A stack with neither
 * is reported as `Nothing found in stack` and is not an error. docker 28 does not wait for the
 * tasks to stop (`-d` defaults to true); without `-d` it would, which swarmsim does not follow.
 */
import { isApiError } from '../api/errors.js';
import { removeService } from '../api/service.js';
import { removeSwarmNetwork } from '../network/control.js';
import { daemonErrorLine, failure, Printer, type DockerCommand } from './command.js';
import { managerGate } from './daemon.js';
import { boolFlag } from './flag-kinds.js';
import { stackNetworks } from './stack-networks.js';
import { stackServices } from './stack-support.js';

/** `docker stack rm` */
export const stackRm: DockerCommand = {
  path: ['stack', 'rm'],
  aliases: ['remove', 'down'],
  use: 'rm [OPTIONS] STACK [STACK...]',
  short: 'Remove one or more stacks',
  help: {
    aliases: 'docker stack rm, docker stack remove, docker stack down',
    options: '  -d, --detach   Do not wait for stack removal (default true)\n',
  },
  flags: [boolFlag('detach', 'd')],
  args: { atLeast: 1 },
  run(ctx, parsed, session) {
    const refused = managerGate(ctx, session);
    if (refused) return failure(daemonErrorLine(refused));
    const printer = new Printer();
    let failed = false;
    for (const stack of parsed.args) {
      const services = stackServices(ctx.state, stack);
      const networks = stackNetworks(ctx.state, stack);
      if (services.length === 0 && networks.length === 0) {
        printer.err(`Nothing found in stack: ${stack}`);
        continue;
      }
      for (const service of services) {
        printer.out(`Removing service ${service.spec.name}`);
        const removed = removeService(ctx, service.id);
        if (isApiError(removed)) {
          printer.err(`Failed to remove service ${service.id}: ${daemonErrorLine(removed)}`);
          failed = true;
        }
      }
      for (const network of networks) {
        printer.out(`Removing network ${network.name}`);
        const removed = removeSwarmNetwork(ctx, network);
        if (isApiError(removed)) {
          printer.err(`Failed to remove network ${network.id}: ${daemonErrorLine(removed)}`);
          failed = true;
        }
      }
    }
    return printer.done(failed);
  },
};
