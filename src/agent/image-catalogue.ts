/**
 * swarmsim's registry: the public images it knows, with what their image config says (ENTRYPOINT,
 * CMD, EXPOSE) and how long a first pull takes. It is the one place per-image knowledge lives:
 * the agent's pull and the command model read it, so do `docker ps` (COMMAND, PORTS) and the
 * client's digest lookup (`image-resolve.ts`). Their platforms are in image-platforms.ts.
 *
 * An image is in the registry when its repository is catalogued here (any tag or digest of it:
 * swarmsim does not model which tags exist) or a scenario declares it in its `images:` section.
 * Any other name is not on the registry, as `ping` (a typo in the course) is not on Docker Hub:
 * the client warns that it cannot pin a digest, and the agent's pull fails, so the task is
 * rejected with `No such image: ping:latest` (agent.ts).
 *
 * The entries follow the images on Docker Hub (official ones at their current default tag;
 * `juaneme8/swarm-hostname` from the course repository's Dockerfile, FROM node:10 with
 * EXPOSE 3000 and CMD node index.js; `dockersamples/visualizer` from its Dockerfile).
 */
import { imageName, parseImageRef } from './image.js';
import { declaredName, type DeclaredImage } from './image-platforms.js';

/** What swarmsim knows of one image in the registry. */
export interface CatalogueImage {
  /** ENTRYPOINT as `docker image inspect` shows it; empty when the image has none. */
  entrypoint: readonly string[];
  /** CMD as `docker image inspect` shows it; empty when the image has none. */
  cmd: readonly string[];
  /**
   * True when the entrypoint is a wrapper (a `docker-entrypoint.sh` ending in `exec "$@"`, or
   * tini): the process that ends up running is the command it is given. False when the
   * entrypoint is the program itself and arguments are appended to it.
   */
  wrapper: boolean;
  /** EXPOSE, as `docker ps` lists it (`80/tcp`). */
  exposedPorts: readonly string[];
  /**
   * First-pull time, ms: a download at roughly 50 Mbit/s plus extraction. Unset: the agent's
   * `pullMsDefault` (timings.ts).
   */
  pullMs?: number;
}

const ENTRYPOINT_SH = ['docker-entrypoint.sh'];

/** The catalogued repositories, by name without the implied `docker.io/library/`. */
const CATALOGUE: Readonly<Record<string, CatalogueImage>> = {
  alpine: image({ cmd: ['/bin/sh'], pullMs: 1800 }),
  busybox: image({ cmd: ['sh'], pullMs: 1500 }),
  ubuntu: image({ cmd: ['/bin/bash'], pullMs: 3000 }),
  debian: image({ cmd: ['bash'], pullMs: 4000 }),
  'hello-world': image({ cmd: ['/hello'], pullMs: 1000 }),
  nginx: wrapped(['/docker-entrypoint.sh'], ['nginx', '-g', 'daemon off;'], ['80/tcp'], 4000),
  httpd: image({ cmd: ['httpd-foreground'], exposedPorts: ['80/tcp'], pullMs: 4000 }),
  redis: wrapped(ENTRYPOINT_SH, ['redis-server'], ['6379/tcp'], 4500),
  node: wrapped(ENTRYPOINT_SH, ['node'], [], 9000),
  python: image({ cmd: ['python3'] }),
  postgres: wrapped(ENTRYPOINT_SH, ['postgres'], ['5432/tcp'], 10000),
  mysql: wrapped(ENTRYPOINT_SH, ['mysqld'], ['3306/tcp', '33060/tcp'], 12000),
  mongo: wrapped(ENTRYPOINT_SH, ['mongod'], ['27017/tcp']),
  traefik: wrapped(['/entrypoint.sh'], ['traefik'], ['80/tcp']),
  'traefik/whoami': image({ entrypoint: ['/whoami'], exposedPorts: ['80/tcp'], pullMs: 2000 }),
  registry: wrapped(['/entrypoint.sh'], ['/etc/distribution/config.yml'], ['5000/tcp']),
  'juaneme8/swarm-hostname': wrapped(ENTRYPOINT_SH, ['node', 'index.js'], ['3000/tcp']),
  'dockersamples/visualizer': wrapped(['/sbin/tini', '--'], ['node', 'server.js'], ['8080/tcp']),
};

function image(entry: Partial<CatalogueImage>): CatalogueImage {
  return { entrypoint: [], cmd: [], wrapper: false, exposedPorts: [], ...entry };
}

function wrapped(
  entrypoint: readonly string[],
  cmd: readonly string[],
  exposedPorts: readonly string[],
  pullMs?: number,
): CatalogueImage {
  return image({ entrypoint, cmd, wrapper: true, exposedPorts, ...(pullMs ? { pullMs } : {}) });
}

/** The catalogue's entry for `image` (any spelling, tag or digest), or undefined. */
export function catalogueImage(image: string): CatalogueImage | undefined {
  const name = imageName(image);
  return Object.hasOwn(CATALOGUE, name) ? CATALOGUE[name] : undefined;
}

/**
 * True when the registry holds `image`: its repository is catalogued or among `declared` (a
 * scenario's `images:` names, spelled as users type them: `alpine`, `myorg/app`).
 */
export function isInRegistry(image: string, declared: readonly DeclaredImage[] = []): boolean {
  if (isImageId(image)) return false;
  const name = imageName(image);
  const held = (each: DeclaredImage) => imageName(declaredName(each)) === name;
  return Object.hasOwn(CATALOGUE, name) || declared.some(held);
}

/** An image ID (`sha256:<64 hex>`): the engine looks it up locally, never on a registry. */
export function isImageId(image: string): boolean {
  return /^sha256:[a-f0-9]{64}$/.test(image);
}

/**
 * The engine's error for an image it has not got (moby's ErrImageDoesNotExist): the familiar
 * name, with `:latest` added when the reference has neither tag nor digest.
 */
export function noSuchImageError(image: string): string {
  if (isImageId(image)) return `No such image: ${image}`;
  const ref = parseImageRef(image);
  const named = image.split('@')[0]!;
  const typedTag = named.slice(named.lastIndexOf('/') + 1).includes(':');
  const tag = ref.digest === '' || typedTag ? `:${ref.tag}` : '';
  return `No such image: ${ref.name}${tag}${ref.digest ? `@${ref.digest}` : ''}`;
}

/**
 * The process a container runs: `command` (`--entrypoint`) plus `args` when an entrypoint is
 * given; else the image's program entrypoint (if any) followed by `args` or the image's CMD; a
 * wrapper entrypoint is left out, since the process that runs is the command it execs. Null
 * when the image's default is needed but unknown to swarmsim (an image outside the catalogue).
 * `known`: the image's config when it is not the catalogue's (a built or pushed image).
 */
export function effectiveArgv(
  image: string,
  command: readonly string[],
  args: readonly string[],
  known: CatalogueImage | undefined = catalogueImage(image),
): string[] | null {
  if (command.length > 0) return [...command, ...args];
  const program = known && !known.wrapper ? known.entrypoint : [];
  if (args.length > 0 || program.length > 0) return [...program, ...args];
  return known && known.cmd.length > 0 ? [...known.cmd] : null;
}

/**
 * The container's command line as the engine records it (Path and Args, which `docker ps`
 * shows): the entrypoint, wrapper or not, then `args` or the image's CMD. `--entrypoint`
 * replaces the image's entrypoint and drops its CMD, as the daemon merges the two configs.
 * `known` as for effectiveArgv.
 */
export function containerArgv(
  image: string,
  command: readonly string[],
  args: readonly string[],
  known: CatalogueImage | undefined = catalogueImage(image),
): string[] {
  if (command.length > 0) return [...command, ...args];
  if (!known) return [...args];
  return [...known.entrypoint, ...(args.length > 0 ? args : known.cmd)];
}
