/**
 * What a user reads in `docker service ps` and `docker service ls`, from both sides: parsed from
 * the recorded command output, and built from the simulated state at the same moment the way the
 * docker CLI builds its table (tasks by slot, newest first; CURRENT STATE is the state word and
 * the age of Status.Timestamp in whole seconds, as go-units' HumanDuration truncates it).
 */
import { expect } from 'vitest';
import { serviceByName, tasksOfService } from '../../src/model/state.js';
import { displayTaskState } from '../../src/model/task-state.js';
import type { Task } from '../../src/model/types.js';
import { formatReplicas, replicaCount } from '../../src/model/queries.js';
import { commandTime, type Recording } from './recording.js';
import type { Replay } from './replay.js';

/** One row of `service ps`. */
export interface PsRow {
  /** `web.1`, or `g` + node for a global task (the node id differs, so only `g.` is kept). */
  name: string;
  /** A history row (` \_ web.1`). */
  history: boolean;
  desired: string;
  /** CURRENT STATE's state word, e.g. `Running`. */
  state: string;
  /** CURRENT STATE's age in whole seconds (`less than a second` is 0). */
  ageS: number;
  error: string;
}

/** The rows of the `nth` recorded `docker service ps --no-trunc <services>` table. */
export function recordedPs(recording: Recording, services: string, nth = 0): PsRow[] {
  const cmd = `docker service ps --no-trunc ${services}`;
  const command = recording.commands.filter((c) => c.cmd === cmd)[nth];
  if (!command) throw new Error(`${recording.name}: no ${cmd} #${nth}`);
  const [header, ...lines] = command.stdout.split('\n').filter((line) => line.trim() !== '');
  const at = (title: string): number => header!.indexOf(title);
  const cell = (line: string, from: string, to: string): string =>
    line.slice(at(from), at(to)).trim();
  return lines.map((line) => {
    const rawName = cell(line, 'NAME', 'IMAGE');
    const current = cell(line, 'CURRENT STATE', 'ERROR');
    const [, state = '', age = ''] = /^(\S+) (.*) ago$/.exec(current) ?? [];
    return {
      name: shortName(rawName.replace(/^\\_ /, '')),
      history: rawName.startsWith('\\_'),
      desired: cell(line, 'DESIRED STATE', 'CURRENT STATE'),
      state,
      ageS: ageSeconds(age),
      error: cell(line, 'ERROR', 'PORTS'),
    };
  });
}

/** When the `nth` recorded `service ps --no-trunc <services>` ran, s. */
export function psTime(recording: Recording, services: string, nth = 0): number {
  return commandTime(recording, `docker service ps --no-trunc ${services}`, nth);
}

/** The simulated `service ps <services>` rows now (call after `runTo` the recorded time). */
export function simulatedPs(replay: Replay, services: string): PsRow[] {
  const { state } = replay.sim;
  const rows: PsRow[] = [];
  // docker lists the tasks of several services by service name.
  for (const name of services.split(' ').sort()) {
    const service = serviceByName(state, name);
    if (!service) continue;
    // A replicated task is named by its slot, a global one by its node.
    const keyOf = (task: Task): string => (task.slot > 0 ? String(task.slot) : task.nodeId);
    const tasks = [...tasksOfService(state, service.id)].sort(
      (a, b) => a.slot - b.slot || keyOf(a).localeCompare(keyOf(b)) || b.createdAt - a.createdAt,
    );
    let previousKey = '';
    for (const task of tasks) {
      const key = keyOf(task);
      rows.push(simRow(name, task, key === previousKey, replay.sim.now));
      previousKey = key;
    }
  }
  return rows;
}

function simRow(service: string, task: Task, history: boolean, nowMs: number): PsRow {
  return {
    name: task.slot > 0 ? `${service}.${task.slot}` : `${service}.`,
    history,
    desired: displayTaskState(task.desiredState),
    state: displayTaskState(task.status.state),
    ageS: Math.trunc((nowMs - task.status.timestamp) / 1000),
    error: task.status.err ? `"${task.status.err}"` : '',
  };
}

/** `g.<node id>` -> `g.`: node ids differ between the recording and the simulation. */
function shortName(name: string): string {
  return /^[^.]+\.\d+$/.test(name) ? name : name.replace(/\..*$/, '.');
}

function ageSeconds(age: string): number {
  if (age === 'less than a second') return 0;
  const seconds = /^(\d+) seconds?$/.exec(age);
  if (seconds) return Number(seconds[1]);
  throw new Error(`unexpected age ${age}`);
}

/**
 * The simulated table must have the recorded rows in the same order with the same names,
 * history marks, desired states, state words and errors, and ages within `ageToleranceS`.
 */
export function expectPsMatch(sim: PsRow[], real: PsRow[], ageToleranceS = 1): void {
  const words = (rows: PsRow[]) => rows.map(({ ageS: _age, ...rest }) => rest);
  expect(words(sim)).toEqual(words(real));
  sim.forEach((row, index) => {
    const recorded = real[index]!;
    const what =
      `age of ${row.name} (${row.state}): simulated ${row.ageS} s, recorded ${recorded.ageS} s`;
    expect(Math.abs(row.ageS - recorded.ageS), what).toBeLessThanOrEqual(ageToleranceS);
  });
}

/** REPLICAS of `service` in the `nth` recorded `docker service ls`. */
export function recordedReplicas(recording: Recording, service: string, nth = 0): string {
  const command = recording.commands.filter((c) => c.cmd === 'docker service ls')[nth];
  if (!command) throw new Error(`${recording.name}: no service ls #${nth}`);
  const row = command.stdout.split('\n').find((line) => line.split(/\s+/)[1] === service);
  if (!row) throw new Error(`${recording.name}: ${service} not in service ls #${nth}`);
  return row.split(/\s+/)[3]!;
}

/** When the `nth` recorded `docker service ls` ran, s. */
export function lsTime(recording: Recording, nth = 0): number {
  return recording.commands.filter((c) => c.cmd === 'docker service ls')[nth]!.t;
}

/** REPLICAS of `service` in the simulation now. */
export function simulatedReplicas(replay: Replay, name: string): string {
  const service = serviceByName(replay.sim.state, name);
  if (!service) throw new Error(`no service ${name}`);
  return formatReplicas(service, replicaCount(replay.sim.state, service));
}
