/**
 * `docker stack deploy -c FILE [-c FILE...] STACK` (alias `up`), as docker 28 does it against
 * Engine 20.10: load and check the compose files, print docker's notices, create the stack's
 * networks (stack-networks.ts), remove services no longer in the file with `--prune`, then
 * create or update each service, in name order (docker walks a Go map, so its order varies
 * from run to run). `-d` is the default; `--detach=false` follows every
 * service until it converged, like `docker service create` without `-d`.
 *
 * Images go through the client as in `docker service create` (image-resolve.ts): always tagged,
 * and with `--resolve-image always|changed` pinned to the registry's digest. docker 28 prints
 * the "could not be accessed on a registry" warning of an image it cannot pin only for a service
 * it updates: on create it drops the warnings the API returns (deploy_composefile.go).
 */
import type { DeclaredImage } from '../agent/image-platforms.js';
import { isApiError } from '../api/errors.js';
import { createService, removeService, updateService } from '../api/service.js';
import type { SimContext } from '../engine/simulation.js';
import type { Service } from '../model/types.js';
import {
  daemonErrorLine,
  failure,
  type CommandOutput,
  type DockerCommand,
} from './command.js';
import { composeMode, IMAGE_LABEL, specFromCompose } from './compose-convert.js';
import { loadCompose, type ComposeProject } from './compose-load.js';
import { managerGate } from './daemon.js';
import { boolFlag, stringFlag } from './flag-kinds.js';
import { allValues, changed, lastValue, type ParsedFlags } from './flags.js';
import { resolveImage, taggedImage, type ResolvedImage } from './image-resolve.js';
import { finishAttached } from './progress.js';
import { conversionError } from './spec-parts.js';
import { createStackNetworks, stackAttachments } from './stack-networks.js';
import { stackServices } from './stack-support.js';

const DETACH_NOTICE =
  'Since --detach=false was not specified, tasks will be created in the background.\n' +
  'In a future release, --detach=false will become the default.\n';

/** `docker stack deploy` */
export const stackDeploy: DockerCommand = {
  path: ['stack', 'deploy'],
  aliases: ['up'],
  use: 'deploy [OPTIONS] STACK',
  short: 'Deploy a new stack or update an existing stack',
  help: {
    aliases: 'docker stack deploy, docker stack up',
    options:
      '  -c, --compose-file strings   Path to a Compose file, or "-" to read\n' +
      '                               from stdin\n' +
      '  -d, --detach                 Exit immediately instead of waiting for\n' +
      '                               the stack services to converge (default true)\n' +
      '      --prune                  Prune services that are no longer referenced\n' +
      '  -q, --quiet                  Suppress progress output\n' +
      '      --resolve-image string   Query the registry to resolve image digest\n' +
      '                               and supported platforms ("always",\n' +
      '                               "changed", "never") (default "always")\n' +
      '      --with-registry-auth     Send registry authentication details to\n' +
      '                               Swarm agents\n',
  },
  flags: [
    stringFlag('compose-file', 'c'),
    boolFlag('detach', 'd'),
    boolFlag('prune'),
    boolFlag('quiet', 'q'),
    stringFlag('resolve-image'),
    boolFlag('with-registry-auth'),
  ],
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const stack = parsed.args[0]!;
    if (stack.trim() === '') return failure(`invalid stack name: "${stack}"`);
    // A `strings` flag: repeated, and each value split at commas.
    const files = allValues<string>(parsed, 'compose-file').flatMap((v) => v.split(','));
    if (files.length === 0) return failure('Specify a Compose file (with --compose-file)');
    if (!session.readFile) {
      return failure('swarmsim: docker stack deploy: no files can be read here');
    }
    const loaded = loadCompose(files, session.readFile);
    if ('error' in loaded) return failure(loaded.error);
    const { project } = loaded;
    const missing = project.services.find(({ service }) => !service.image);
    if (missing) {
      return failure(`invalid image reference for service ${missing.name}: no image specified`);
    }
    const out = { stdout: '', stderr: project.notices, exitCode: 0 };
    const resolve = lastValue<string>(parsed, 'resolve-image') ?? 'always';
    if (!['always', 'changed', 'never'].includes(resolve)) {
      return fail(out, `Invalid option ${resolve} for flag --resolve-image`);
    }
    const refused = managerGate(ctx, session);
    if (refused) return fail(out, daemonErrorLine(refused));
    if (!changed(parsed, 'detach')) out.stderr += DETACH_NOTICE;
    const badMode = project.services
      .map(({ name, service }) => composeMode(name, service))
      .find((error) => error !== null);
    if (badMode) return fail(out, badMode);
    const registry = { mode: resolve, images: session.images ?? [] };
    const deployed = deploy(ctx, stack, project, parsed, registry, out, session.nodeId);
    if (deployed.exitCode !== 0 || deployed.targets.length === 0) return deployed.out;
    const attached = { ...parsed, values: { ...parsed.values, detach: [detached(parsed)] } };
    return finishAttached(ctx, session, attached, deployed.out, deployed.targets);
  },
};

/** `-d` is on unless `--detach=false` was given. */
function detached(parsed: ParsedFlags): boolean {
  return lastValue<boolean>(parsed, 'detach') ?? true;
}

function fail(out: CommandOutput, line: string): CommandOutput {
  return { ...out, stderr: `${out.stderr}${line}\n`, exitCode: 1 };
}

interface Deployed {
  out: CommandOutput;
  exitCode: number;
  /** The services to follow without `-d`, shown by ID as docker 28 does. */
  targets: { serviceId: string; shownAs: string }[];
}

/** `--resolve-image` and the images the registry holds beside the catalogue. */
interface Registry {
  mode: string;
  images: readonly DeclaredImage[];
}

/**
 * The image the client sends for a service whose file says `written`, with the warning docker
 * prints. Without a registry query (`never`, or `changed` with the same image as last time) an
 * unchanged image keeps the deployed one, digest included, so a redeploy restarts nothing.
 */
function stackImage(written: string, current: Service | null, registry: Registry): ResolvedImage {
  const same = current !== null && current.spec.labels[IMAGE_LABEL] === written;
  if (same && registry.mode !== 'always') {
    return { image: taggedImage(current.spec.task.container.image), warning: null };
  }
  const resolved = resolveImage(written, registry.mode !== 'never', registry.images);
  return current === null ? { ...resolved, warning: null } : resolved;
}

/** The network line, the prune, then each service created or updated. */
function deploy(
  ctx: SimContext,
  stack: string,
  project: ComposeProject,
  parsed: ParsedFlags,
  registry: Registry,
  start: CommandOutput,
  nodeId: string,
): Deployed {
  let out = start;
  const stop = (line: string): Deployed => {
    out = fail(out, line);
    return { out, exitCode: 1, targets: [] };
  };
  const existing = stackServices(ctx.state, stack);
  const networks = createStackNetworks(ctx, stack, project, nodeId);
  out = { ...out, stdout: out.stdout + networks.lines };
  if (networks.error !== undefined) return stop(networks.error);
  const specs = [];
  for (const { name, service } of project.services) {
    const current = existing.find((s) => s.spec.name === `${stack}_${name}`) ?? null;
    const built = specFromCompose(stack, name, service, current?.spec ?? null);
    if ('error' in built) return stop(built.error);
    const attachments = stackAttachments(ctx.state, stack, project, name, service.networks);
    if (attachments.length > 0) built.spec.task.networks = attachments;
    const resolved = stackImage(built.spec.task.container.image, current, registry);
    built.spec.task.container.image = resolved.image;
    // The file has no platforms: those of a registry answer, else none (as docker sends).
    if (resolved.platforms?.length) built.spec.task.placement.platforms = resolved.platforms;
    specs.push({ spec: built.spec, current, warning: resolved.warning });
  }
  if (lastValue<boolean>(parsed, 'prune')) {
    const wanted = new Set(specs.map(({ spec }) => spec.name));
    for (const service of existing.filter((s) => !wanted.has(s.spec.name))) {
      out = { ...out, stdout: `${out.stdout}Removing service ${service.spec.name}\n` };
      removeService(ctx, service.id);
    }
  }
  const targets: Deployed['targets'] = [];
  for (const { spec, current, warning } of specs) {
    const result = current ? update(ctx, current, spec) : create(ctx, spec);
    out = { ...out, stdout: out.stdout + result.line };
    if (isApiError(result.service)) return stop(result.error + daemonErrorLine(result.service));
    // docker prints each warning of the update's response with Println: an empty line follows.
    if (warning !== null) out = { ...out, stderr: `${out.stderr}${warning}\n` };
    targets.push({ serviceId: result.service.id, shownAs: result.service.id });
  }
  return { out, exitCode: 0, targets };
}

/** The update docker sends; dockerd's enum conversion may refuse it first. */
function update(ctx: SimContext, current: Service, spec: Service['spec']) {
  return {
    line: `Updating service ${spec.name} (id: ${current.id})\n`,
    service: conversionError(spec) ?? updateService(ctx, current.id, spec),
    error: `failed to update service ${spec.name}: `,
  };
}

function create(ctx: SimContext, spec: Service['spec']) {
  return {
    line: `Creating service ${spec.name}\n`,
    service: conversionError(spec) ?? createService(ctx, spec),
    error: `failed to create service ${spec.name}: `,
  };
}
