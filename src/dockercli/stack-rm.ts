/**
 * `docker stack rm STACK [STACK...]` (aliases `remove`, `down`): removes each stack's services
 * by name, then its default network. swarmsim has no networks, so the network line stands for
 * the `NAME_default` network docker would have created with the stack. A stack with no services
 * is reported as `Nothing found in stack` and is not an error. docker 28 does not wait for the
 * tasks to stop (`-d` defaults to true); without `-d` it would, which swarmsim does not follow.
 */
import { isApiError } from '../api/errors.js';
import { removeService } from '../api/service.js';
import { daemonErrorLine, failure, Printer, type DockerCommand } from './command.js';
import { managerGate } from './daemon.js';
import { boolFlag } from './flag-kinds.js';
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
      if (services.length === 0) {
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
      printer.out(`Removing network ${stack}_default`);
    }
    return printer.done(failed);
  },
};
