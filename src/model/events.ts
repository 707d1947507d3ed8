/**
 * Every fact the simulation can record, as one discriminated union. Events are past-tense and
 * named `domain/eventName`; each carries everything its reducer needs (random outcomes included),
 * so folding a log needs neither the generator nor the components that produced it.
 */
import type { TaskState } from './task-state.js';
import type {
  ManagerStatus,
  Node,
  NodeAvailability,
  NodeRole,
  NodeStatusState,
  PortConfig,
  Service,
  ServiceSpec,
  SimTime,
  Task,
  UpdateStatus,
} from './types.js';

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
}

export interface NodeLabelsChanged {
  type: 'node/labelsChanged';
  nodeId: string;
  labels: Record<string, string>;
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
}

/** The scheduler could not place a pending task; it stays pending with this error. */
export interface TaskUnschedulable {
  type: 'task/unschedulable';
  taskId: string;
  err: string;
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
  | NodeRoleChanged
  | NodeRemoved
  | NodeImagePulled
  | ServiceCreated
  | ServiceUpdated
  | ServiceUpdateStatusChanged
  | ServiceRemoved
  | TaskCreated
  | TaskStateChanged
  | TaskAssigned
  | TaskUnschedulable
  | TaskDesiredStateChanged
  | TaskRemoved
  | TaskLogged
  | ScenarioStepRan
  | ScenarioExpectationChecked;

export type SimEventType = SimEvent['type'];

/** An event as it sits in the log: stamped with the virtual time it happened at. */
export type LoggedEvent = SimEvent & { t: SimTime };
