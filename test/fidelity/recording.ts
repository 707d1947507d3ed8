/**
 * Reads one case of test/fixtures/real-docker (a recording of a real single-node swarm) into
 * plain facts: the commands with their times, the polled task sightings, the docker events and
 * the snapshots. Every time is in seconds since the case started (the recording's T0), as in the
 * fixture's own `*_t` columns.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../fixtures/real-docker/', import.meta.url));

/** One command the case ran, as commands.jsonl has it. */
export interface RecordedCommand {
  cmd: string;
  /** When it started, s. */
  t: number;
  /** When it returned, s. */
  t_end: number;
  exit: number;
  stdout: string;
  stderr: string;
}

/** First sighting of a (task, state, desired, exit code) by the background poll (timeline.tsv). */
export interface Sighting {
  /** When the poll saw it, s. */
  seenT: number;
  /** The task's Status.Timestamp, s; null on `(deleted)` rows. */
  statusT: number | null;
  service: string;
  /** Null for a global task (it has no slot). */
  slot: number | null;
  id: string;
  /** A task state, or `(deleted)` when the task left the store. */
  state: string;
  desired: string;
  exit: number | null;
  message: string;
  err: string;
}

/** A container event from `docker events` (create, start, kill, die, stop, destroy). */
export interface ContainerEvent {
  t: number;
  action: string;
  /** `web.1.<task id>` (replicated) or `g.<node id>.<task id>` (global). */
  taskName: string;
  /** The task id, from the container's labels. */
  taskId: string;
  /** Signal number of a kill, e.g. 15 or 9; null otherwise. */
  signal: number | null;
  /** Exit code of a die; null otherwise. */
  exitCode: number | null;
}

/** One task of a snapshot's `docker inspect`, with times relative to T0. */
export interface SnapshotTask {
  id: string;
  serviceId: string;
  /** Null when the JSON has no `Slot` key (global tasks). */
  slot: number | null;
  createdT: number;
  statusT: number;
  /** Meta.UpdatedAt: the task's last store write. */
  updatedT: number;
  state: string;
  desired: string;
  message: string;
  err: string;
  exitCode: number | null;
}

/** Everything a fidelity test needs from one recorded case. */
export interface Recording {
  name: string;
  /** UTC time of T0, ms since the epoch (only used to convert the daemon's timestamps). */
  t0EpochMs: number;
  commands: RecordedCommand[];
  timeline: Sighting[];
  containerEvents: ContainerEvent[];
  /** CreatedAt of every task the poll saw, s, by task id. */
  createdT: Map<string, number>;
  /** The tasks of snapshot `label`, in the order `service ps` listed them. */
  snapshot(label: string): SnapshotTask[];
  /** The label of every snapshot with a `docker inspect` of its tasks. */
  snapshotLabels: string[];
}

/** Loads case `name` (a folder of test/fixtures/real-docker). */
export function loadRecording(name: string): Recording {
  const dir = `${ROOT}${name}/`;
  const t0EpochMs = readT0(dir);
  const rel = (iso: string): number => round3((Date.parse(iso) - t0EpochMs) / 1000 + subMs(iso));
  return {
    name,
    t0EpochMs,
    commands: readJsonLines(`${dir}commands.jsonl`).map((line) => line as RecordedCommand),
    timeline: readTimeline(`${dir}timeline.tsv`),
    containerEvents: readContainerEvents(`${dir}events.jsonl`, t0EpochMs),
    createdT: readCreated(`${dir}poll.jsonl`, rel),
    snapshot: (label) => readSnapshot(`${dir}snap-${label}.tasks.json`, rel),
    snapshotLabels: readdirSync(dir)
      .map((file) => /^snap-(.+)\.tasks\.json$/.exec(file)?.[1])
      .filter((label): label is string => label !== undefined)
      .sort(),
  };
}

/** The start time (s) of the `nth` command whose text contains `fragment`. */
export function commandTime(recording: Recording, fragment: string, nth = 0): number {
  const matches = recording.commands.filter((command) => command.cmd.includes(fragment));
  const command = matches[nth];
  if (!command) throw new Error(`${recording.name}: no command #${nth} containing ${fragment}`);
  return command.t;
}

function readT0(dir: string): number {
  for (const line of readFileSync(`${dir}marks.tsv`, 'utf8').split('\n')) {
    const [name, iso] = line.split('\t');
    if (name === 'T0' && iso) return Date.parse(iso) + subMsOfIso(iso);
  }
  throw new Error(`${dir}: no T0 mark`);
}

/** Date.parse keeps milliseconds only; the sub-millisecond part of an ISO time, in ms. */
function subMsOfIso(iso: string): number {
  const fraction = /\.(\d+)Z$/.exec(iso)?.[1] ?? '';
  return fraction.length > 3 ? Number(`0.${fraction.slice(3)}`) : 0;
}

function subMs(iso: string): number {
  return subMsOfIso(iso) / 1000;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function readJsonLines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

function readTimeline(path: string): Sighting[] {
  const [header, ...rows] = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
  const columns = header!.split('\t');
  return rows.map((row) => {
    const cell = Object.fromEntries(row.split('\t').map((value, i) => [columns[i], value]));
    const optional = (value: string | undefined): number | null =>
      value === undefined || value === '' || value === 'null' ? null : Number(value);
    return {
      seenT: Number(cell.seen_t),
      statusT: optional(cell.status_t),
      service: cell.service ?? '',
      slot: optional(cell.slot),
      id: cell.id ?? '',
      state: cell.state ?? '',
      desired: cell.desired ?? '',
      exit: optional(cell.exit),
      message: cell.message ?? '',
      err: cell.err ?? '',
    };
  });
}

interface DockerEventLine {
  Type: string;
  Action: string;
  timeNano: number;
  Actor: { Attributes: Record<string, string> };
}

function readContainerEvents(path: string, t0EpochMs: number): ContainerEvent[] {
  return readJsonLines(path)
    .map((line) => line as DockerEventLine)
    .filter((event) => event.Type === 'container')
    .map((event) => {
      const attributes = event.Actor.Attributes;
      return {
        t: round3((event.timeNano / 1e6 - t0EpochMs) / 1000),
        action: event.Action,
        taskName: attributes['com.docker.swarm.task.name'] ?? '',
        taskId: attributes['com.docker.swarm.task.id'] ?? '',
        signal: attributes.signal === undefined ? null : Number(attributes.signal),
        exitCode: attributes.exitCode === undefined ? null : Number(attributes.exitCode),
      };
    });
}

interface PollLine {
  tasks: { id: string; created: string }[];
}

function readCreated(path: string, rel: (iso: string) => number): Map<string, number> {
  const created = new Map<string, number>();
  for (const line of readJsonLines(path) as PollLine[]) {
    for (const task of line.tasks) {
      if (!created.has(task.id)) created.set(task.id, rel(task.created));
    }
  }
  return created;
}

interface InspectedTask {
  ID: string;
  ServiceID: string;
  Slot?: number;
  CreatedAt: string;
  UpdatedAt: string;
  DesiredState: string;
  Status: {
    Timestamp: string;
    State: string;
    Message: string;
    Err?: string;
    ContainerStatus?: { ExitCode?: number };
  };
}

function readSnapshot(path: string, rel: (iso: string) => number): SnapshotTask[] {
  const tasks = JSON.parse(readFileSync(path, 'utf8')) as InspectedTask[];
  return tasks.map((task) => ({
    id: task.ID,
    serviceId: task.ServiceID,
    slot: task.Slot ?? null,
    createdT: rel(task.CreatedAt),
    statusT: rel(task.Status.Timestamp),
    updatedT: rel(task.UpdatedAt),
    state: task.Status.State,
    desired: task.DesiredState,
    message: task.Status.Message,
    err: task.Status.Err ?? '',
    exitCode: task.Status.ContainerStatus?.ExitCode ?? null,
  }));
}
