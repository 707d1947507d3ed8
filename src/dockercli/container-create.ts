/**
 * The daemon's side of `docker run`: it checks the name (docker's character rule, then the
 * `Conflict.` error naming the holder), draws the ID and a generated name, picks host ports,
 * and records the container (`container/created`). A host port someone else holds leaves the
 * container Created but not started, with docker's error (recorded in
 * test/fixtures/real-docker/run-detached): `Bind for 0.0.0.0:8080 failed: port is already
 * allocated` when the port allocator gave it to a container or host-mode task, and the userland
 * proxy's bind error when the routing mesh listens on it (not recordable here: no IPVS).
 */
import { containerArgv, effectiveArgv } from '../agent/image-catalogue.js';
import { asCatalogueImage } from '../agent/image-config.js';
import type { SimContext } from '../engine/simulation.js';
import type { ContainerPortBinding, ImageConfig, StandaloneContainerSpec } from '../model/types.js';
import type { CommandOutput } from './command.js';
import { allocateHostPorts, parseRunPublish } from './container-ports.js';
import {
  containersOn,
  hostPortHolder,
  newContainerId,
  newContainerName,
} from './container-store.js';
import { hexId } from './engine-ids.js';
import { allValues, lastValue, type ParsedFlags } from './flags.js';

/** The last lines of `docker run`'s errors. */
export const RUN_HELP = "\nRun 'docker run --help' for more information\n";

/** Default `--stop-timeout`: the grace period of `docker stop`, ms. */
const STOP_TIMEOUT_MS = 10_000;

/** What `docker run` found before creating: the engine, the image and the command's words. */
export interface RunImage {
  host: string;
  image: string;
  args: readonly string[];
  config: ImageConfig;
}

/** The created container, or the error `docker run` ends with (stdout may hold the ID). */
export type Created = { spec: StandaloneContainerSpec } | { failed: CommandOutput };

function runError(message: string, stdout = ''): { failed: CommandOutput } {
  const stderr = `docker: ${message}\n${RUN_HELP}`;
  return { failed: { stdout, stderr, exitCode: 125 } };
}

/** Creates (and unless a port is taken, starts) the container `docker run` asks for. */
export function createContainer(ctx: SimContext, parsed: ParsedFlags, run: RunImage): Created {
  const ports: ContainerPortBinding[] = [];
  for (const value of allValues<string>(parsed, 'publish')) {
    const port = parseRunPublish(value);
    if ('error' in port) return runError(port.error);
    ports.push(port);
  }
  const given = lastValue<string>(parsed, 'name');
  const named = given === undefined ? null : given.replace(/^\//, '');
  if (named !== null && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(named)) {
    const rule = 'only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed';
    return runError(`Error response from daemon: Invalid container name (${given}), ${rule}`);
  }
  const holder = containersOn(ctx.state, run.host).find((c) => c.name === named);
  if (holder) {
    return runError(
      `Error response from daemon: Conflict. The container name "/${named}" is already in use ` +
        `by container "${holder.id}". You have to remove (or rename) that container to be ` +
        'able to reuse that name.',
    );
  }
  const id = newContainerId(ctx);
  const name = named ?? newContainerName(ctx, run.host);
  const entrypoint = lastValue<string[]>(parsed, 'entrypoint') ?? [];
  const known = asCatalogueImage(run.config);
  const timeout = lastValue<bigint>(parsed, 'stop-timeout');
  const spec: StandaloneContainerSpec = {
    id,
    host: run.host,
    name,
    image: run.image,
    argv: containerArgv(run.image, entrypoint, run.args, known),
    process: effectiveArgv(run.image, entrypoint, run.args, known),
    env: [...run.config.env, ...allValues<string>(parsed, 'env')],
    ports: allocateHostPorts(ctx.state, run.host, ports),
    exposedPorts: [...run.config.exposedPorts],
    autoRemove: lastValue<boolean>(parsed, 'rm') ?? false,
    stopTimeoutMs: timeout === undefined ? STOP_TIMEOUT_MS : Number(timeout) * 1000,
  };
  const taken = takenPort(ctx, spec);
  ctx.emit({ type: 'container/created', container: spec, started: taken === null });
  if (taken === null) return { spec };
  const detached = lastValue<boolean>(parsed, 'detach') ?? false;
  return runError(`Error response from daemon: ${taken}`, detached ? `${id}\n` : '');
}

/** docker's error for the first of the container's host ports someone holds; null if none. */
function takenPort(ctx: SimContext, spec: StandaloneContainerSpec): string | null {
  for (const port of spec.ports) {
    const holder = hostPortHolder(ctx.state, spec.host, port.hostPort, port.protocol);
    if (holder === null) continue;
    const ip = port.hostIp === '' ? '0.0.0.0' : port.hostIp;
    const endpoint =
      'driver failed programming external connectivity on endpoint ' +
      `${spec.name} (${hexId(`endpoint/${spec.id}`)})`;
    if (holder === 'allocated') {
      return `${endpoint}: Bind for ${ip}:${port.hostPort} failed: port is already allocated`;
    }
    return (
      `${endpoint}: Error starting userland proxy: listen ${port.protocol}4 ` +
      `${ip}:${port.hostPort}: bind: address already in use`
    );
  }
  return null;
}
