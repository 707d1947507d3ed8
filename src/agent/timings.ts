/**
 * How long the agent's work takes, in one place. Every duration is deterministic (no jitter) but
 * two on the way of a status to the store (reporter.ts): the phase of the dispatcher's writes and
 * the RUNNING report's delay, drawn from a seeded stream. Their outcome is in the log (when each
 * status event happens, and whether a superseded RUNNING happens at all), so a replay needs no
 * generator.
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
   * The dispatcher's quiet period (swarmkit's batchingWaitTime): a node's assignment changes
   * reach its agent together this long after the node's LAST change, each change restarting the
   * wait (assignment-batch.ts), ms. A lone change is seen this long after it; the agent accepts a
   * new task the moment it sees it, so for a lone assignment this is ASSIGNED -> ACCEPTED.
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
  /**
   * From the container's start to its process's first action: the exec of its program (for
   * `sh -c`, the shell and its first command), ms.
   */
  processStartMs: number;
  /** From a process's own exit to the agent's COMPLETE/FAILED report, ms. */
  exitReportMs: number;
  /**
   * Period of the dispatcher's status writes: it keeps the latest status per task and writes
   * them all every this many ms (swarmkit's maxBatchInterval), so a status reaches the store
   * 0 to this many ms after the agent reported it, and one superseded meanwhile never does, ms.
   * 0 writes every report at once.
   */
  statusBatchMs: number;
  /**
   * The agent writes its RUNNING report to its task database, while the engine is still busy
   * with the start, before sending it: that takes a random time below this (drawn from the
   * `agent.report` stream), and a process that exits meanwhile holds the write until its exit is
   * reported (reporter.ts). Its other reports are not delayed. 0 sends it at once, ms.
   */
  runningReportMaxMs: number;
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
  // desired state becomes RUNNING (restart-on-failure, restart-any-exit0). A stop-first stop is
  // re-reported 0.103-0.105 s after its replacement's assignment on the node (history-force).
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
  // Measured: container `start` -> `die` of `sh` (no args) 0.033-0.069 s, median 0.039 s
  // (create-no-command); of `sh -c 'exit 1'` 0.033-0.067 s (update-immediate-exit); of
  // `sh -c 'sleep 1; exit N'` 1.005-1.085 s, median 1.04 s (restart-*, update-continue,
  // update-pause-on-failure).
  processStartMs: 40,
  // Measured: container `die` -> FAILED/COMPLETE 0.065-0.14 s (restart-*, create-no-command).
  exitReportMs: 100,
  // swarmkit's maxBatchInterval. Measured: a crash-loop replacement is created 0.004-0.105 s
  // after its predecessor's FAILED/COMPLETE timestamp (54 failures in 6 cases), evenly spread:
  // the wait for the next write, the orchestrator then reacting at once.
  statusBatchMs: 100,
  // Bracketed, not measured directly. Immediate exits (`sh -c 'exit 1'`, `sh`, 33-97 ms after
  // the start): the RUNNING of 2 of the 10 whose fate the recordings show never reached the store
  // (update-immediate-exit; one exited 42 ms after its start), so the write can outlast 42 ms,
  // and with swarmsim's 40 ms exec, 50 loses 1 in 5. Long-lived tasks: RUNNING reached the store
  // 0.02-0.08 s after its timestamp (updates complete 5.02-5.04 s after the last one; the next
  // slot's old task is re-reported 0.13-0.20 s after it): this + the batch wait.
  runningReportMaxMs: 50,
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
