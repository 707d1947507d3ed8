/**
 * Recorded status writes: when the dispatcher's status batch stored a reported state move, for
 * the moves a recording pins, fed to the agent's status path (TimingOverrides.statusWrite) in
 * place of its own batch timer for those writes (docs/fidelity.md, "Replaying the recorded
 * timings"). The real timer ticks every 100 ms after its last batch is stored, and each stored
 * batch adds its raft commit to the period, so its phase wanders by tens of ms within a second
 * (update-auto-rollback's pinned writes fall on 6 different phases in 40 s). A seeded phase
 * cannot follow it; the recording can, where it shows a write.
 *
 * A write is pinned when a task's last store write was the status itself: `docker inspect`
 * then gives both the report (Status.Timestamp) and the write (Meta.UpdatedAt). That holds for a
 * task seen RUNNING with desired state running, and for a SHUTDOWN task (its desired state was
 * written before the agent stopped it). A FAILED or COMPLETE task is not pinned: the
 * orchestrator's desired-state write follows the status and moves UpdatedAt.
 *
 * Matching: a simulated report gets the recorded write of the same slot and state whose report
 * was nearest in time, within MATCH_MS, each recorded write used once.
 */
import type { StatusWriteInfo, TimingOverrides } from '../../src/agent/timing-overrides.js';
import { slotKey, slotOf } from './recorded-timings.js';
import type { Recording, SnapshotTask } from './recording.js';

/** One pinned write: when the agent reported the state, and how long the store took, ms. */
export interface RecordedWrite {
  reportMs: number;
  delayMs: number;
}

/** Pinned writes by `slot key/state`. */
export type RecordedWrites = Map<string, RecordedWrite[]>;

/** How far a simulated report may be from the recorded one it takes the write of, ms. */
const MATCH_MS = 250;

/** A status write slower than this is not a batch tick but something else's write, ms. */
const MAX_BATCH_DELAY_MS = 250;

/**
 * The delay from `task`'s report to its store write, ms, when its last write was its status
 * (module comment), else undefined.
 */
export function pinnedWriteMs(task: SnapshotTask): number | undefined {
  const pinned =
    (task.state === 'running' && task.desired === 'running') || task.state === 'shutdown';
  const delayMs = Math.round((task.updatedT - task.statusT) * 1000);
  return pinned && delayMs >= 0 && delayMs <= MAX_BATCH_DELAY_MS ? delayMs : undefined;
}

/** Every pinned status write of `recording`, from the latest `docker inspect` of each task. */
export function recordedWrites(recording: Recording): RecordedWrites {
  const latest = new Map<string, SnapshotTask>();
  for (const label of recording.snapshotLabels) {
    for (const task of recording.snapshot(label)) {
      const seen = latest.get(task.id);
      if (!seen || seen.updatedT < task.updatedT) latest.set(task.id, task);
    }
  }
  const serviceOf = new Map(recording.timeline.map((row) => [row.id, row.service]));
  const writes: RecordedWrites = new Map();
  for (const task of latest.values()) {
    const service = serviceOf.get(task.id);
    const delayMs = pinnedWriteMs(task);
    if (!service || task.slot === null || delayMs === undefined) continue;
    const key = `${slotKey(service, String(task.slot))}/${task.state}`;
    const list = writes.get(key) ?? [];
    list.push({ reportMs: Math.round(task.statusT * 1000), delayMs });
    writes.set(key, list);
  }
  return writes;
}

/** The agent hook that plays `writes` back (each recorded write taken at most once). */
export function replayWrites(writes: RecordedWrites): NonNullable<TimingOverrides['statusWrite']> {
  const used = new Set<RecordedWrite>();
  return (write: StatusWriteInfo): number | undefined => {
    const candidates = (writes.get(`${slotOf(write)}/${write.state}`) ?? [])
      .filter((entry) => !used.has(entry) && Math.abs(entry.reportMs - write.atMs) <= MATCH_MS)
      .sort((a, b) => Math.abs(a.reportMs - write.atMs) - Math.abs(b.reportMs - write.atMs));
    const nearest = candidates[0];
    if (!nearest) return undefined;
    used.add(nearest);
    return nearest.delayMs;
  };
}
