/**
 * The race in update-auto-rollback's web1 rollback (docs/fidelity.md, the cli-snapshots table):
 * what the rollback did with the slot the update replaced last, read the same way from a real
 * run (the case's recording, or a re-run in `update-auto-rollback/reruns/N/`) and from swarmsim.
 * That slot's new task fails about when the rollback's worker reaches it. If the failure is
 * stored first, the worker skips the slot (difference 15) and the restart supervisor replaces
 * the task after its restart delay (5 s); if not, the worker replaces it, and its replacement
 * starts at once. So the outcome shows as how long the slot's next task took to run.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SimTask } from './replay.js';

/** One task as the race reads it, times in s since the run's T0. */
export interface RaceTask {
  slot: number;
  createdT: number;
  /** When it failed or ran (Status.Timestamp), null if it never did. */
  failedT: number | null;
  runningT: number | null;
}

/** What the rollback did with the slot updated last. */
export interface RaceOutcome {
  slot: number;
  outcome: 'replaced' | 'skipped';
  /** The slot's next task created minus its update task's failure report, s (null: no failure). */
  nextAfterFailureS: number | null;
}

/** The restart supervisor's delay (swarmkit's default, 5 s): a replacement slower ran after it. */
const RESTART_DELAY_S = 5;

interface InspectedTask {
  Slot: number;
  CreatedAt: string;
  Status: { Timestamp: string; State: string };
}

/** The web1 tasks of `dir`'s `snap-rollback-completed-1.tasks.json` (dir under real-docker/). */
export function realRaceTasks(dir: string): RaceTask[] {
  const root = fileURLToPath(new URL(`../fixtures/real-docker/${dir}/`, import.meta.url));
  const marks = readFileSync(`${root}marks.tsv`, 'utf8');
  const t0 = Date.parse(/^T0\t(\S+)/m.exec(marks)![1]!);
  const rel = (iso: string) => Math.round(Date.parse(iso) - t0) / 1000;
  const tasks = JSON.parse(
    readFileSync(`${root}snap-rollback-completed-1.tasks.json`, 'utf8'),
  ) as InspectedTask[];
  return tasks.map((task) => {
    const at = rel(task.Status.Timestamp);
    return {
      slot: task.Slot,
      createdT: rel(task.CreatedAt),
      failedT: task.Status.State === 'failed' ? at : null,
      runningT: task.Status.State === 'running' ? at : null,
    };
  });
}

/** The same, from a replay's tasks of `service`. */
export function simulatedRaceTasks(tasks: SimTask[], service: string): RaceTask[] {
  return tasks
    .filter((task) => task.service === service && task.slot !== null)
    .map((task) => ({
      slot: task.slot!,
      createdT: task.createdT,
      failedT: task.states.find((entry) => entry.state === 'failed')?.t ?? null,
      runningT: task.states.find((entry) => entry.state === 'running')?.t ?? null,
    }));
}

/**
 * Each slot's tasks in creation order are its first task, the update's (each slot's first
 * replacement: nothing failed before the update), then the next. The slot updated last is the
 * one whose update task came last; its next task ran within the restart delay (the worker's
 * replacement) or after it (the restart supervisor's).
 */
export function raceOutcome(tasks: RaceTask[]): RaceOutcome {
  const slots = new Map<number, RaceTask[]>();
  for (const task of [...tasks].sort((a, b) => a.createdT - b.createdT)) {
    slots.set(task.slot, [...(slots.get(task.slot) ?? []), task]);
  }
  const last = [...slots.values()]
    .filter((slot) => slot.length >= 3)
    .sort((a, b) => b[1]!.createdT - a[1]!.createdT)[0];
  if (!last) throw new Error('no slot with an update task and a next task');
  const [, update, next] = last as [RaceTask, RaceTask, RaceTask];
  if (next.runningT === null) throw new Error(`slot ${next.slot}: its next task never ran`);
  const failed = update.failedT;
  return {
    slot: next.slot,
    outcome: next.runningT - next.createdT < RESTART_DELAY_S ? 'replaced' : 'skipped',
    nextAfterFailureS: failed === null ? null : Math.round((next.createdT - failed) * 1000) / 1000,
  };
}
