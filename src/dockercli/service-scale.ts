/**
 * `docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]`: each pair is an update of the
 * replica count; failures are collected and printed together at the end, one per line.
 *
 * Real docker then waits for each scaled service to converge unless `-d` is given; the progress
 * display is a later piece of work, so for now scale always behaves as detached.
 */
import { isApiError } from '../api/errors.js';
import { findService } from '../api/lookup.js';
import { updateService } from '../api/service.js';
import type { SimContext } from '../engine/simulation.js';
import {
  commandPath,
  daemonErrorLine,
  Printer,
  useLine,
  type DockerCommand,
  type DockerSession,
} from './command.js';
import { managerGate, trimObjectName } from './daemon.js';
import { boolFlag } from './flag-kinds.js';
import { parseGoUint } from './go-strconv.js';
import { uintAsInt64 } from './spec-parts.js';

/** `docker service scale` */
export const serviceScale: DockerCommand = {
  path: ['service', 'scale'],
  use: 'scale SERVICE=REPLICAS [SERVICE=REPLICAS...]',
  short: 'Scale one or multiple replicated services',
  flags: [boolFlag('detach', 'd')],
  args: { atLeast: 1 },
  checkArgs(args) {
    const bad = args.find((arg) => {
      const equals = arg.indexOf('=');
      return equals <= 0 || equals === arg.length - 1;
    });
    if (bad === undefined) return null;
    const stderr =
      `invalid scale specifier '${bad}'.\nSee '${commandPath(serviceScale)} --help'.\n\n` +
      `Usage:  ${useLine(serviceScale)}\n\n${serviceScale.short}\n`;
    return { stdout: '', stderr, exitCode: 1 };
  },
  run(ctx, parsed, session) {
    const printer = new Printer();
    const errors: string[] = [];
    for (const arg of parsed.args) {
      const equals = arg.indexOf('=');
      const input = arg.slice(0, equals);
      const countText = arg.slice(equals + 1);
      const count = parseGoUint(countText, 10);
      if ('error' in count) {
        errors.push(`${input}: invalid replicas value ${countText}: ${count.error}`);
        continue;
      }
      const error = scaleOne(ctx, session, input, count.value);
      if (error) errors.push(`${input}: ${error}`);
      else printer.out(`${input} scaled to ${count.value}`);
    }
    for (const error of errors) printer.err(error);
    return printer.done(errors.length > 0);
  },
};

/** Sets one service's replica count; returns the error text, or null. */
function scaleOne(
  ctx: SimContext,
  session: DockerSession,
  input: string,
  count: bigint,
): string | null {
  const name = trimObjectName('service', input);
  if ('error' in name) return name.error;
  const refused = managerGate(ctx, session);
  if (refused) return daemonErrorLine(refused);
  const service = findService(ctx.state, name.name);
  if (isApiError(service)) return daemonErrorLine(service);
  if (!('replicated' in service.spec.mode)) {
    return 'scale can only be used with replicated or replicated-job mode';
  }
  const spec = structuredClone(service.spec);
  spec.mode = { replicated: { replicas: uintAsInt64(count) } };
  const updated = updateService(ctx, service.id, spec);
  return isApiError(updated) ? daemonErrorLine(updated) : null;
}
