/**
 * One engine's images as `docker build`, `docker push` and `docker images` see them: those it
 * built (state.images.local, by hostname), those its node pulled for tasks (node.images), and
 * what the registry holds (a push, else swarmsim's catalogue or a declared image). Registry
 * images have no content here, so their IDs are derived from their digests and their sizes and
 * dates are fixed stand-ins (IMAGE_SIZES, CATALOGUE_AGE_MS), the same on every run.
 */
import { catalogueImage, isImageId, isInRegistry } from '../agent/image-catalogue.js';
import { localImage, pushedImage, tagKey } from '../agent/image-config.js';
import type { DeclaredImage } from '../agent/image-platforms.js';
import { imageName, parseImageRef } from '../agent/image.js';
import type { SimContext } from '../engine/simulation.js';
import type { ImageConfig, LocalImage } from '../model/types.js';
import type { DockerSession } from './command.js';
import { hexId } from './engine-ids.js';
import { registryDigest, taggedImage } from './image-resolve.js';

/** Approximate sizes (`docker images` SIZE, bytes) of catalogued images at their default tag. */
const IMAGE_SIZES: Readonly<Record<string, number>> = {
  alpine: 7_800_000,
  busybox: 4_270_000,
  ubuntu: 78_100_000,
  debian: 117_000_000,
  'hello-world': 10_100,
  nginx: 192_000_000,
  httpd: 148_000_000,
  redis: 117_000_000,
  node: 1_120_000_000,
  python: 1_020_000_000,
  postgres: 438_000_000,
  mysql: 797_000_000,
  mongo: 855_000_000,
  traefik: 224_000_000,
  'traefik/whoami': 6_700_000,
  registry: 25_400_000,
  'juaneme8/swarm-hostname': 912_000_000,
  'dockersamples/visualizer': 166_000_000,
};
const DEFAULT_SIZE = 100_000_000;

/** How long before virtual time 0 registry images were created (their CREATED column), ms. */
export const CATALOGUE_AGE_MS = 14 * 24 * 3600 * 1000;

/** An image a Dockerfile's FROM can start from, and whether the engine must pull it first. */
export interface BaseImage {
  id: string;
  config: ImageConfig;
  layers: string[];
  sizeBytes: number;
  /** Set when the engine lacks it: the `name:tag` it pulls. */
  pull: string | null;
}

/** The hostname of the engine the session's commands run on (images are per engine). */
export function sessionHost(ctx: SimContext, session: DockerSession): string {
  return (
    session.lab?.machine.hostname ??
    ctx.state.nodes[session.nodeId]?.description.hostname ??
    session.nodeId.replace(/^machine:/, '')
  );
}

/** The ID a registry image has once pulled: the pushed image's, else one from its digest. */
export function registryImageId(ctx: SimContext, image: string): string {
  const pushed = pushedImage(ctx.state, image);
  if (pushed) return pushed.imageId;
  const ref = parseImageRef(image);
  const digest = ref.digest !== '' ? ref.digest : registryDigest(taggedImage(image));
  return `sha256:${hexId(`image/${digest}`)}`;
}

/** The approximate size of a registry image (`docker images` SIZE), bytes. */
export function registryImageSize(ctx: SimContext, image: string): number {
  const pushed = pushedImage(ctx.state, image);
  if (pushed) return pushed.sizeBytes;
  const name = imageName(image);
  return Object.hasOwn(IMAGE_SIZES, name) ? IMAGE_SIZES[name]! : DEFAULT_SIZE;
}

/** An empty image config (an image whose config swarmsim does not know). */
export function emptyConfig(): ImageConfig {
  const none = { entrypoint: [], wrapper: false, cmd: [], exposedPorts: [], env: [] };
  return { ...none, workingDir: '', user: '', labels: {} };
}

/**
 * What FROM `image` starts from on engine `host`: a local build, an image ID (taken as present,
 * as the agent does), or a registry image (pulled unless the node has it); an error text when
 * the registry does not hold it (Docker Hub's answer for a repository that does not exist).
 */
export function baseImage(
  ctx: SimContext,
  host: string,
  image: string,
  declared: readonly DeclaredImage[],
): BaseImage | { error: string } {
  const built = localImage(ctx.state, host, image);
  if (built) return { ...built, pull: null };
  if (isImageId(image)) {
    const layers = [layerDigest(image)];
    return { id: image, config: emptyConfig(), layers, sizeBytes: 0, pull: null };
  }
  const pushed = pushedImage(ctx.state, image);
  if (!pushed && !isInRegistry(image, declared)) {
    const name = parseImageRef(image).name;
    const error =
      `pull access denied for ${name}, repository does not exist or may require ` +
      "'docker login': denied: requested access to the resource is denied";
    return { error };
  }
  const id = registryImageId(ctx, image);
  const node = ctx.state.nodeIds
    .map((each) => ctx.state.nodes[each]!)
    .find((each) => each.description.hostname === host);
  // The node pulled it for a task already, by tag or by the digest the tag names.
  const cached = node?.images.some(
    (key) => key === tagKey(image) || registryImageId(ctx, key) === id,
  );
  return {
    id,
    config: pushed ? pushed.config : catalogueConfig(image),
    layers: pushed ? pushed.layers : [layerDigest(id)],
    sizeBytes: registryImageSize(ctx, image),
    pull: cached ? null : tagKey(image),
  };
}

/** A catalogued image's config (ENTRYPOINT, CMD, EXPOSE; nothing else is known). */
function catalogueConfig(image: string): ImageConfig {
  const known = catalogueImage(image);
  if (!known) return emptyConfig();
  const { entrypoint, cmd, wrapper, exposedPorts } = known;
  return {
    ...emptyConfig(),
    entrypoint: [...entrypoint],
    wrapper,
    cmd: [...cmd],
    exposedPorts: [...exposedPorts],
  };
}

/** A deterministic layer digest standing for `seed`'s content. */
export function layerDigest(seed: string): string {
  return `sha256:${hexId(`layer/${seed}`)}`;
}

/** The images engine `host` built, oldest first. */
export function builtImages(ctx: SimContext, host: string): readonly LocalImage[] {
  return ctx.state.images?.local[host] ?? [];
}

/** The first 12 hex digits of an ID, as docker shows it. */
export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}


/**
 * The session with what was pushed declared to the client as `name:tag@digest` (and the
 * platform it was built on), so service commands pin the pushed digest (image-resolve.ts).
 */
export function withPushedImages(ctx: SimContext, session: DockerSession): DockerSession {
  const registry = ctx.state.images?.registry;
  if (!registry) return session;
  const pushed = Object.keys(registry)
    .sort()
    .map((key) => {
      const { digest, platform } = registry[key]!;
      return { name: `${key}@${digest}`, platforms: [platform] };
    });
  return { ...session, images: [...(session.images ?? []), ...pushed] };
}
