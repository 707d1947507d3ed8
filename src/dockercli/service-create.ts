/**
 * `docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]`: prints the new service's full ID.
 *
 * Without `-d` docker then follows convergence with its progress display (progress.ts), where
 * the session lets virtual time pass (`swarmsim shell`); elsewhere it returns at once.
 */
import { isApiError } from '../api/errors.js';
import { createService } from '../api/service.js';
import { daemonErrorLine, failure, Printer, type DockerCommand } from './command.js';
import { specFromCreateFlags } from './create-spec.js';
import { managerGate } from './daemon.js';
import { createNetworks } from './network-flags.js';
import { finishAttached } from './progress.js';
import { CREATE_FLAGS } from './service-flags.js';
import { conversionError } from './spec-parts.js';

/** `docker service create` */
export const serviceCreate: DockerCommand = {
  path: ['service', 'create'],
  use: 'create [OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new service',
  flags: CREATE_FLAGS,
  args: { atLeast: 1 },
  interspersed: false,
  run(ctx, parsed, session) {
    const [image = '', ...args] = parsed.args;
    const built = specFromCreateFlags(parsed, image, args, session.images);
    if ('clientError' in built) return failure(built.clientError);
    const refused = managerGate(ctx, session) ?? conversionError(built.spec);
    if (refused) return failure(daemonErrorLine(refused));
    const networks = createNetworks(ctx.state, parsed);
    if ('error' in networks) return failure(networks.error);
    if (networks.length > 0) built.spec.task.networks = networks;
    const service = createService(ctx, built.spec);
    if (isApiError(service)) return failure(daemonErrorLine(service));
    const printer = new Printer();
    // The client prints the daemon's warnings and its own (an image it could not pin) first.
    if (built.warning !== undefined) printer.err(built.warning);
    printer.out(service.id);
    const targets = [{ serviceId: service.id, shownAs: service.id }];
    return finishAttached(ctx, session, parsed, printer.done(), targets);
  },
};
