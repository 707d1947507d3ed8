/**
 * How long the agent's work takes, in one place. Every duration is deterministic (no jitter), so a
 * run's timeline follows from its inputs alone and nothing random needs to reach the log.
 *
 * Sources: the lifecycle durations are measured on a real single-node swarm (Engine 20.10.24,
 * 2 CPUs, busybox already loaded; test/fixtures/real-docker, compared by test/fidelity and
 * docs/fidelity.md), rounded. Pull times are estimates (SWARM.md 7.2 and 12) kept in the image
 * catalogue (image-catalogue.ts); scenarios override them per image through
 * `AgentOptions.pullMsByImage`.
 */
import { catalogueImage } from './image-catalogue.js';
import { imageName } from './image.js';

/** Durations of the agent's steps, all in ms of virtual time. */
export interface AgentTimings {
  /**
   * Dispatcher batching: how long after an assignment or a desired-state change the agent sees
   * it, ms. The agent accepts a new task the moment it sees it, so this is ASSIGNED -> ACCEPTED.
   */
  dispatchMs: number;
  /** Container create once the image is present (PREPARING -> READY without a pull), ms. */
  createMs: number;
  /** Container start (STARTING -> RUNNING) when no other container starts on the node, ms. */
  startMs: number;
  /**
   * Added to a container start for every other container starting on the same node at the same
   * time (READY or STARTING with desired RUNNING): they share the node's CPUs, ms.
   */
  startContentionMs: number;
  /** From a process's own exit to the agent's COMPLETE/FAILED report, ms. */
  exitReportMs: number;
  /**
   * From a desired SHUTDOWN reaching the agent while an operation is under way (a running
   * task's wait, a create or start) to the SIGTERM: swarmkit's 1 s ErrTaskRetry back-off after
   * the cancelled operation (`agent/task.go`) plus docker stop's own start-up, ms.
   */
  stopBackoffMs: number;
  /** From the process's end during a stop (SIGKILL, or its own exit) to the SHUTDOWN report, ms. */
  stopReportMs: number;
  /** Pull time of an image found neither in the overrides nor in the catalogue, ms. */
  pullMsDefault: number;
  /**
   * From the start of a pull to the registry's refusal of an image it does not hold (the task
   * is then rejected), ms.
   */
  pullFailMs: number;
  /** Wait for gossip after leaving the load balancer, before stopping a networked task, ms. */
  gossipConvergeMs: number;
}

/**
 * The defaults. ACCEPTED -> PREPARING and READY -> STARTING take no time: swarmkit's agent makes
 * those moves back to back with no work in between (`agent/exec/controller.go`). "Measured" means
 * on Engine 20.10.24 with a 2-CPU node, in the named case of test/fixtures/real-docker.
 */
export const DEFAULT_AGENT_TIMINGS: Readonly<AgentTimings> = {
  // Measured: a running task's status is re-reported 0.10-0.12 s after its desired state changes
  // (scale-down-up, drain-replicated, global-single); a replacement starts 0.10-0.11 s after its
  // desired state becomes RUNNING (restart-on-failure, restart-any-exit0).
  dispatchMs: 100,
  // Measured: ASSIGNED -> container created (READY/STARTING) 0.12-0.21 s, of which the dispatch
  // is 0.1 s (every case; e.g. create-no-command 0.05 -> 0.18-0.19 s after CreatedAt).
  createMs: 60,
  // Measured: STARTING -> RUNNING of a lone container 0.32-0.70 s, median 0.47 s (restart-*,
  // create-no-command, history-force, global-single, pending-constraint).
  startMs: 450,
  // Measured: 2 at once 0.60-1.01 s, 3 at once 0.76-1.03 s, 5 at once 1.0-1.6 s (drain-replicated,
  // pending-resources, create-replicas, scale-down-up): about 0.25 s per other container.
  startContentionMs: 250,
  // Measured: container `die` -> FAILED/COMPLETE 0.065-0.14 s (restart-*, create-no-command).
  exitReportMs: 100,
  // Measured: desired change -> SIGTERM 1.12-1.18 s, i.e. 1.02-1.07 s after the re-report
  // (scale-down-up, drain-replicated, global-single, pending-constraint, history-force).
  stopBackoffMs: 1050,
  // Measured: SIGKILL -> SHUTDOWN 0.17-0.31 s (scale-down-up, drain-replicated, global-single).
  stopReportMs: 250,
  pullMsDefault: 3000,
  // Estimate, not measured: one registry round trip (token, then a 401/404 for the manifest).
  pullFailMs: 800,
  // moby's defaultGossipConvergeDelay (daemon/cluster/executor/container/controller.go).
  gossipConvergeMs: 2000,
};

/** Pull time of `image` in ms: the override for its name, else the catalogue's, else default. */
export function pullDurationMs(
  image: string,
  timings: AgentTimings,
  pullMsByImage: Readonly<Record<string, number>> = {},
): number {
  const name = imageName(image);
  return ownValue(pullMsByImage, name) ?? catalogueImage(image)?.pullMs ?? timings.pullMsDefault;
}

/** A record's own entry: an image called `constructor` must not find Object.prototype's. */
function ownValue(record: Readonly<Record<string, number>>, key: string): number | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
