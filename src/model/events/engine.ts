/**
 * Events of one engine's own objects rather than the swarm's: built and pushed images
 * (`image/*`), local volumes (`volume/*`) and standalone containers (`container/*`).
 */
import type { LocalVolume } from '../state.js';
import type { LocalImage, RegistryImage, StandaloneContainerSpec } from '../types.js';

/**
 * `docker build` made an image in the local store of the engine on `host` (built images belong
 * to the engine, so other nodes do not have them). Its tags move off any older image there.
 */
export interface ImageBuilt {
  type: 'image/built';
  host: string;
  image: LocalImage;
}

/** `docker push` put the local image `imageId` of `host` in the registry as `ref` (`name:tag`). */
export interface ImagePushed {
  type: 'image/pushed';
  host: string;
  ref: string;
  image: RegistryImage;
}

/** `docker volume create` made a named volume on the node's engine. */
export interface VolumeCreated {
  type: 'volume/created';
  nodeId: string;
  volume: LocalVolume;
}

/** `docker volume rm` deleted a named volume no container uses from the node's engine. */
export interface VolumeRemoved {
  type: 'volume/removed';
  nodeId: string;
  name: string;
}

/**
 * `docker run` created a standalone container on its engine and, unless `started` is false (a
 * port it publishes was taken), started it at the same instant.
 */
export interface ContainerCreated {
  type: 'container/created';
  container: StandaloneContainerSpec;
  started: boolean;
}

/** A line a standalone container wrote; `docker logs` shows these. */
export interface ContainerLogged {
  type: 'container/logged';
  containerId: string;
  stream: 'stdout' | 'stderr';
  line: string;
}

/** `docker stop` (or an engine shutdown) sent SIGTERM, with SIGKILL after `timeoutMs`. */
export interface ContainerStopRequested {
  type: 'container/stopRequested';
  containerId: string;
  timeoutMs: number;
}

/** A standalone container's process ended (on its own, stopped, killed, or its host died). */
export interface ContainerExited {
  type: 'container/exited';
  containerId: string;
  exitCode: number;
}

/** `docker rm`, or `--rm` after the exit: the container and its logs are gone. */
export interface ContainerRemoved {
  type: 'container/removed';
  containerId: string;
}
