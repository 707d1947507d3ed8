/**
 * A task (swarmkit's `api.Task`): one slot's attempt at running the service's spec, with its
 * desired and observed states.
 */
import type { TaskState } from '../task-state.js';
import type { GenericResource, SimTime } from './common.js';
import type { EndpointSpec } from './service.js';
import type { TaskSpec } from './task-spec.js';
import type { VolumeAttachment } from './volume.js';

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
  /** The cluster volumes the scheduler chose for its `type=cluster` mounts; absent when none. */
  volumes?: VolumeAttachment[];
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
