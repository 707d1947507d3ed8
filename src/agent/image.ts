/**
 * Image references as the agent needs them: a name to look up per-image knowledge (pull time,
 * default command) and a cache key for the node's pulled images. Pure string handling, modelled
 * on docker's reference normalisation (`docker.io/library/` is implied, `:latest` is the default).
 */

/** The parts of an image reference. */
export interface ImageRef {
  /** Repository without the implied `docker.io/` and `library/`, e.g. `nginx`, `ghcr.io/a/b`. */
  name: string;
  /** Tag, `latest` when none is given. */
  tag: string;
  /** `sha256:...` when pinned, else empty. */
  digest: string;
}

/** Splits `image` into name, tag and digest, docker-style. */
export function parseImageRef(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  let rest = at >= 0 ? image.slice(0, at) : image;
  // A colon after the last slash is a tag; one before it belongs to a registry port.
  const colon = rest.lastIndexOf(':');
  let tag = '';
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let name = rest;
  if (name.startsWith('docker.io/')) name = name.slice('docker.io/'.length);
  if (name.startsWith('index.docker.io/')) name = name.slice('index.docker.io/'.length);
  if (name.startsWith('library/')) name = name.slice('library/'.length);
  return { name, tag: tag || 'latest', digest };
}

/** The image's name for per-image tables: `docker.io/library/nginx:1.25` -> `nginx`. */
export function imageName(image: string): string {
  return parseImageRef(image).name;
}

/**
 * The key under which a pulled image is recorded in `node.images`: `name@digest` when pinned
 * (the content is what matters), else `name:tag`.
 */
export function imageCacheKey(image: string): string {
  const ref = parseImageRef(image);
  return ref.digest ? `${ref.name}@${ref.digest}` : `${ref.name}:${ref.tag}`;
}

/** True when `images` (a node's pulled images) already holds `image`, spelled either way. */
export function isImageCached(images: readonly string[], image: string): boolean {
  return images.includes(image) || images.includes(imageCacheKey(image));
}

/**
 * Default command line (ENTRYPOINT + CMD) of the images swarmsim knows. Entrypoint scripts such as
 * nginx's `docker-entrypoint.sh` end in `exec "$@"`, so they are left out: the process that runs
 * is the command they exec. An image missing here has an unknown default, run as "forever".
 */
export const IMAGE_DEFAULT_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  alpine: ['/bin/sh'],
  busybox: ['sh'],
  ubuntu: ['/bin/bash'],
  debian: ['bash'],
  'hello-world': ['/hello'],
  nginx: ['nginx', '-g', 'daemon off;'],
  httpd: ['httpd-foreground'],
  redis: ['redis-server'],
};

/**
 * Entrypoints that are programs rather than exec wrappers: service arguments are appended to
 * them instead of replacing them (`docker service create traefik/whoami --port 8080`).
 */
export const IMAGE_ENTRYPOINTS: Readonly<Record<string, readonly string[]>> = {
  'traefik/whoami': ['/whoami'],
};

/**
 * The command line a container runs: `command` (`--entrypoint`) plus `args` when an entrypoint is
 * given; else the image's program entrypoint (if any) followed by `args` or the image's default.
 * Null when that default is needed but unknown to swarmsim.
 */
export function effectiveArgv(
  image: string,
  command: readonly string[],
  args: readonly string[],
): string[] | null {
  if (command.length > 0) return [...command, ...args];
  const name = imageName(image);
  const entrypoint = Object.hasOwn(IMAGE_ENTRYPOINTS, name) ? IMAGE_ENTRYPOINTS[name]! : [];
  if (args.length > 0 || entrypoint.length > 0) return [...entrypoint, ...args];
  return Object.hasOwn(IMAGE_DEFAULT_COMMANDS, name) ? [...IMAGE_DEFAULT_COMMANDS[name]!] : null;
}
