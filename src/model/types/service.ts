/**
 * A service (swarmkit's `api.Service`): its spec (mode, update and rollback configs, endpoint),
 * the previous spec a rollback returns to, and the update's progress.
 */
import type { SimTime } from './common.js';
import type { NetworkAddress } from './network.js';
import type { TaskSpec } from './task-spec.js';

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
