/**
 * Recorded timings: the real duration of each container start of a case, fed to the agent in
 * place of its calibrated one (AgentOptions.startMsOverride), so that a replay tests swarmsim's
 * logic on the recording's own timing rather than on the calibration (docs/fidelity.md,
 * "Replaying the recorded timings"). The calibration stays tested by agent-calibration.test.ts.
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
import type { StartMsOverride } from '../../src/agent/timings.js';
import type { Recording } from './recording.js';

/** One slot's recorded starts in order, ms each (undefined: STARTING not seen). */
export type RecordedStarts = Map<string, (number | undefined)[]>;

/** The key of a slot: `service.slot`, or `service.node` for a global task. */
function slotKey(service: string, slotOrNode: string): string {
  return `${service}.${slotOrNode}`;
}

/** Every container start of `recording`, by slot, in the order the containers started. */
export function recordedStarts(recording: Recording): RecordedStarts {
  const starting = new Map<string, number>();
  for (const sighting of recording.timeline) {
    if (sighting.state === 'starting' && sighting.statusT !== null && !starting.has(sighting.id)) {
      starting.set(sighting.id, sighting.statusT);
    }
  }
  const starts: RecordedStarts = new Map();
  const events = recording.containerEvents.filter((event) => event.action === 'start');
  for (const event of [...events].sort((a, b) => a.t - b.t)) {
    // `web.3.<task id>` or `g.<node id>.<task id>`: the slot is what precedes the task id.
    const prefix = event.taskName.slice(0, -(event.taskId.length + 1));
    const dot = prefix.lastIndexOf('.');
    const key = slotKey(prefix.slice(0, dot), prefix.slice(dot + 1));
    const began = starting.get(event.taskId);
    const list = starts.get(key) ?? [];
    starts.set(key, list);
    list.push(began === undefined ? undefined : Math.round((event.t - began) * 1000));
  }
  return starts;
}

/**
 * The agent hook that plays `starts` back: the nth start of a slot gets its nth recorded
 * duration; a start past the recorded ones, or one without a duration, keeps the calibrated one.
 * Global tasks are keyed by node ID in the simulation and by the real node ID in the recording,
 * which differ, so they keep the calibrated duration too.
 */
export function replayStarts(starts: RecordedStarts): StartMsOverride {
  const count = new Map<string, number>();
  const nth = new Map<string, number>();
  return (start) => {
    const key = slotKey(start.serviceName, start.slot === 0 ? start.nodeId : String(start.slot));
    let index = nth.get(start.taskId);
    if (index === undefined) {
      index = count.get(key) ?? 0;
      count.set(key, index + 1);
      nth.set(start.taskId, index);
    }
    return starts.get(key)?.[index];
  };
}
