/**
 * Every fact the simulation can record, as one discriminated union. Events are past-tense and
 * named `domain/eventName`; each carries everything its reducer needs (random outcomes included),
 * so folding a log needs neither the generator nor the components that produced it.
 */
import type { TaskState } from './task-state.js';
import type {
  GenericResource,
  LocalImage,
  ManagerStatus,
  Network,
  NetworkAddress,
  Node,
  NodeAvailability,
  NodeRole,
  NodeStatusState,
  PortConfig,
  Reachability,
  RegistryImage,
  Resources,
  Service,
  ServiceSpec,
  SimTime,
  StandaloneContainerSpec,
  Task,
  TaskNetworkAttachment,
  UpdateStatus,
} from './types.js';
import type { Fault } from './world.js';
import type { LocalVolume } from './state.js';

/** The cluster came into existence (swarm init): settings every component reads. */
export interface ClusterInitialized {
  type: 'cluster/initialized';
  clusterId: string;
  /** Tasks kept per slot, running one included (`--task-history-limit`, default 5). */
  taskHistoryRetentionLimit: number;
  /** Dispatcher heartbeat period (`--dispatcher-heartbeat`, default 5 s). */
  heartbeatPeriodMs: number;
}

export interface NodeJoined {
  type: 'node/joined';
  node: Node;
}

export interface NodeAvailabilityChanged {
  type: 'node/availabilityChanged';
  nodeId: string;
  availability: NodeAvailability;
}

export interface NodeStatusChanged {
  type: 'node/statusChanged';
  nodeId: string;
  state: NodeStatusState;
  message: string;
  /** For a heartbeat expiry: the period the dispatcher had drawn for the node, ms. */
  heartbeatPeriodMs?: number;
  /** For a heartbeat expiry: when the last heartbeat arrived (or the expiry was armed). */
  lastHeartbeatAt?: SimTime;
}

export interface NodeLabelsChanged {
  type: 'node/labelsChanged';
  nodeId: string;
  labels: Record<string, string>;
}

/**
 * The node's engine reported a new description: here its CPU and memory totals, after an engine
 * restart with more or fewer resources (SWARM.md 3.7). Generic resources are carried unchanged.
 */
export interface NodeDescriptionChanged {
  type: 'node/descriptionChanged';
  nodeId: string;
  resources: Resources;
}

export interface NodeRoleChanged {
  type: 'node/roleChanged';
  nodeId: string;
  desiredRole: NodeRole;
  role: NodeRole;
  /** When present, the node's new raft status (null once it is no longer a manager). */
  managerStatus?: ManagerStatus | null;
}

export interface NodeRemoved {
  type: 'node/removed';
  nodeId: string;
}

/** The agent finished pulling an image, so later tasks with it skip the pull. */
export interface NodeImagePulled {
  type: 'node/imagePulled';
  nodeId: string;
  image: string;
}

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

export interface ServiceCreated {
  type: 'service/created';
  service: Service;
}

/**
 * An accepted update, scale or rollback: the whole resulting spec pair is recorded, so the fold
 * does not need to know which of the three it was.
 */
export interface ServiceUpdated {
  type: 'service/updated';
  serviceId: string;
  spec: ServiceSpec;
  specVersion: number;
  previousSpec: ServiceSpec | null;
  previousSpecVersion: number | null;
  updateStatus: UpdateStatus | null;
  endpointPorts: PortConfig[];
  /** The service's VIPs after the change (Service.virtualIps); absent when it has none. */
  virtualIps?: NetworkAddress[];
}

export interface ServiceUpdateStatusChanged {
  type: 'service/updateStatusChanged';
  serviceId: string;
  updateStatus: UpdateStatus | null;
}

export interface ServiceRemoved {
  type: 'service/removed';
  serviceId: string;
}

export interface TaskCreated {
  type: 'task/created';
  task: Task;
}

/** An observed-state move reported by the allocator, scheduler or an agent. */
export interface TaskStateChanged {
  type: 'task/stateChanged';
  taskId: string;
  state: TaskState;
  message: string;
  err: string;
  exitCode: number | null;
}

/** The scheduler placed the task: state `assigned` on `nodeId`. */
export interface TaskAssigned {
  type: 'task/assigned';
  taskId: string;
  nodeId: string;
  message: string;
  /** Generic resources assigned to the task on `nodeId`; absent when it reserves none. */
  genericResources?: GenericResource[];
}

/** The scheduler could not place a pending task; it stays pending with this error. */
export interface TaskUnschedulable {
  type: 'task/unschedulable';
  taskId: string;
  err: string;
}

/**
 * The agent re-reported a task's status without a state change: only Status.Timestamp and the
 * container exit code move. swarmkit does this when a desired-state change cancels a running
 * task's wait (the exit code is then -1), so `service ps` shows a fresh "Running" age.
 */
export interface TaskStatusRefreshed {
  type: 'task/statusRefreshed';
  taskId: string;
  exitCode: number | null;
}

export interface TaskDesiredStateChanged {
  type: 'task/desiredStateChanged';
  taskId: string;
  desiredState: TaskState;
}

/** The task left the store (reaper, scale-down, service removal). */
export interface TaskRemoved {
  type: 'task/removed';
  taskId: string;
}

/** A line the task's container wrote; `service logs` shows these. */
export interface TaskLogged {
  type: 'task/logged';
  taskId: string;
  stream: 'stdout' | 'stderr';
  line: string;
}

/** A scenario step ran: the command as written, what it printed, and its exit code. */
export interface ScenarioStepRan {
  type: 'scenario/stepRan';
  /** Where the step is written, `file:line:column`. */
  source: string;
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The exit code the scenario required (`expect-exit`, default 0); any other fails the run. */
  expectedExitCode?: number;
}

/** A line typed in `swarmsim shell` or a lesson ran on a machine: what it printed and its exit code. */
export interface ShellCommandRan {
  type: 'shell/commandRan';
  /** Hostname of the machine the line ran on. */
  machine: string;
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** A scenario expectation was evaluated at its time. */
export interface ScenarioExpectationChecked {
  type: 'scenario/expectationChecked';
  source: string;
  expectation: string;
  passed: boolean;
  /** What was actually seen, in words. */
  actual: string;
}

export type SimEvent =
  | ClusterInitialized
  | NodeJoined
  | NodeAvailabilityChanged
  | NodeStatusChanged
  | NodeLabelsChanged
  | NodeDescriptionChanged
  | NodeRoleChanged
  | NodeRemoved
  | NodeImagePulled
  | ImageBuilt
  | ImagePushed
  | ServiceCreated
  | ServiceUpdated
  | ServiceUpdateStatusChanged
  | ServiceRemoved
  | TaskCreated
  | TaskStateChanged
  | TaskAssigned
  | TaskUnschedulable
  | TaskStatusRefreshed
  | TaskDesiredStateChanged
  | TaskRemoved
  | TaskLogged
  | ScenarioStepRan
  | ShellCommandRan
  | ScenarioExpectationChecked
  | FaultInjected
  | FaultHealed
  | RaftLeaderElected
  | RaftLeaderLost
  | RaftCampaignStarted
  | RaftReachabilityChanged
  | ContainerCreated
  | ContainerLogged
  | ContainerStopRequested
  | ContainerExited
  | ContainerRemoved
  | VolumeCreated
  | VolumeRemoved
  | NetworkRequestRouted
  | NetworkCreated
  | NetworkRemoved
  | TaskNetworksAllocated
  | NodeAttachmentsChanged;

/**
 * A network came to be: the `ingress` overlay at swarm init, `docker network create`, a stack's
 * networks. Its subnet, gateway and VXLAN id were allocated then and are part of the fact.
 */
export interface NetworkCreated {
  type: 'network/created';
  network: Network;
}

/** `docker network rm` (or `stack rm`) deleted a network no service uses. */
export interface NetworkRemoved {
  type: 'network/removed';
  networkId: string;
}

/**
 * The allocator gave a NEW task its addresses on every network it attaches to (just before it
 * moves the task to PENDING). The addresses are freed when the task stops or is removed.
 */
export interface TaskNetworksAllocated {
  type: 'task/networksAllocated';
  taskId: string;
  networks: TaskNetworkAttachment[];
}

/**
 * The allocator changed a node's load-balancer attachments (ingress, and each overlay its live
 * tasks use): the full new list; addresses that left it are freed.
 */
export interface NodeAttachmentsChanged {
  type: 'node/attachmentsChanged';
  nodeId: string;
  attachments: NetworkAddress[];
}

/**
 * A TCP connection to `port` of machine `host` (from a `curl` on `machine`) was routed
 * (src/network/mesh.ts). `via: 'ingress'` names the receiving node's IPVS pick, which the fold
 * keeps as that node's round-robin pointer for the service, so a replay balances the same way.
 */
export interface NetworkRequestRouted {
  type: 'network/requestRouted';
  /** Hostname of the machine the client ran on. */
  machine: string;
  /** Hostname of the machine that received the connection. */
  host: string;
  /** Its node id; absent when that machine is not a swarm member (not `nodeId`, see below). */
  hostNodeId?: string;
  port: number;
  protocol: 'tcp';
  /** What took the connection: the routing mesh, a host-mode port, or a `docker run -p`. */
  via?: 'ingress' | 'host' | 'container';
  serviceId?: string;
  /**
   * The task whose container got the connection (mesh or host mode). Not named `taskId`: that
   * name marks the events that write a task (`'taskId' in event`), as `nodeId` marks node ones.
   */
  backendTaskId?: string;
  /** The standalone container that got it (`docker run -p`). */
  containerId?: string;
  /**
   * answered: an HTTP reply; refused: RST or ICMP port unreachable; reset: accepted then
   * closed with nothing served; timeout: the packets were dropped; unreachable: no such host.
   */
  outcome: 'answered' | 'refused' | 'reset' | 'timeout' | 'unreachable';
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

/** A fault struck (world.ts); a lasting one stays in effect until `fault/healed`. */
export interface FaultInjected {
  type: 'fault/injected';
  faultId: string;
  fault: Fault;
}

/** A lasting fault ended: the host booted, the link came back, the pulls work again. */
export interface FaultHealed {
  type: 'fault/healed';
  faultId: string;
}

/** A manager won an election with the votes of `voterIds` (itself included). */
export interface RaftLeaderElected {
  type: 'raft/leaderElected';
  nodeId: string;
  term: number;
  voterIds: string[];
}

/** Why a leader stopped leading. */
export type LeaderLossReason = 'host down' | 'lost quorum' | 'demoted' | 'superseded' | 'higher term';

/** The leader stopped leading: its host went down, it stepped down, or a newer term won. */
export interface RaftLeaderLost {
  type: 'raft/leaderLost';
  nodeId: string;
  term: number;
  reason: LeaderLossReason;
}

/**
 * A manager heard from no leader for its randomised election timeout and campaigned for `term`;
 * from now on it believes there is no leader until one reaches it.
 */
export interface RaftCampaignStarted {
  type: 'raft/campaignStarted';
  nodeId: string;
  term: number;
  /** The timeout it had drawn, in raft ticks (1 s): 10..19. */
  electionTimeoutTicks: number;
}

/** The leader's view of a member changed: MANAGER STATUS Reachable or Unreachable. */
export interface RaftReachabilityChanged {
  type: 'raft/reachabilityChanged';
  nodeId: string;
  reachability: Reachability;
}

export type SimEventType = SimEvent['type'];

/** An event as it sits in the log: stamped with the virtual time it happened at. */
export type LoggedEvent = SimEvent & { t: SimTime };
