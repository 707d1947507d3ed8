/**
 * Lists the seeds of the `agent.report` stream whose draws reproduce a case's recorded status
 * races (REPORT_SEEDS in replay.ts; docs/fidelity.md, known difference 14): run
 * `npx tsx test/fidelity/report-race-seeds.ts CASE [MAX]`. The facts come from the recording
 * alone, of two kinds:
 * - RUNNING races (FACTS): a task the poll saw RUNNING had it stored; a task the updater treated
 *   as never running had it lost; the others are free. Tasks are taken in creation order.
 * - The status batch's phase at the stops a stop-first updater waited on (STOP_FACTS): a task
 *   SIGKILLed at its grace's end (SHUTDOWN, exit 137) has that status as its last store write, so
 *   `docker inspect` pins the write (UpdatedAt) against the report (Status.Timestamp); the
 *   slot's new task starts from that write. Such a stop's delay must fall within
 *   STOP_TOLERANCE_MS of the recorded one; the nth such stop of a slot is the slot's nth on
 *   both sides. These cases replay with their recorded container steps, as cli-snapshots does.
 *   Other stops are not facts: a task never started (READY) is stopped when the dispatcher
 *   delivers its desired state, which swarmsim ties to the batch timer's grid.
 */
import {
  commandTime, loadRecording, replayCase, simulatedTasks, type Recording, type Replay,
  type TaskFacts,
} from './case.js';
import { agentOptions } from './cli-snapshots-support.js';

/** Per service: from when its tasks count, which must (true) or must not (false) run. */
interface RaceFacts {
  service: string;
  from: (name: string) => number;
  running: Record<number, boolean>;
}

/** When the case ran its `--update-order ORDER ... SERVICE` update. */
function updateTime(name: string, order: string, service: string): number {
  const words = `--update-order ${order} --update-failure-action pause --args`;
  return commandTime(loadRecording(name), `${words} 'sh -c '\\''exit 1'\\''' ${service}`);
}

const FACTS: Record<string, RaceFacts[]> = {
  // The poll saw RUNNING for tasks 1, 4, 5 and 6 (`sh` exits 33-69 ms after its start).
  'create-no-command': [
    { service: 'nocmd', from: () => 0, running: { 0: true, 3: true, 4: true, 5: true } },
  ],
  // web: the first new task's RUNNING stopped its old task, the second's never came (its old
  // task kept running); the poll saw the 3rd, 4th and 12th RUNNING. web2: the first new task's
  // never came (the stop-first updater did not move on).
  'update-immediate-exit': [
    { service: 'web', from: (name) => updateTime(name, 'start-first', 'web'),
      running: { 0: true, 1: false, 2: true, 3: true, 11: true } },
    { service: 'web2', from: (name) => updateTime(name, 'stop-first', 'web2'),
      running: { 0: false } },
  ],
};

/** Per service: the snapshot whose `docker inspect` holds every task of it. */
interface StopFacts {
  service: string;
  snapshot: string;
}

const STOP_FACTS: Record<string, StopFacts[]> = {
  // web1 (update 1-3-2) and web2 (parallelism 2): each slot's old task was SIGKILLed, and the
  // slot's new task started from its stored SHUTDOWN. Recorded delays, report to write: web1
  // 64, 25, 59 ms (slots 1, 2, 3), web2 55, 102, 59 ms.
  'update-auto-rollback': [
    { service: 'web1', snapshot: 'rollback-completed-1' },
    { service: 'web2', snapshot: 'rollback-completed-2' },
  ],
};

/** How far a simulated stop's write delay may be from the recorded one: half a batch period. */
const STOP_TOLERANCE_MS = 25;

const KILLED = 137;

/** Per slot, in creation order, the write delays (ms) of its SIGKILLed tasks' SHUTDOWN. */
function recordedStopDelays(recording: Recording, snapshot: string): Map<number, number[]> {
  const delays = new Map<number, number[]>();
  const killed = recording.snapshot(snapshot).filter(
    (task) => task.state === 'shutdown' && task.exitCode === KILLED && task.slot !== null,
  );
  for (const task of killed.sort((a, b) => a.createdT - b.createdT)) {
    const slot = delays.get(task.slot!) ?? [];
    slot.push(Math.round((task.updatedT - task.statusT) * 1000));
    delays.set(task.slot!, slot);
  }
  return delays;
}

function simulatedStopDelays(replay: Replay, service: string): Map<number, number[]> {
  const delays = new Map<number, number[]>();
  const tasks = replay.tasks.filter((task) => task.service === service && task.slot !== null);
  for (const task of tasks.sort((a, b) => a.createdT - b.createdT)) {
    const stop = task.states.find((s) => s.state === 'shutdown' && s.exitCode === KILLED);
    if (!stop) continue;
    const slot = delays.get(task.slot!) ?? [];
    slot.push(Math.round((stop.storedT - stop.t) * 1000));
    delays.set(task.slot!, slot);
  }
  return delays;
}

function stopsFit(recording: Recording, replay: Replay, facts: StopFacts[]): boolean {
  return facts.every(({ service, snapshot }) => {
    const simulated = simulatedStopDelays(replay, service);
    return [...recordedStopDelays(recording, snapshot)].every(([slot, recorded]) =>
      recorded.every((delay, nth) => {
        const found = simulated.get(slot)?.[nth];
        return found !== undefined && Math.abs(found - delay) <= STOP_TOLERANCE_MS;
      }),
    );
  });
}

function fits(tasks: TaskFacts[], running: Record<number, boolean>): boolean {
  return Object.entries(running).every(([index, want]) => {
    const task = tasks[Number(index)];
    return task !== undefined && task.states.some((entry) => entry.state === 'running') === want;
  });
}

const [name = '', max = '300'] = process.argv.slice(2);
const facts = FACTS[name] ?? [];
const stops = STOP_FACTS[name] ?? [];
if (facts.length === 0 && stops.length === 0) {
  const known = [...Object.keys(FACTS), ...Object.keys(STOP_FACTS)];
  throw new Error(`no race facts for ${name}; known: ${known.join(', ')}`);
}
const recording = loadRecording(name);
const found: number[] = [];
for (let seed = 1; seed <= Number(max); seed += 1) {
  const agent = stops.length > 0 ? { agent: agentOptions(name) } : {};
  const replay = replayCase(recording, { reportSeed: seed, ...agent });
  replay.runTo(40);
  const ok = facts.every(({ service, from, running }) => {
    const at = from(name);
    const tasks = simulatedTasks(replay, service).filter((task) => task.createdT >= at);
    return fits(tasks.sort((a, b) => a.createdT - b.createdT), running);
  });
  if (stops.length > 0) replay.runTo(recording.commands[recording.commands.length - 1]!.t_end);
  if (ok && stopsFit(recording, replay, stops)) found.push(seed);
}
console.log(`${name}: seeds ${found.join(' ') || '(none)'}`);
