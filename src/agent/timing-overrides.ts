/**
 * Hooks that replace the agent's calibrated container timings one container step at a time.
 * Nothing in a scenario sets them: the fidelity tests feed a real recording's own durations
 * through them (test/fidelity/recorded-timings.ts), so that a replay compares swarmsim's logic
 * on the recording's timing rather than on the calibration. Each hook is asked once per step, in
 * simulation order, so a deterministic hook keeps the run deterministic; undefined keeps the
 * calibrated duration.
 */
import type { TaskState } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import type { AgentTimings } from './timings.js';

/** The task whose container step a hook is asked about. */
export interface ContainerTaskInfo {
  taskId: string;
  /** The service's name when the task was created (its ID if the task has none). */
  serviceName: string;
  /** Replicated slot, 1..N; 0 for a global task. */
  slot: number;
  nodeId: string;
}

/** A create or start a hook is asked about, with the duration the calibration gives, ms. */
export interface ContainerStepInfo extends ContainerTaskInfo {
  calibratedMs: number;
}

/** What a stop hook replaces, ms; a field left out keeps the calibrated one. */
export interface StopMsReplacement {
  /** In place of stopBackoffMs: from the agent's sight of the desired state to the SIGTERM. */
  backoffMs?: number;
  /** In place of stopReportMs: from the process's end during the stop to the SHUTDOWN report. */
  reportMs?: number;
}

/** What a run hook replaces, ms; a field left out keeps the calibrated one. */
export interface RunMsReplacement {
  /** In place of processStartMs: from the container's start to its program's first action. */
  execMs?: number;
  /** In place of exitReportMs: from the process's own exit to the COMPLETE/FAILED report. */
  exitReportMs?: number;
}

/** Per-step replacements of the calibrated timings (AgentOptions.overrides); all optional. */
export interface TimingOverrides {
  /** PREPARING -> READY of one create (createMs), ms. */
  create?: (create: ContainerStepInfo) => number | undefined;
  /** STARTING -> RUNNING of one start (startMs plus the contention), ms. */
  start?: (start: ContainerStepInfo) => number | undefined;
  /** One container's exec and exit report, asked as it starts. */
  run?: (run: ContainerTaskInfo) => RunMsReplacement | undefined;
  /** One stop of a running container, asked as the stop begins. */
  stop?: (stop: ContainerTaskInfo) => StopMsReplacement | undefined;
  /**
   * When the dispatcher writes one state move the agent reported: ms from the report to the
   * store write (the status batch's tick that took it), asked as the report is made.
   */
  statusWrite?: (write: StatusWriteInfo) => number | undefined;
}

/** A reported state move a statusWrite hook is asked about. */
export interface StatusWriteInfo extends ContainerTaskInfo {
  state: TaskState;
  /** When the agent reports it, ms. */
  atMs: number;
}

/** The agent's view of a task that a stop reads: whether a container of it runs. */
export interface StopRecord {
  stopping: boolean;
  observed: string;
  container: { exitCode: number | null } | null;
}

/** What a hook is told of `task`. */
function taskInfo(task: Task): ContainerTaskInfo {
  const { id: taskId, slot, nodeId } = task;
  return { taskId, serviceName: task.serviceName ?? task.serviceId, slot, nodeId };
}

/** A hook's duration as a timer needs it (whole, not negative), else the calibrated one, ms. */
function wholeMs(ms: number | undefined, calibratedMs: number): number {
  return ms === undefined ? calibratedMs : Math.max(0, Math.round(ms));
}

/** `task`'s create or start duration, ms: `calibratedMs`, or what `hook` gives. */
export function stepDurationMs(
  hook: TimingOverrides['create' | 'start'],
  task: Task,
  calibratedMs: number,
): number {
  return wholeMs(hook?.({ ...taskInfo(task), calibratedMs }), calibratedMs);
}

/**
 * The timings a stop of `task` goes by: `timings`, or, when the stop of a running container is
 * about to begin (`record`: not stopping yet, RUNNING, its process alive), what `hook` replaces
 * in them. Asks `hook` once per stop.
 */
export function stopTimings(
  timings: AgentTimings,
  hook: TimingOverrides['stop'],
  task: Task,
  record: StopRecord,
): AgentTimings {
  const live = record.observed === 'running' && record.container?.exitCode === null;
  if (!hook || record.stopping || !live) return timings;
  const replaced = hook(taskInfo(task));
  if (!replaced) return timings;
  return {
    ...timings,
    stopBackoffMs: wholeMs(replaced.backoffMs, timings.stopBackoffMs),
    stopReportMs: wholeMs(replaced.reportMs, timings.stopReportMs),
  };
}

/** The timings `task`'s container runs by: `timings`, with what `hook` replaces in them. */
export function runTimings(
  timings: AgentTimings,
  hook: TimingOverrides['run'],
  task: Task,
): AgentTimings {
  const replaced = hook?.(taskInfo(task));
  if (!replaced) return timings;
  return {
    ...timings,
    processStartMs: wholeMs(replaced.execMs, timings.processStartMs),
    exitReportMs: wholeMs(replaced.exitReportMs, timings.exitReportMs),
  };
}

/** When the status batch writes `state` of `task`, ms after its report: what `hook` gives. */
export function statusWriteDelayMs(
  hook: TimingOverrides['statusWrite'],
  task: Task,
  state: TaskState,
  atMs: number,
): number | undefined {
  const ms = hook?.({ ...taskInfo(task), state, atMs });
  return ms === undefined ? undefined : wholeMs(ms, 0);
}
