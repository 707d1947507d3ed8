/**
 * Lists the seeds of the `agent.report` stream whose draws reproduce a case's recorded status
 * races (REPORT_SEEDS in replay.ts; docs/fidelity.md, known difference 14): run
 * `npx tsx test/fidelity/report-race-seeds.ts CASE [MAX]`. The facts come from the recording
 * alone: a task the poll saw RUNNING had it stored; a task the updater treated as never running
 * had it lost; the others are free. Tasks are taken in creation order. (The status writes a
 * recording pins need no seed: the replay makes them when they were, recorded-writes.ts.)
 */
import { commandTime, loadRecording, replayCase, simulatedTasks, type TaskFacts } from './case.js';

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

function fits(tasks: TaskFacts[], running: Record<number, boolean>): boolean {
  return Object.entries(running).every(([index, want]) => {
    const task = tasks[Number(index)];
    return task !== undefined && task.states.some((entry) => entry.state === 'running') === want;
  });
}

const [name = '', max = '300'] = process.argv.slice(2);
const facts = FACTS[name];
if (!facts) throw new Error(`no race facts for ${name}; known: ${Object.keys(FACTS).join(', ')}`);
const recording = loadRecording(name);
const found: number[] = [];
for (let seed = 1; seed <= Number(max); seed += 1) {
  // On the calibrated timings, as the case's own fidelity test replays it.
  const replay = replayCase(recording, { reportSeed: seed });
  replay.runTo(40);
  const ok = facts.every(({ service, from, running }) => {
    const at = from(name);
    const tasks = simulatedTasks(replay, service).filter((task) => task.createdT >= at);
    return fits(tasks.sort((a, b) => a.createdT - b.createdT), running);
  });
  if (ok) found.push(seed);
}
console.log(`${name}: seeds ${found.join(' ') || '(none)'}`);
