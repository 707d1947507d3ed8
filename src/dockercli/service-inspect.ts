/**
 * `docker service inspect [--pretty] [--format] SERVICE...`: the Engine API object with defaults
 * inserted (`service-object.ts`), or the human page (`service-pretty.ts`).
 */
import type { Service } from '../model/types.js';
import { findService } from '../api/lookup.js';
import { isApiError } from '../api/errors.js';
import { daemonErrorLine, failure, type DockerCommand } from './command.js';
import { managerGate } from './daemon.js';
import { boolFlag, stringFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { INSPECT_FORMAT_HELP } from './help-texts.js';
import { inspectObjects, LookupFailure } from './inspect-support.js';
import { serviceObject } from './service-object.js';
import { servicePretty } from './service-pretty.js';
import type { SimContext } from '../engine/simulation.js';
import type { DockerSession } from './command.js';

/** `docker service inspect` */
export const serviceInspect: DockerCommand = {
  path: ['service', 'inspect'],
  use: 'inspect [OPTIONS] SERVICE [SERVICE...]',
  short: 'Display detailed information on one or more services',
  help: {
    options:
      INSPECT_FORMAT_HELP +
      '      --pretty          Print the information in a human friendly format\n',
  },
  flags: [stringFlag('format', 'f'), boolFlag('pretty')],
  args: { atLeast: 1 },
  run(ctx, parsed, session) {
    const pretty = lastValue<boolean>(parsed, 'pretty') ?? false;
    let format = lastValue<string>(parsed, 'format') ?? '';
    if (pretty && format !== '')
      return failure('--format is incompatible with human friendly format');
    if (pretty) format = 'pretty';
    if (format.startsWith('pretty') && format !== 'pretty') {
      return failure('Cannot supply extra formatting options to the pretty template');
    }
    if (format === 'pretty') {
      let pages = '';
      for (const ref of parsed.args) {
        const service = lookUp(ctx, session, ref);
        if (typeof service === 'string') return failure(service);
        const name = (id: string) => ctx.state.networks?.[id]?.name ?? id;
        pages += servicePretty(service, ctx.now, name);
      }
      return { stdout: pages, stderr: '', exitCode: 0 };
    }
    return inspectObjects(parsed.args, format, (ref) => {
      const service = lookUp(ctx, session, ref);
      return typeof service === 'string'
        ? new LookupFailure(service)
        : serviceObject(ctx.state, service);
    });
  },
};

/** The daemon's lookup; a missing service is reported the way the CLI rewrites it. */
function lookUp(ctx: SimContext, session: DockerSession, ref: string): Service | string {
  const refused = managerGate(ctx, session);
  if (refused) return daemonErrorLine(refused);
  const service = findService(ctx.state, ref);
  if (!isApiError(service)) return service;
  return service.code === 'NotFound' ? `Error: no such service: ${ref}` : daemonErrorLine(service);
}
