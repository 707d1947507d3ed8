/**
 * `docker service rm SERVICE [SERVICE...]`: removes each service, printing it as typed; the
 * failures are printed together at the end. There is no confirmation, and the tasks stop later.
 */
import { isApiError } from '../api/errors.js';
import { findService } from '../api/lookup.js';
import { removeService } from '../api/service.js';
import { daemonErrorLine, Printer, type DockerCommand } from './command.js';
import { managerGate, trimObjectName } from './daemon.js';

/** `docker service rm` (alias `remove`) */
export const serviceRm: DockerCommand = {
  path: ['service', 'rm'],
  aliases: ['remove'],
  use: 'rm SERVICE [SERVICE...]',
  short: 'Remove one or more services',
  flags: [],
  args: { atLeast: 1 },
  run(ctx, parsed, session) {
    const printer = new Printer();
    const errors: string[] = [];
    for (const input of parsed.args) {
      const name = trimObjectName('service', input);
      if ('error' in name) {
        errors.push(name.error);
        continue;
      }
      const refused = managerGate(ctx, session);
      const service = refused ?? findService(ctx.state, name.name);
      const removed = isApiError(service) ? service : removeService(ctx, service.id);
      if (removed) errors.push(daemonErrorLine(removed));
      else printer.out(input);
    }
    for (const error of errors) printer.err(error);
    return printer.done(errors.length > 0);
  },
};
