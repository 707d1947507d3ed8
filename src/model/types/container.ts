/**
 * Standalone containers (`docker run`), which belong to one engine and to no service.
 */
import type { SimTime } from './common.js';

/** A host port a standalone container publishes (`docker run -p [IP:]HOST:CONTAINER[/PROTO]`). */
export interface ContainerPortBinding {
  /** '' when bound on every address (0.0.0.0 and ::), else the address given. */
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

/** What `docker run` fixed when it created a standalone container (outside any service). */
export interface StandaloneContainerSpec {
  /** 64 hex digits. */
  id: string;
  /** Hostname of the engine it runs on (containers are the engine's, like built images). */
  host: string;
  /** Name without docker's leading `/`. */
  name: string;
  /** Image reference as given (`alpine`, `sha256:...`). */
  image: string;
  /** Path and Args as the engine records them (`docker ps` COMMAND). */
  argv: string[];
  /** The command line that runs; null when it is an image default swarmsim does not know. */
  process: string[] | null;
  env: string[];
  ports: ContainerPortBinding[];
  /** The image's EXPOSE entries (`80/tcp`): listed in PORTS when nothing binds them. */
  exposedPorts: string[];
  /** `--rm`: removed once it exits. */
  autoRemove: boolean;
  /** `--stop-timeout`, default 10 s: the grace period of `docker stop`. */
  stopTimeoutMs: number;
}

/** A standalone container as its engine lists it (`docker ps -a`). */
export interface StandaloneContainer extends StandaloneContainerSpec {
  state: 'created' | 'running' | 'exited';
  createdAt: SimTime;
  startedAt: SimTime | null;
  finishedAt: SimTime | null;
  exitCode: number | null;
  /** Everything it wrote, for `docker logs` (the json-file driver keeps it until removal). */
  output: { at: SimTime; stream: 'stdout' | 'stderr'; line: string }[];
}
