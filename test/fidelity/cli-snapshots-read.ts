/**
 * When the real `docker service ps` of a snapshot read its task list. The CLI resolves the
 * service, lists its tasks, then looks up nodes and prints, so the read falls somewhere in the
 * command's run; the output pins it from below: the store held every task it lists (each task's
 * CreatedAt) in the state it shows (that state's Status.Timestamp; the store writes a status
 * after it). In every recorded snapshot but one that bound lies before the command's start,
 * which is then taken as the read (what the test did before). The exception,
 * update-pause-on-failure `paused`, a 0.47 s command on the loaded recorder, lists a task created
 * 0.22 s and stored Assigned no sooner than 0.30 s after it started: the read came at least that
 * late, and the snapshot is taken at that bound.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
  let earliest = command.t;
  for (const line of stdout.split('\n').filter((text) => text.trim() !== '')) {
    const row = JSON.parse(line) as PsLine;
    const state = row.CurrentState.split(' ')[0]!.toLowerCase();
    const shown = recording.timeline.find(
      (sighting) => sighting.id === row.ID && sighting.state === state,
    );
    const bounds = [recording.createdT.get(row.ID), shown?.statusT ?? undefined];
    for (const bound of bounds) if (bound !== undefined && bound > earliest) earliest = bound;
  }
  return earliest;
}
