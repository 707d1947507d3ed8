/**
 * `docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]`: each pair is an update of the
 * replica count; failures are collected and printed together at the end, one per line.
 *
 * Without `-d` docker then follows each scaled service in turn (progress.ts), where the session
 * lets virtual time pass (`swarmsim shell`); a wait that fails adds one more `name: error` line.
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
import { lastValue } from './flags.js';
import { parseGoUint } from './go-strconv.js';
import { followService } from './progress.js';
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
    const scaled: { serviceId: string; shownAs: string }[] = [];
    for (const arg of parsed.args) {
      const equals = arg.indexOf('=');
      const input = arg.slice(0, equals);
      const countText = arg.slice(equals + 1);
      const count = parseGoUint(countText, 10);
      if ('error' in count) {
        errors.push(`${input}: invalid replicas value ${countText}: ${count.error}`);
        continue;
      }
      const result = scaleOne(ctx, session, input, count.value);
      if ('error' in result) {
        errors.push(`${input}: ${result.error}`);
        continue;
      }
      printer.out(`${input} scaled to ${count.value}`);
      scaled.push({ serviceId: result.serviceId, shownAs: input });
    }
    const detach = lastValue<boolean>(parsed, 'detach') ?? false;
    for (const target of session.follow && !detach ? scaled : []) {
      const result = followService(ctx, session.follow!, target.serviceId, target.shownAs);
      printer.stdout += result.stdout;
      if (result.note !== null) printer.err(result.note);
      if (result.error !== null) errors.push(`${target.shownAs}: ${result.error}`);
    }
    for (const error of errors) printer.err(error);
    return printer.done(errors.length > 0);
  },
};

/** Sets one service's replica count; returns the service id or the error text. */
function scaleOne(
  ctx: SimContext,
  session: DockerSession,
  input: string,
  count: bigint,
): { serviceId: string } | { error: string } {
  const name = trimObjectName('service', input);
  if ('error' in name) return { error: name.error };
  const refused = managerGate(ctx, session);
  if (refused) return { error: daemonErrorLine(refused) };
  const service = findService(ctx.state, name.name);
  if (isApiError(service)) return { error: daemonErrorLine(service) };
  const mode = service.spec.mode;
  const spec = structuredClone(service.spec);
  if ('replicated' in mode) {
    spec.mode = { replicated: { replicas: uintAsInt64(count) } };
  } else if ('replicatedJob' in mode) {
    // Scaling a job sets how many completions it needs, and so starts a new iteration.
    const totalCompletions = uintAsInt64(count);
    spec.mode = { replicatedJob: { ...mode.replicatedJob, totalCompletions } };
  } else {
    return { error: 'scale can only be used with replicated or replicated-job mode' };
  }
  const updated = updateService(ctx, service.id, spec);
  return isApiError(updated) ? { error: daemonErrorLine(updated) } : { serviceId: service.id };
}
