/**
 * Image references as the agent needs them: a name to look up per-image knowledge (the
 * catalogue, image-catalogue.ts) and a cache key for the node's pulled images. Pure string
 * handling, modelled on docker's reference normalisation (`docker.io/library/` is implied,
 * `:latest` is the default).
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
