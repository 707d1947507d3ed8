/**
 * What a task runs (swarmkit's `api.TaskSpec`): the container, its mounts, resources, restart
 * policy, placement and networks. A service's spec carries one; each task copies it.
 */
import type { Platform, Resources } from './common.js';

export type RestartCondition = 'none' | 'on-failure' | 'any';

export interface RestartPolicy {
  condition: RestartCondition;
  delayMs: number;
  /** 0 means unlimited. */
  maxAttempts: number;
  /** 0 means unbounded. */
  windowMs: number;
}

export interface PlacementPreference {
  /** The spread descriptor, e.g. `node.labels.zone`. */
  spread: string;
}

export interface Placement {
  constraints: string[];
  preferences: PlacementPreference[];
  /** 0 means unlimited. */
  maxReplicas: number;
  platforms: Platform[];
}

export interface ContainerSpec {
  /** Image reference as given, possibly pinned with `@sha256:`. */
  image: string;
  /** Entrypoint override (`--entrypoint`), empty when the image's applies. */
  command: string[];
  /** Arguments (`docker service create IMAGE ARGS...`), empty when the image's default applies. */
  args: string[];
  env: string[];
  labels: Record<string, string>;
  /** Stop grace period before SIGKILL, default 10 s. */
  stopGracePeriodMs: number;
  hostname: string;
  dir: string;
  user: string;
  /** `--mount` entries in the order given; absent when there are none. */
  mounts?: Mount[];
}

/**
 * `npipe` (Windows named pipes) is accepted by the manager; a Linux node refuses it. `cluster`
 * mounts a CSI cluster volume, named by its source (a volume name or `group:NAME`).
 */
export type MountType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster';

/** One container mount, after swarmkit's `api.Mount`. */
export interface Mount {
  type: MountType;
  /** Host path (bind) or volume name (volume, empty for an anonymous one); empty for tmpfs. */
  source: string;
  /** Absolute path inside the container. */
  target: string;
  readOnly: boolean;
  /** Bind only: propagation (`rprivate` when not given) and the recursive-mount switches. */
  bindOptions?: { propagation?: string; nonRecursive?: boolean };
  /**
   * Volume only: labels, `volume-nocopy`, and the driver (set whenever volume options are;
   * an empty name, or no driver at all, means `local`).
   */
  volumeOptions?: {
    noCopy?: boolean;
    labels?: Record<string, string>;
    driver?: { name: string; options?: Record<string, string> };
    subpath?: string;
  };
  /** Tmpfs only: size in bytes (0 = unlimited) and file mode (octal value as a number). */
  tmpfsOptions?: { sizeBytes?: number; mode?: number };
}

/** A task's log driver (`--log-driver`, `--log-opt`); absent means the engine's default. */
export interface LogDriver {
  name: string;
  options: Record<string, string>;
}

export interface TaskSpec {
  container: ContainerSpec;
  resources: { limits: Resources; reservations: Resources };
  restart: RestartPolicy;
  placement: Placement;
  /** Incremented by `docker service update --force` so every task is replaced. */
  forceUpdate: number;
  logDriver?: LogDriver;
  /**
   * Networks the tasks attach to (`--network`), by network ID, in the order the client sent
   * them (it sorts by target); absent when none, so older logs are unchanged.
   */
  networks?: NetworkAttachmentConfig[];
}

/** One `--network` of a service (swarmkit's NetworkAttachmentConfig). */
export interface NetworkAttachmentConfig {
  /** The network's ID (the client resolves names). */
  target: string;
  /** DNS aliases of the service on that network; empty when none. */
  aliases: string[];
}
