/**
 * When the real `docker service ps` of a snapshot read its task list. The CLI resolves the
 * service, lists its tasks, then looks up nodes and prints, so the read falls somewhere in the
 * command's run; the output pins it from below: the store held every task it lists (each task's
 * CreatedAt) in the state it shows (that state's Status.Timestamp, and, when the snapshot's
 * `docker inspect` pins the status's write, recorded-writes.ts, that write). In every recorded
 * snapshot but two that bound lies before the command's start, which is then taken as the read.
 * The exceptions: update-pause-on-failure `paused`, a 0.47 s command on the loaded recorder,
 * lists a task created 0.22 s and stored Assigned no sooner than 0.30 s after it started; and
 * update-auto-rollback `rollback-started-1` shows a Shutdown written 0.08 s into its 0.16 s
 * command. The read came at least that late, and the snapshot is taken at that bound.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pinnedWriteMs } from './recorded-writes.js';
import { loadRecording, type RecordedCommand } from './recording.js';

const ROOT = fileURLToPath(new URL('../fixtures/real-docker/', import.meta.url));

interface PsLine {
  ID: string;
  CurrentState: string;
}

/**
 * The time (s since T0) to take the `service ps` snapshot `command` of case `name` at, whose
 * recorded output is `stdout`: its start, or the earliest moment its output allows if later.
 */
export function psReadTime(name: string, command: RecordedCommand, stdout: string): number {
  if (!existsSync(`${ROOT}${name}/timeline.tsv`)) return command.t;
  const recording = loadRecording(name);
  const label = /snap-(.+)\.service-ps\.jsonl/.exec(command.cmd)?.[1];
  const inspected = label === undefined ? [] : recording.snapshot(label);
  let earliest = command.t;
  for (const line of stdout.split('\n').filter((text) => text.trim() !== '')) {
    const row = JSON.parse(line) as PsLine;
    const state = row.CurrentState.split(' ')[0]!.toLowerCase();
    const shown = recording.timeline.find(
      (sighting) => sighting.id === row.ID && sighting.state === state,
    );
    const bounds = [recording.createdT.get(row.ID), shown?.statusT ?? undefined];
    const task = inspected.find((candidate) => candidate.id === row.ID);
    if (task?.state === state && pinnedWriteMs(task) !== undefined) bounds.push(task.updatedT);
    for (const bound of bounds) if (bound !== undefined && bound > earliest) earliest = bound;
  }
  return earliest;
}
