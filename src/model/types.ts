/**
 * The swarm's objects, shaped after swarmkit's `api/objects.proto` and `api/specs.proto` but in
 * swarmsim's own camelCase vocabulary. Every value is plain JSON (no Map, Set, Date or class), so
 * a state is exactly what folding the event log produces and can be serialised as-is.
 * Durations are integer milliseconds of virtual time; CPU is NanoCPUs (1 CPU = 1e9).
 */
import type { TaskState } from './task-state.js';

/** Virtual time in integer milliseconds since the start of the run. */
export type SimTime = number;

export type NodeRole = 'manager' | 'worker';
export type NodeAvailability = 'active' | 'pause' | 'drain';
export type NodeStatusState = 'unknown' | 'down' | 'ready' | 'disconnected';
export type Reachability = 'unknown' | 'unreachable' | 'reachable';

export interface Resources {
  /** CPU in NanoCPUs: 1 CPU = 1e9. */
  nanoCPUs: number;
  /** Memory in bytes. */
  memoryBytes: number;
  /**
   * Generic resources (SWARM.md 5.10); absent when none. On a node: what it advertises; in
   * reservations: discrete requests (kind -> count).
   */
  generic?: GenericResource[];
}

/**
 * One generic resource: a discrete count (`SSD=3`, value a number) or one named value of a kind
 * (`GPU=UUID1`, value a string; a node lists one entry per value).
 */
export interface GenericResource {
  kind: string;
  value: number | string;
}

export interface Platform {
  /** Operating system as the engine reports it, e.g. `linux`. */
  os: string;
  /** Architecture as the engine reports it, e.g. `x86_64`. */
  architecture: string;
}

/** A plugin a node's engine reports (`swarm.PluginDescription`): `{type: 'Log', name: 'loki'}`. */
export interface PluginDescription {
  /** `Log`, `Network`, `Volume` or `Authorization`. */
  type: string;
  /** Driver name; managed plugins carry their tag, `loki:latest`. */
  name: string;
}

export interface ManagerStatus {
  leader: boolean;
  reachability: Reachability;
  /** Raft address, `ip:2377`. */
  addr: string;
}

export interface Node {
  id: string;
  /** Version index of the last write to this node, like swarmkit's Meta.Version. */
  version: number;
  createdAt: SimTime;
  updatedAt: SimTime;
  /** Node labels (`docker node update --label-add`), read by `node.labels.*` constraints. */
  labels: Record<string, string>;
  desiredRole: NodeRole;
  /** The role in effect; `node.role` constraints read this one. */
  role: NodeRole;
  availability: NodeAvailability;
  description: {
    hostname: string;
    platform: Platform;
    resources: Resources;
    engineVersion: string;
    /** Engine labels (dockerd `--label`), read by `engine.labels.*` constraints. */
    engineLabels: Record<string, string>;
    /**
     * The engine's plugins, sorted by type then name; absent means the stock engine's list
     * (read it with `enginePlugins` in factory.ts), which keeps older event logs unchanged.
     */
    plugins?: PluginDescription[];
  };
  status: { state: NodeStatusState; message: string; addr: string };
  managerStatus: ManagerStatus | null;
  /** Images already pulled on this node, sorted; a cached image needs no pull. */
  images: string[];
  /**
   * Host paths that exist on this machine beyond the default Linux tree (src/agent/mounts.ts),
   * for bind mounts; absent when none are declared.
   */
  hostPaths?: string[];
  /**
   * The node's load-balancer attachments (swarmkit's Node.Attachments): an address on the
   * ingress network and on every overlay one of its live tasks uses; absent when none.
   */
  attachments?: NetworkAddress[];
}

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

/** `npipe` (Windows named pipes) is accepted by the manager; a Linux node refuses it. */
export type MountType = 'bind' | 'volume' | 'tmpfs' | 'npipe';

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

/** An address a network's IPAM handed out: on which network, as `10.0.1.5/24`. */
export interface NetworkAddress {
  networkId: string;
  addr: string;
}

/** The IPv4 configuration of a network (`docker network inspect` IPAM.Config). */
export interface NetworkIpv4 {
  /** CIDR, e.g. `10.0.1.0/24`. */
  subnet: string;
  /** Gateway address without prefix, e.g. `10.0.1.1`. */
  gateway: string;
  /** True when the subnet came from the default address pool (10.0.0.0/8 in /24s). */
  fromPool: boolean;
}

/**
 * A network: a swarm-scoped overlay in the manager's store (`docker network create -d overlay`,
 * the `ingress` network of swarm init), or a local network one engine created (`scope` local,
 * `nodeId` set), which only that engine lists.
 */
export interface Network {
  /** 25 base-36 characters for swarm networks, 64 hex digits for local ones. */
  id: string;
  version: number;
  createdAt: SimTime;
  updatedAt: SimTime;
  name: string;
  /** `overlay` for swarm networks; `bridge`, `macvlan`... for local ones. */
  driver: string;
  scope: 'swarm' | 'local';
  /** The engine a local network belongs to; absent for swarm networks. */
  nodeId?: string;
  labels: Record<string, string>;
  /** Driver options given with `--opt`. */
  options: Record<string, string>;
  attachable: boolean;
  internal: boolean;
  /** The routing-mesh network. */
  ingress: boolean;
  /** The IPv4 subnet and gateway (as requested when the network is not allocated). */
  ipv4: NetworkIpv4;
  /**
   * False when the allocator could not allocate the network (an explicit subnet overlapping
   * another network's): it stays in the store, listed without a driver, and hands out nothing.
   */
  allocated: boolean;
  /** VXLAN id of an allocated overlay (4096, 4097, ...); 0 otherwise. */
  vxlanId: number;
  /**
   * The IPAM's book: addresses handed out (`10.0.1.3`, gateway included), in the order given,
   * and the last one a serial allocation gave ('' before any), after which the next is sought
   * (libnetwork's `curr`).
   */
  addresses: { inUse: string[]; last: string };
}

export type FailureAction = 'pause' | 'continue' | 'rollback';
export type UpdateOrder = 'stop-first' | 'start-first';

export interface UpdateConfig {
  /** Tasks updated at once; 0 means all. */
  parallelism: number;
  delayMs: number;
  failureAction: FailureAction;
  monitorMs: number;
  /** Fraction of tasks allowed to fail, 0..1. */
  maxFailureRatio: number;
  order: UpdateOrder;
}

export type PublishMode = 'ingress' | 'host';
export type PortProtocol = 'tcp' | 'udp' | 'sctp';

export interface PortConfig {
  name: string;
  protocol: PortProtocol;
  targetPort: number;
  /** 0 means "assign one" (30000-32767 for ingress). */
  publishedPort: number;
  publishMode: PublishMode;
}

export interface EndpointSpec {
  mode: 'vip' | 'dnsrr';
  ports: PortConfig[];
}

export type ServiceMode =
  | { replicated: { replicas: number } }
  | { global: Record<string, never> }
  /** A job that runs until TotalCompletions tasks have completed, MaxConcurrent at a time. */
  | { replicatedJob: { maxConcurrent: number; totalCompletions: number } }
  /** A job that runs one task to completion on every eligible node. */
  | { globalJob: Record<string, never> };

export interface ServiceSpec {
  name: string;
  labels: Record<string, string>;
  mode: ServiceMode;
  task: TaskSpec;
  update: UpdateConfig | null;
  rollback: UpdateConfig | null;
  endpoint: EndpointSpec;
}

export type UpdateState =
  | 'updating'
  | 'paused'
  | 'completed'
  | 'rollback_started'
  | 'rollback_paused'
  | 'rollback_completed';

export interface UpdateStatus {
  state: UpdateState;
  startedAt: SimTime | null;
  completedAt: SimTime | null;
  message: string;
}

export interface Service {
  id: string;
  version: number;
  createdAt: SimTime;
  updatedAt: SimTime;
  spec: ServiceSpec;
  specVersion: number;
  previousSpec: ServiceSpec | null;
  previousSpecVersion: number | null;
  /** Null for a service that was never updated, as in swarmkit. */
  updateStatus: UpdateStatus | null;
  /** Published ports as allocated (auto ports filled in). */
  endpointPorts: PortConfig[];
  /** Jobs only: swarmkit's JobStatus.JobIteration, 0 at creation, +1 per update (unset = 0). */
  jobIteration?: number;
  /**
   * Endpoint.VirtualIPs: one per attached network (ingress first when it publishes ingress
   * ports), endpoint mode vip only; absent when none.
   */
  virtualIps?: NetworkAddress[];
}

/** Who created a task; the updater counts failures only of tasks it created. */
export type TaskOrigin = 'orchestrator' | 'restart' | 'updater';

export interface TaskStatus {
  state: TaskState;
  /** When the task entered `state`. */
  timestamp: SimTime;
  message: string;
  /** Error text as docker shows it, e.g. `task: non-zero exit (1)`; empty when none. */
  err: string;
  exitCode: number | null;
}

export interface Task {
  id: string;
  version: number;
  createdAt: SimTime;
  serviceId: string;
  /**
   * The service's name when the task was created (swarmkit's Task.ServiceAnnotations): names
   * the container even after the service is removed. Absent in logs written before it existed.
   */
  serviceName?: string;
  /** Replicated slot, 1..N; 0 for global tasks, which are tied to `nodeId`. */
  slot: number;
  /** Assigned node, empty until scheduled (global tasks are created with it set). */
  nodeId: string;
  spec: TaskSpec;
  specVersion: number;
  /** The service endpoint spec the task was built with; a change to it makes the task dirty. */
  endpoint: EndpointSpec;
  desiredState: TaskState;
  status: TaskStatus;
  /** Every observed transition with its time, oldest first, starting with `new`. */
  transitions: { state: TaskState; at: SimTime }[];
  origin: TaskOrigin;
  /** Generic resources the scheduler handed to the task (named values, discrete counts). */
  assignedGenericResources?: GenericResource[];
  /**
   * NetworksAttachments: the allocator's addresses for the task on each network (ingress first
   * when the service publishes ingress ports, then the spec's networks); absent when none.
   */
  networks?: TaskNetworkAttachment[];
}

/** One network a task is attached to, with its address and aliases. */
export interface TaskNetworkAttachment {
  networkId: string;
  /** The network's driver, copied with it as swarmkit copies the network into the task. */
  driver?: string;
  /** `10.0.1.3/24` */
  addresses: string[];
  aliases: string[];
}

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
