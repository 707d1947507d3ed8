/**
 * One import for a fidelity test: the recording, replay, facts and views helpers, plus the set-up
 * every case test repeats (load a case, replay it to a time, take both sides' tasks of a service)
 * and the readers for the update cases' service poll (REPLICAS and UpdateStatus over time).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serviceByName } from '../../src/model/state.js';
import type { Service } from '../../src/model/types.js';
import { recordedTasks, simulatedTasks, type TaskFacts } from './facts.js';
import type { Recording } from './recording.js';
import { replayCase, type Replay } from './replay.js';
import { simulatedReplicas } from './views.js';

export * from './facts.js';
export * from './recording.js';
export * from './replay.js';
export * from './views.js';

/** A case replayed to some time, with both sides' tasks of one service. */
export interface Replayed {
  replay: Replay;
  real: TaskFacts[];
  sim: TaskFacts[];
}

/** Replays `recording` to `untilS` (s since T0) and takes both sides' tasks of `service`. */
export function replayTasks(
  recording: Recording,
  service: string,
  untilS: number,
  options: Parameters<typeof replayCase>[1] = {},
): Replayed {
  const replay = replayCase(recording, options);
  replay.runTo(untilS);
  return { replay, real: recordedTasks(recording, service), sim: simulatedTasks(replay, service) };
}

/** The simulated service named `name`; throws if there is none. */
export function simService(replay: Replay, name: string): Service {
  const service = serviceByName(replay.sim.state, name);
  if (!service) throw new Error(`no simulated service ${name}`);
  return service;
}

/** The path of `file` in the case's fixture folder. */
function fixtureFile(recording: Recording, file: string): string {
  return fileURLToPath(
    new URL(`../fixtures/real-docker/${recording.name}/${file}`, import.meta.url),
  );
}

/** Converts a daemon timestamp (ISO, or absent) to s since the recording's T0 (ms precision). */
function relativeTo(recording: Recording): (iso: string | undefined) => number | null {
  return (iso) =>
    iso === undefined ? null : Math.round(Date.parse(iso) - recording.t0EpochMs) / 1000;
}

/** A service's update facts, from either side (times in s since T0). */
export interface UpdateFacts {
  /** UpdateStatus.State, '' when UpdateStatus is null. */
  state: string;
  message: string;
  startedT: number | null;
  completedT: number | null;
  hasPrevious: boolean;
  /** Spec's container args. */
  args: string[];
}

/** One change seen by the update cases' service poll (service-poll.jsonl). */
export interface ServiceSighting extends UpdateFacts {
  t: number;
  /** `service ls` REPLICAS. */
  replicas: string;
}

interface PollLine {
  t: number;
  replicas: string;
  svc: {
    us: { State: string; Message?: string; StartedAt?: string; CompletedAt?: string } | null;
    prev: boolean;
    args: string[] | null;
  };
}

/** The service poll of `recording`, one row per change of REPLICAS, UpdateStatus or spec. */
export function servicePoll(recording: Recording): ServiceSighting[] {
  const rel = relativeTo(recording);
  const lines = readFileSync(fixtureFile(recording, 'service-poll.jsonl'), 'utf8').split('\n');
  return lines.filter((line) => line !== '').map((line) => {
    const { t, replicas, svc } = JSON.parse(line) as PollLine;
    return {
      t,
      replicas,
      state: svc.us?.State ?? '',
      message: svc.us?.Message ?? '',
      startedT: rel(svc.us?.StartedAt),
      completedT: rel(svc.us?.CompletedAt),
      hasPrevious: svc.prev,
      args: svc.args ?? [],
    };
  });
}

/** The distinct values of `pick` in order of first appearance (e.g. UpdateStatus states). */
export function distinctInOrder<T>(rows: T[], pick: (row: T) => string): string[] {
  const seen: string[] = [];
  for (const row of rows) if (seen.at(-1) !== pick(row)) seen.push(pick(row));
  return seen;
}

/** The simulated REPLICAS of `service` every `stepS` from `fromS` to `toS` (runs the replay on). */
export function simulatedReplicasOver(
  replay: Replay,
  service: string,
  fromS: number,
  toS: number,
  stepS = 0.05,
): string[] {
  const seen: string[] = [];
  for (let t = fromS; t <= toS; t += stepS) {
    replay.runTo(t);
    seen.push(simulatedReplicas(replay, service));
  }
  return seen;
}

/** A service as `docker service inspect` showed it in snapshot `label` (times in s). */
export interface SnapshotService extends UpdateFacts {
  name: string;
  previousArgs: string[] | null;
}

interface InspectedService {
  Spec: { Name: string; TaskTemplate: { ContainerSpec: { Args?: string[] } } };
  PreviousSpec?: { TaskTemplate: { ContainerSpec: { Args?: string[] } } };
  UpdateStatus?: { State: string; Message?: string; StartedAt?: string; CompletedAt?: string };
}

/** The services of snapshot `label` (snap-LABEL.service.json). */
export function snapshotServices(recording: Recording, label: string): SnapshotService[] {
  const rel = relativeTo(recording);
  const path = fixtureFile(recording, `snap-${label}.service.json`);
  return (JSON.parse(readFileSync(path, 'utf8')) as InspectedService[]).map((service) => ({
    name: service.Spec.Name,
    state: service.UpdateStatus?.State ?? '',
    message: service.UpdateStatus?.Message ?? '',
    startedT: rel(service.UpdateStatus?.StartedAt),
    completedT: rel(service.UpdateStatus?.CompletedAt),
    hasPrevious: service.PreviousSpec !== undefined,
    args: service.Spec.TaskTemplate.ContainerSpec.Args ?? [],
    previousArgs: service.PreviousSpec?.TaskTemplate.ContainerSpec.Args ?? null,
  }));
}

/** The simulated service in the same shape as `snapshotServices` (times in s). */
export function simulatedSnapshot(replay: Replay, name: string): SnapshotService {
  const service = simService(replay, name);
  const status = service.updateStatus;
  const seconds = (ms: number | null | undefined): number | null =>
    ms === null || ms === undefined ? null : ms / 1000;
  return {
    name,
    state: status?.state ?? '',
    message: status?.message ?? '',
    startedT: seconds(status?.startedAt),
    completedT: seconds(status?.completedAt),
    hasPrevious: service.previousSpec !== null,
    args: service.spec.task.container.args,
    previousArgs: service.previousSpec ? service.previousSpec.task.container.args : null,
  };
}
