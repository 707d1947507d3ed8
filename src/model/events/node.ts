/**
 * Events of nodes (`node/*`): membership, status, role, labels, images and load-balancer
 * attachments.
 */
import type {
  ManagerStatus,
  NetworkAddress,
  Node,
  NodeAvailability,
  NodeRole,
  NodeStatusState,
  Resources,
  SimTime,
} from '../types.js';

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
 * The node's engine reported a new description after an engine restart with another
 * configuration (SWARM.md 3.7): its resources (CPU, memory, generic), and its engine labels when
 * `engineLabels` is present.
 */
export interface NodeDescriptionChanged {
  type: 'node/descriptionChanged';
  nodeId: string;
  resources: Resources;
  engineLabels?: Record<string, string>;
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
 * The allocator changed a node's load-balancer attachments (ingress, and each overlay its live
 * tasks use): the full new list; addresses that left it are freed.
 */
export interface NodeAttachmentsChanged {
  type: 'node/attachmentsChanged';
  nodeId: string;
  attachments: NetworkAddress[];
}
