/**
 * The facts a fidelity test compares, extracted the same way from a recording and from a replay:
 * per task its slot, the observed states it was seen in with when it entered them, its last
 * status and desired state, its status re-reports, and when it left the store. Times are s since
 * T0 on both sides.
 */
import { expect } from 'vitest';
import type { Recording } from './recording.js';
import type { Replay, SimTask } from './replay.js';

/** One task's story, from either side. */
export interface TaskFacts {
  id: string;
  service: string;
  /** Null for a global task. */
  slot: number | null;
  createdT: number;
  /** Observed states in order, each with when it was entered (Status.Timestamp) and message. */
  states: { state: string; t: number; message: string }[];
  /** The last status seen. */
  last: { state: string; desired: string; message: string; err: string; exit: number | null };
  /** Status re-reports without a state change (Status.Timestamp moved, state did not). */
  refreshes: number[];
  /** When the task was gone from the store: first poll without it (recording) or removal. */
  goneT: number | null;
}

/** The recorded tasks of `service`, oldest first. */
export function recordedTasks(recording: Recording, service: string): TaskFacts[] {
  const tasks = new Map<string, TaskFacts>();
  for (const row of recording.timeline) {
    if (row.service !== service) continue;
    let task = tasks.get(row.id);
    if (!task) {
      const createdT = recording.createdT.get(row.id) ?? row.statusT ?? row.seenT;
      const last = { state: '', desired: '', message: '', err: '', exit: null };
      task = { id: row.id, service, slot: row.slot, createdT, states: [], refreshes: [], last,
        goneT: null };
      tasks.set(row.id, task);
    }
    if (row.state === '(deleted)') {
      task.goneT = row.seenT;
      continue;
    }
    const previous = task.states[task.states.length - 1];
    if (previous?.state !== row.state) {
      task.states.push({ state: row.state, t: row.statusT!, message: row.message });
    }
    else if (row.statusT !== previous.t && !task.refreshes.includes(row.statusT!)) {
      task.refreshes.push(row.statusT!);
    }
    task.last = { state: row.state, desired: row.desired, message: row.message, err: row.err,
      exit: row.exit };
  }
  return [...tasks.values()].sort((a, b) => a.createdT - b.createdT);
}

/** The simulated tasks of `service`, oldest first. */
export function simulatedTasks(replay: Replay, service: string): TaskFacts[] {
  return replay.tasks.filter((task) => task.service === service).map(simFacts);
}

function simFacts(task: SimTask): TaskFacts {
  const last = task.states[task.states.length - 1]!;
  return {
    id: task.id,
    service: task.service,
    slot: task.slot,
    createdT: task.createdT,
    states: task.states.map(({ state, t, message }) => ({ state, t, message })),
    last: { state: last.state, desired: task.desired[task.desired.length - 1]!.state,
      message: last.message, err: last.err, exit: last.exitCode },
    refreshes: task.refreshes.map((refresh) => refresh.t),
    goneT: task.removedT,
  };
}

/** Tasks grouped by slot (`1`, `2`... or `global`), each group oldest first. */
export function bySlot(tasks: TaskFacts[]): Map<string, TaskFacts[]> {
  const groups = new Map<string, TaskFacts[]>();
  for (const task of tasks) {
    const key = task.slot === null ? 'global' : String(task.slot);
    groups.set(key, [...(groups.get(key) ?? []), task]);
  }
  return groups;
}

/** When `task` entered `state`; throws if it never did, naming the task. */
export function enteredAt(task: TaskFacts, state: string): number {
  const found = task.states.find((entry) => entry.state === state);
  if (!found) throw new Error(`${task.service}.${task.slot} ${task.id} never was ${state}`);
  return found.t;
}

/** The message `task` reported on entering `state`. */
export function messageOf(task: TaskFacts, state: string): string {
  return task.states.find((entry) => entry.state === state)?.message ?? '';
}

/** The state names in order. */
export function stateNames(task: TaskFacts): string[] {
  return task.states.map((entry) => entry.state);
}

/**
 * States an agent leaves within one status batch (its accept, a container create, or no work of
 * its own): the dispatcher writes only a task's latest status every 100 ms, so either store may
 * skip them, and the poll saw them on the real side only when that store held one.
 */
const TRANSIENT_STATES = ['accepted', 'preparing', 'ready'];

/**
 * The recorded states must appear in the simulated sequence in the same order (the poll misses
 * short-lived states, so the simulation may show more), each with the same message, and both
 * must end in the same state. A recorded transient state the simulated store skipped is let go.
 */
export function expectStatesMatch(sim: TaskFacts, real: TaskFacts): void {
  const simStates = stateNames(sim);
  const realStates = stateNames(real).filter(
    (state) => simStates.includes(state) || !TRANSIENT_STATES.includes(state),
  );
  let next = 0;
  for (const state of simStates) if (state === realStates[next]) next += 1;
  expect(next, `recorded ${realStates.join(' > ')} within simulated ${simStates.join(' > ')}`)
    .toBe(realStates.length);
  expect(simStates[simStates.length - 1]).toBe(realStates[realStates.length - 1]);
  const messages = (task: TaskFacts) =>
    realStates.map((state) => `${state}: ${messageOf(task, state)}`);
  expect(messages(sim)).toEqual(messages(real));
}

/**
 * The last status and desired state must be equal, texts exactly. The exit code is compared once
 * the container has ended: before that docker shows its container's 0 (or -1 after a cancelled
 * wait) where swarmsim has no exit code yet.
 */
export function expectLastStatusMatch(sim: TaskFacts, real: TaskFacts): void {
  const ended = ['complete', 'failed', 'shutdown'].includes(real.last.state);
  const strip = ({ exit, ...rest }: TaskFacts['last']) => (ended ? { ...rest, exit } : rest);
  expect(strip(sim.last), `${real.service}.${real.slot ?? 'global'} ${real.id}`).toEqual(
    strip(real.last),
  );
}

/** `simT` must be within `toleranceS` of `realT`; `what` names the fact in the failure. */
export function expectTimeNear(
  simT: number,
  realT: number,
  toleranceS: number,
  what: string,
): void {
  const ms = (seconds: number): number => Math.round(seconds * 1000) / 1000;
  const off = ms(simT - realT);
  const text = `${what}: simulated ${ms(simT)} s, recorded ${ms(realT)} s (off by ${off} s)`;
  expect(Math.abs(off), text).toBeLessThanOrEqual(toleranceS);
}

/**
 * `sim` and `real` entered `state` at the same time within `toleranceS`, each measured from its
 * own origin (`from`: one time for both, or [simulated, recorded]).
 */
export function expectEnteredNear(
  sim: TaskFacts,
  real: TaskFacts,
  state: string,
  from: number | [number, number],
  toleranceS: number,
  what: string,
): void {
  const [simFrom, realFrom] = typeof from === 'number' ? [from, from] : from;
  const simT = enteredAt(sim, state) - simFrom;
  expectTimeNear(simT, enteredAt(real, state) - realFrom, toleranceS, `${what}: ${state}`);
}

/** The tasks that exist (created, not yet gone) at time `t`. */
export function presentAt(tasks: TaskFacts[], t: number): TaskFacts[] {
  return tasks.filter((task) => task.createdT <= t && (task.goneT === null || task.goneT > t));
}
