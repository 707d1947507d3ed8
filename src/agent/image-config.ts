/**
 * Images beyond the catalogue, read from the state (src/model/reduce-images.ts): those
 * `docker build` made in an engine's local store and those `docker push` put in the registry.
 * Which config a container runs with follows the engine: a tag is always pulled when the
 * registry has it (a push, else the catalogue), and only when the pull fails does the engine
 * fall back to a local image of that tag; a digest names registry content; an image ID names
 * a local image.
 */
import type { ClusterState } from '../model/state.js';
import type { ImageConfig, LocalImage, RegistryImage } from '../model/types.js';
import { catalogueImage, isImageId, type CatalogueImage } from './image-catalogue.js';
import { parseImageRef } from './image.js';

/** `name:tag` of a reference without digest, as image stores key tags (`alpine:latest`). */
export function tagKey(image: string): string {
  const ref = parseImageRef(image);
  return `${ref.name}:${ref.tag}`;
}

/** The image engine `host` built that `image` names (by ID, or by tag when not pinned). */
export function localImage(
  state: ClusterState,
  host: string,
  image: string,
): LocalImage | undefined {
  const images = state.images?.local[host] ?? [];
  if (isImageId(image)) return images.find((each) => each.id === image);
  if (parseImageRef(image).digest !== '') return undefined;
  const key = tagKey(image);
  return images.find((each) => each.tags.includes(key));
}

/** The pushed image `image` names: its `name:tag`, or the digest it is pinned to. */
export function pushedImage(state: ClusterState, image: string): RegistryImage | undefined {
  const registry = state.images?.registry;
  if (!registry || isImageId(image)) return undefined;
  const ref = parseImageRef(image);
  if (ref.digest === '') return registry[tagKey(image)];
  // Several tags may share content; any of them with this name and digest is the same image.
  const key = Object.keys(registry)
    .sort()
    .find((each) => parseImageRef(each).name === ref.name && registry[each]!.digest === ref.digest);
  return key === undefined ? undefined : registry[key];
}

/** An image config in the catalogue's shape, for the command model and `docker ps`. */
export function asCatalogueImage(config: ImageConfig): CatalogueImage {
  return {
    entrypoint: config.entrypoint,
    cmd: config.cmd,
    wrapper: config.wrapper,
    exposedPorts: config.exposedPorts,
  };
}

/**
 * What the image of a container on `nodeId` says (ENTRYPOINT, CMD, EXPOSE): the pushed image,
 * else the catalogue's, else the node's own build of it; undefined when nothing is known.
 */
export function imageConfigFor(
  state: ClusterState,
  nodeId: string,
  image: string,
): CatalogueImage | undefined {
  const pushed = pushedImage(state, image);
  if (pushed) return asCatalogueImage(pushed.config);
  const host = state.nodes[nodeId]?.description.hostname;
  const built = host === undefined ? undefined : localImage(state, host, image);
  if (isImageId(image)) return built ? asCatalogueImage(built.config) : undefined;
  const known = catalogueImage(image);
  if (known) return known;
  return built ? asCatalogueImage(built.config) : undefined;
}

/**
 * True when engine `host` holds the content a pinned `image` names: its own build, pushed under
 * that digest (the push records the digest locally, so the engine does not pull it again).
 */
export function hasPushedBuild(state: ClusterState, host: string, image: string): boolean {
  if (parseImageRef(image).digest === '') return false;
  const pushed = pushedImage(state, image);
  return pushed !== undefined && (state.images?.local[host] ?? []).some(
    (each) => each.id === pushed.imageId,
  );
}
