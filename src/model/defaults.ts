/**
 * swarmkit's defaults (`api/defaults/service.go`, `manager/dispatcher/dispatcher.go`,
 * `manager/manager.go`), in swarmsim units. SWARM.md section 0 lists where each comes from.
 */
import type { RestartPolicy, UpdateConfig } from './types.js';

export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;

export const DEFAULT_REPLICAS = 1;
export const DEFAULT_RESTART_POLICY: Readonly<RestartPolicy> = {
  condition: 'any',
  delayMs: 5 * SECOND_MS,
  maxAttempts: 0,
  windowMs: 0,
};
export const DEFAULT_STOP_GRACE_PERIOD_MS = 10 * SECOND_MS;
export const DEFAULT_UPDATE_CONFIG: Readonly<UpdateConfig> = {
  parallelism: 1,
  delayMs: 0,
  failureAction: 'pause',
  monitorMs: 5 * SECOND_MS,
  maxFailureRatio: 0,
  order: 'stop-first',
};
/** Rollback has its own config with the same defaults. */
export const DEFAULT_ROLLBACK_CONFIG: Readonly<UpdateConfig> = DEFAULT_UPDATE_CONFIG;

/** Longest wait for an old task to stop before its replacement starts anyway (restart.go). */
export const OLD_TASK_STOP_TIMEOUT_MS = MINUTE_MS;
/** Tasks kept per slot, the running one included. */
export const DEFAULT_TASK_HISTORY_RETENTION_LIMIT = 5;
/** How often the task reaper trims history. */
export const TASK_REAPER_INTERVAL_MS = 250;

export const DEFAULT_HEARTBEAT_PERIOD_MS = 5 * SECOND_MS;
/** Heartbeat jitter: each period is drawn in period ± this. */
export const HEARTBEAT_EPSILON_MS = 500;
/** A node is declared down after this many periods without a heartbeat. */
export const HEARTBEAT_GRACE_MULTIPLIER = 3;
/** Tasks on a down node become orphaned after this long. */
export const NODE_DOWN_ORPHAN_PERIOD_MS = 24 * HOUR_MS;

/** Scheduler debounce: run this long after the last change... */
export const SCHEDULER_DEBOUNCE_MS = 50;
/** ...but never later than this after the first pending change. */
export const SCHEDULER_MAX_LATENCY_MS = SECOND_MS;
/** A node with this many failures of a service within the window is ranked last for it. */
export const SCHEDULER_FAILURES_MAX = 5;
export const SCHEDULER_FAILURE_WINDOW_MS = 5 * MINUTE_MS;

/** Smallest CPU reservation or limit the control API accepts, in NanoCPUs (0.001 CPU). */
export const MIN_NANO_CPUS = 1e6;
/** Smallest memory reservation or limit the control API accepts (4 MiB). */
export const MIN_MEMORY_BYTES = 4 * 1024 * 1024;

/** Published ports picked for ingress when none is given. */
export const DYNAMIC_PORT_MIN = 30000;
export const DYNAMIC_PORT_MAX = 32767;

/** The engine version nodes report unless a scenario says otherwise (the docker 28 CLI here). */
export const DEFAULT_ENGINE_VERSION = '28.2.2';
/** A 2-CPU node. */
export const DEFAULT_NODE_NANO_CPUS = 2e9;
/**
 * MemTotal of a "2 GB" VM: the kernel keeps some, so it is below 2 GiB (docker shows 1.944GiB)
 * and reserving 2G there fails, as on a real node.
 */
export const DEFAULT_NODE_MEMORY_BYTES = 2_087_354_368;
