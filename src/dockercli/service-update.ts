/**
 * `docker service update [OPTIONS] SERVICE`, `docker service rollback SERVICE`: both print the
 * service as typed.
 *
 * Without `-d` docker then follows the rolling update with its progress display (progress.ts),
 * where the session lets virtual time pass (`swarmsim shell`); elsewhere both return at once.
 */
import { isApiError, type ApiError } from '../api/errors.js';
import { findService } from '../api/lookup.js';
import { updateService } from '../api/service.js';
import type { SimContext } from '../engine/simulation.js';
import type { Service } from '../model/types.js';
import {
  daemonErrorLine,
  failure,
  Printer,
  type CommandOutput,
  type DockerCommand,
  type DockerSession,
} from './command.js';
import { boolFlag } from './flag-kinds.js';
import { lastValue, type ParsedFlags } from './flags.js';
import { managerGate, trimObjectName } from './daemon.js';
import { updateNetworks } from './network-flags.js';
import { finishAttached } from './progress.js';
import { UPDATE_FLAGS } from './service-flags.js';
import { conversionError } from './spec-parts.js';
import { specFromUpdateFlags } from './update-spec.js';

/** Flags that may accompany `--rollback`. */
const ROLLBACK_COMPANIONS = ['rollback', 'detach', 'quiet'];

/** `docker service update` */
export const serviceUpdate: DockerCommand = {
  path: ['service', 'update'],
  use: 'update [OPTIONS] SERVICE',
  short: 'Update a service',
  flags: UPDATE_FLAGS,
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const input = parsed.args[0]!;
    const found = lookUpService(ctx, session, input);
    if ('output' in found) return found.output;
    const rollback = lastValue<boolean>(parsed, 'rollback') ?? false;
    if (rollback && otherFlagsGiven(parsed)) {
      return failure('other flags may not be combined with --rollback');
    }
    const built = specFromUpdateFlags(found.service.spec, parsed, session.images);
    if ('clientError' in built) return failure(built.clientError);
    const networkError = updateNetworks(ctx.state, built.spec, parsed);
    if (networkError) return failure(networkError);
    const invalid = conversionError(built.spec);
    if (invalid) return failure(daemonErrorLine(invalid));
    const result = updateService(ctx, found.service.id, built.spec, { rollback });
    return followUpdated(ctx, session, parsed, input, result, built.warning);
  },
};

/** `docker service rollback`: an update that swaps back to the previous spec. */
export const serviceRollback: DockerCommand = {
  path: ['service', 'rollback'],
  use: 'rollback [OPTIONS] SERVICE',
  short: "Revert changes to a service's configuration",
  flags: [boolFlag('quiet', 'q'), boolFlag('detach', 'd')],
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const input = parsed.args[0]!;
    const found = lookUpService(ctx, session, input);
    if ('output' in found) return found.output;
    const { service } = found;
    const result = updateService(ctx, service.id, service.spec, { rollback: true });
    return followUpdated(ctx, session, parsed, input, result);
  },
};

/** The client's empty-name check, the engine's manager check, then the service lookup. */
export function lookUpService(
  ctx: SimContext,
  session: DockerSession,
  input: string,
): { service: Service } | { output: CommandOutput } {
  const name = trimObjectName('service', input);
  if ('error' in name) return { output: failure(name.error) };
  const refused = managerGate(ctx, session);
  if (refused) return { output: failure(daemonErrorLine(refused)) };
  const service = findService(ctx.state, name.name);
  if (isApiError(service)) return { output: failure(daemonErrorLine(service)) };
  return { service };
}

function otherFlagsGiven(parsed: ParsedFlags): boolean {
  return Object.keys(parsed.values).some((name) => !ROLLBACK_COMPANIONS.includes(name));
}

/** The printed name, then (without `-d`) the progress until the service converged. */
function followUpdated(
  ctx: SimContext,
  session: DockerSession,
  parsed: ParsedFlags,
  input: string,
  result: Service | ApiError,
  warning?: string,
): CommandOutput {
  const printed = printUpdated(input, result, warning);
  if (isApiError(result)) return printed;
  return finishAttached(ctx, session, parsed, printed, [{ serviceId: result.id, shownAs: input }]);
}

/**
 * Docker prints the service as the user typed it once the daemon accepted the change, after
 * the warnings (an image it could not pin).
 */
function printUpdated(input: string, result: Service | ApiError, warning?: string): CommandOutput {
  if (isApiError(result)) return failure(daemonErrorLine(result));
  const printer = new Printer();
  if (warning !== undefined) printer.err(warning);
  printer.out(input);
  return printer.done();
}
