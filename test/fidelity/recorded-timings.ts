/**
 * Recorded timings: the real durations of each container step of a case (its create, start, run
 * and stop), fed to the agent in place of its calibrated ones (AgentOptions.overrides), so that
 * a replay tests swarmsim's logic on the recording's own timing rather than on the calibration
 * (docs/fidelity.md, "Replaying the recorded timings"). The calibration stays tested by
 * agent-calibration.test.ts. Starts are described here; the other steps at their readers.
 *
 * A real start lasts from the task's STARTING Status.Timestamp (timeline.tsv) to its container's
 * `start` event (events.jsonl), which is when the agent reports RUNNING (they agree to the ms).
 * A start whose STARTING the poll never saw has no recorded duration: the agent keeps its
 * calibrated one for it.
 *
 * Matching: the nth container start of a slot (service name and slot; a global task's node) in
 * the simulation gets the nth recorded start of that slot, both counted in order of starts. A
 * slot's starts are sequential on both sides, so the rule holds however the slots interleave,
 * and it is what a drifting crash loop keeps: its nth attempt, not its place among all starts.
 */
import type { ContainerTaskInfo, TimingOverrides } from '../../src/agent/timing-overrides.js';
import type { Recording } from './recording.js';

/** One slot's recorded starts in order, ms each (undefined: STARTING not seen). */
export type RecordedStarts = Map<string, (number | undefined)[]>;

/** The key of a slot: `service.slot`, or `service.node` for a global task. */
export function slotKey(service: string, slotOrNode: string): string {
  return `${service}.${slotOrNode}`;
}

/** The slot key of a recorded container: `web.3.<task id>` or `g.<node id>.<task id>`. */
function taskSlotKey(taskName: string, taskId: string): string {
  const prefix = taskName.slice(0, -(taskId.length + 1));
  const dot = prefix.lastIndexOf('.');
  return slotKey(prefix.slice(0, dot), prefix.slice(dot + 1));
}

/** Every container start of `recording`, by slot, in the order the containers started. */
export function recordedStarts(recording: Recording): RecordedStarts {
  return recordedSteps(recording, 'starting', 'start');
}

/**
 * Every container create of `recording`, by slot, in order: from the task's PREPARING
 * Status.Timestamp to its container's `create` event (undefined: PREPARING not seen).
 */
export function recordedCreates(recording: Recording): RecordedStarts {
  return recordedSteps(recording, 'preparing', 'create');
}

/** From each task's first `state` Status.Timestamp to its container's `action` event, by slot. */
function recordedSteps(recording: Recording, state: string, action: string): RecordedStarts {
  const began = new Map<string, number>();
  for (const sighting of recording.timeline) {
    if (sighting.state === state && sighting.statusT !== null && !began.has(sighting.id)) {
      began.set(sighting.id, sighting.statusT);
    }
  }
  const steps: RecordedStarts = new Map();
  const events = recording.containerEvents.filter((event) => event.action === action);
  for (const event of [...events].sort((a, b) => a.t - b.t)) {
    const key = taskSlotKey(event.taskName, event.taskId);
    const from = began.get(event.taskId);
    const list = steps.get(key) ?? [];
    steps.set(key, list);
    list.push(from === undefined ? undefined : Math.round((event.t - from) * 1000));
  }
  return steps;
}

/**
 * The agent hook that plays `starts` back: the nth start of a slot gets its nth recorded
 * duration; a start past the recorded ones, or one without a duration, keeps the calibrated one.
 * Global tasks are keyed by node ID in the simulation and by the real node ID in the recording,
 * which differ, so they keep the calibrated duration too.
 */
export function replayStarts(starts: RecordedStarts): NonNullable<TimingOverrides['start']> {
  const count = new Map<string, number>();
  const nth = new Map<string, number>();
  return (start) => {
    const key = slotOf(start);
    let index = nth.get(start.taskId);
    if (index === undefined) {
      index = count.get(key) ?? 0;
      count.set(key, index + 1);
      nth.set(start.taskId, index);
    }
    return starts.get(key)?.[index];
  };
}

/** One recorded stop, ms each (undefined: a piece the recording does not show). */
export interface RecordedStop {
  backoffMs: number | undefined;
  reportMs: number | undefined;
}

/** One slot's recorded stops in order. */
export type RecordedStops = Map<string, RecordedStop[]>;

/**
 * Every stop of a running container in `recording`, by slot, in order. A stop begins when the
 * agent sees the desired state and re-reports the running task with exit code -1 (that status's
 * timestamp). Its back-off runs from there to the SIGTERM; its report from the end of the grace
 * period (SIGTERM + the grace in whole seconds, as moby passes it) to the SHUTDOWN timestamp, so
 * it also carries docker's overshoot of the grace. A piece is known only when the stop ran to a
 * SIGKILL (busybox ignores SIGTERM); a process that ended on its own meanwhile leaves both out.
 * Global tasks are left out (their key is a node ID, which differs from the simulation's).
 * The re-report is the agent's own sight of the stop, even after a stop-first updater's write:
 * that write plus a fixed dispatch would miss the dispatcher's quiet period, which the
 * replacement's own changes in the same burst prolong (src/agent/assignment-batch.ts).
 */
export function recordedStops(recording: Recording): RecordedStops {
  const statusT = (taskId: string, state: string) =>
    recording.timeline.find((row) => row.id === taskId && row.state === state)?.statusT;
  const kill = (taskId: string, signal: number) =>
    recording.containerEvents.find(
      (event) => event.action === 'kill' && event.taskId === taskId && event.signal === signal,
    )?.t;
  const begun = recording.timeline.filter(
    (row, index, rows) =>
      row.state === 'running' && row.exit === -1 && row.statusT !== null && row.slot !== null &&
      rows.findIndex((other) => other.id === row.id && other.exit === -1) === index,
  );
  const stops: RecordedStops = new Map();
  for (const row of [...begun].sort((a, b) => a.statusT! - b.statusT!)) {
    const key = slotKey(row.service, String(row.slot));
    const list = stops.get(key) ?? [];
    stops.set(key, list);
    const term = kill(row.id, 15);
    const sigkill = kill(row.id, 9);
    const shutdown = statusT(row.id, 'shutdown');
    if (term === undefined || sigkill === undefined || shutdown == null) {
      list.push({ backoffMs: undefined, reportMs: undefined });
      continue;
    }
    const graceS = Math.floor(sigkill - term);
    list.push({
      backoffMs: Math.round((term - row.statusT!) * 1000),
      reportMs: Math.round((shutdown - term - graceS) * 1000),
    });
  }
  return stops;
}

/**
 * The agent hook that plays `stops` back: the nth stop of a running container in a slot gets
 * the slot's nth recorded stop; a stop past the recorded ones keeps the calibrated durations.
 */
export function replayStops(stops: RecordedStops): NonNullable<TimingOverrides['stop']> {
  return playBySlot(stops);
}

/** One container's recorded run, ms each (undefined: not recorded). */
export interface RecordedRun {
  execMs: number | undefined;
  exitReportMs: number | undefined;
}

/**
 * Every container run of `recording`, by slot, in the order the containers started (as starts
 * are). A process that exited on its own (no stop signal) lived from its container's `start` to
 * its `die` event: that life, less `programMs` (what the command model plays of the program
 * itself, e.g. 1000 for `sleep 1; exit 1`), is its exec; its exit report runs from the `die` to
 * the FAILED/COMPLETE Status.Timestamp. A stopped container's run is left out.
 */
export function recordedRuns(
  recording: Recording,
  programMs: number,
): Map<string, (RecordedRun | undefined)[]> {
  const events = recording.containerEvents;
  const ended = (taskId: string) =>
    recording.timeline.find(
      (row) => row.id === taskId && (row.state === 'failed' || row.state === 'complete'),
    )?.statusT ?? undefined;
  const runs = new Map<string, (RecordedRun | undefined)[]>();
  const starts = events.filter((event) => event.action === 'start');
  for (const start of [...starts].sort((a, b) => a.t - b.t)) {
    const key = taskSlotKey(start.taskName, start.taskId);
    const list = runs.get(key) ?? [];
    runs.set(key, list);
    const mine = events.filter((event) => event.taskId === start.taskId);
    const die = mine.find((event) => event.action === 'die');
    if (!die || mine.some((event) => event.action === 'kill')) {
      list.push(undefined);
      continue;
    }
    const reported = ended(start.taskId);
    list.push({
      execMs: Math.round((die.t - start.t) * 1000) - programMs,
      exitReportMs: reported === undefined ? undefined : Math.round((reported - die.t) * 1000),
    });
  }
  return runs;
}

/** The agent hook that plays `runs` back, the nth container of a slot getting its nth run. */
export function replayRuns(
  runs: Map<string, (RecordedRun | undefined)[]>,
): NonNullable<TimingOverrides['run']> {
  return playBySlot(runs);
}

/**
 * A hook asked once per step that hands the nth step of a slot the slot's nth recorded value
 * (a piece left undefined keeps its calibrated duration in the agent).
 */
function playBySlot<T>(bySlot: Map<string, (T | undefined)[]>) {
  const count = new Map<string, number>();
  return (step: ContainerTaskInfo): T | undefined => {
    const key = slotOf(step);
    const index = count.get(key) ?? 0;
    count.set(key, index + 1);
    return bySlot.get(key)?.[index];
  };
}

/** The recordings' key of the slot a simulated step belongs to. */
export function slotOf(step: ContainerTaskInfo): string {
  return slotKey(step.serviceName, step.slot === 0 ? step.nodeId : String(step.slot));
}
