/**
 * Images `docker build` made in an engine's store and `docker push` put in the registry.
 */
import type { SimTime } from './common.js';

/** What an image's config says about the container it makes (`docker image inspect` Config). */
export interface ImageConfig {
  /** ENTRYPOINT; empty when the image has none. */
  entrypoint: string[];
  /** True when the entrypoint is a wrapper that execs its command (inherited from `node`). */
  wrapper: boolean;
  /** CMD; empty when the image has none. */
  cmd: string[];
  /** EXPOSE, as `docker ps` lists it (`3000/tcp`), sorted. */
  exposedPorts: string[];
  /** ENV entries `KEY=value`, in order. */
  env: string[];
  /** WORKDIR, '' for the default (/). */
  workingDir: string;
  /** USER, '' for root. */
  user: string;
  labels: Record<string, string>;
}

/** An image in one engine's local store that `docker build` made there. */
export interface LocalImage {
  /** `sha256:<64 hex>`, derived from the Dockerfile and its base. */
  id: string;
  /** Familiar references it is tagged with (`juaneme8/swarm-hostname:latest`), sorted. */
  tags: string[];
  config: ImageConfig;
  /** Layer digests (`sha256:...`), base image's first; pushed layer by layer. */
  layers: string[];
  /** The ids of its build steps after FROM, in order: a later build reuses them as cache. */
  steps: string[];
  sizeBytes: number;
  createdAt: SimTime;
  /** `os/arch` of the engine that built it (`linux/amd64`). */
  platform: string;
}

/** An image `docker push` put in swarmsim's registry under one `name:tag`. */
export interface RegistryImage {
  /** The local image's id. */
  imageId: string;
  /** The manifest digest the registry answers for the tag. */
  digest: string;
  config: ImageConfig;
  layers: string[];
  sizeBytes: number;
  /** When the image was built (its CREATED), and when it was pushed. */
  createdAt: SimTime;
  pushedAt: SimTime;
  /** `os/arch` it was built for. */
  platform: string;
}

/** Images beside swarmsim's catalogue: engines' built images and what was pushed. */
export interface ImageStores {
  /** Built images of each engine, by hostname (images are the engine's, not the node's). */
  local: Record<string, LocalImage[]>;
  /** Pushed images by familiar `name:tag`. */
  registry: Record<string, RegistryImage>;
}
