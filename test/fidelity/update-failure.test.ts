/**
 * update-pause-on-failure, update-continue, update-auto-rollback: 3 replicas updated to
 * `sh -c 'sleep 1; exit 1'`. With the default failure action the update pauses, naming the first
 * failed task; with `continue` it completes; with `rollback` (max failure ratio 0.5) it rolls
 * back, PreviousSpec is cleared and a manual rollback is refused. Compared with the replay.
 */
import { describe, expect, it } from 'vitest';
import {
  bySlot, commandTime, distinctInOrder, enteredAt, expectLastStatusMatch, expectStatesMatch,
  expectTimeNear, loadRecording, replayCase, replayTasks, servicePoll, simulatedSnapshot,
  snapshotServices, type Recording, type TaskFacts,
} from './case.js';

const FAILING = `docker service update -d --args 'sh -c '\\''sleep 1; exit 1'\\''' `;
const FAILED_TEXTS = { state: 'failed', desired: 'shutdown', message: 'started',
  err: 'task: non-zero exit (1)', exit: 1 };

/** Slots that got a task of the new spec (created at or after the update). */
function updatedSlots(tasks: TaskFacts[], at: number): number[] {
  return [...new Set(tasks.filter((task) => task.createdT >= at).map((task) => task.slot!))].sort();
}

/** The `nth` task created at or after `at` to fail (0: the first). */
function nthFailed(tasks: TaskFacts[], at: number, nth: number): TaskFacts {
  const failed = tasks.filter((task) => task.createdT >= at && task.last.state === 'failed');
  return failed.sort((a, b) => enteredAt(a, 'failed') - enteredAt(b, 'failed'))[nth]!;
}

/** The first failed task of the new spec: the one a pause names. */
function firstFailed(tasks: TaskFacts[], at: number): TaskFacts {
  return nthFailed(tasks, at, 0);
}

/** Every task of the new spec that ended failed has the recorded failure texts on both sides. */
function expectCrashLoopTexts(real: TaskFacts[], sim: TaskFacts[], at: number): void {
  for (const tasks of [real, sim]) {
    const failed = tasks.filter((task) => task.createdT >= at && task.last.state === 'failed');
    expect(failed.length).toBeGreaterThanOrEqual(3);
    for (const task of failed) expect(task.last).toEqual(FAILED_TEXTS);
  }
  const [realFirst, simFirst] = [firstFailed(real, at), firstFailed(sim, at)];
  expectStatesMatch(simFirst, realFirst);
  expectLastStatusMatch(simFirst, realFirst);
}

describe('fidelity: update-pause-on-failure', () => {
  const recording = loadRecording('update-pause-on-failure');
  const at = commandTime(recording, FAILING);

  it('updates two slots, leaves the third running the old spec, restarts the failed ones', () => {
    const { real, sim } = replayTasks(recording, 'web', 30);
    expect(updatedSlots(real, at)).toHaveLength(2);
    expect(updatedSlots(sim, at)).toHaveLength(2);
    for (const tasks of [real, sim]) {
      const untouched = [...bySlot(tasks).values()].filter((slot) => slot.length === 1);
      expect(untouched.map((slot) => slot[0]!.last.state)).toEqual(['running']);
    }
    expectCrashLoopTexts(real, sim, at);
  });

  it('pauses: "update paused due to failure or early termination of task <first failed>"', () => {
    const poll = servicePoll(recording);
    expect(distinctInOrder(poll, (row) => row.state)).toEqual(['', 'updating', 'paused']);
    const { replay, real, sim } = replayTasks(recording, 'web', 30);
    const message = (tasks: TaskFacts[]) =>
      `update paused due to failure or early termination of task ${firstFailed(tasks, at).id}`;
    expect(poll.at(-1)!.message).toBe(message(real));
    const [realPaused] = snapshotServices(recording, 'paused');
    const simPaused = simulatedSnapshot(replay, 'web');
    expect(simPaused).toMatchObject({ state: 'paused', message: message(sim), hasPrevious: true,
      args: ['sh', '-c', 'sleep 1; exit 1'], previousArgs: ['sleep', '3600'], completedT: null });
    expect(realPaused).toMatchObject({ ...simPaused, name: 'web', message: message(real),
      startedT: realPaused!.startedT, completedT: null });
    // The recorded pause came after the first failure and was seen by the next poll (<= 0.4 s).
    const pausedSeen = poll.find((row) => row.state === 'paused')!.t;
    const seen = pausedSeen - enteredAt(firstFailed(real, at), 'failed');
    expect(seen).toBeGreaterThan(0);
    expect(seen).toBeLessThanOrEqual(0.4);
  });
});

describe('fidelity: update-continue', () => {
  const recording = loadRecording('update-continue');
  const at = commandTime(recording, FAILING);

  it('updates all three slots despite failures, completes 5 s after the last one runs', () => {
    const { replay, real, sim } = replayTasks(recording, 'web', 30);
    expect(updatedSlots(real, at)).toEqual([1, 2, 3]);
    expect(updatedSlots(sim, at)).toEqual([1, 2, 3]);
    expectCrashLoopTexts(real, sim, at);
    expect(distinctInOrder(servicePoll(recording), (row) => row.state))
      .toEqual(['', 'updating', 'completed']);
    const [realDone] = snapshotServices(recording, 'completed');
    const simDone = simulatedSnapshot(replay, 'web');
    expect(simDone).toMatchObject({ state: 'completed', message: 'update completed',
      hasPrevious: true, previousArgs: ['sleep', '3600'] });
    expect(realDone).toMatchObject({ state: 'completed', message: 'update completed',
      hasPrevious: true, previousArgs: ['sleep', '3600'] });
    // The last slot's first new task ran, then the 5 s monitor: its failure does not count.
    const lastRun = (tasks: TaskFacts[]) => Math.max(...[...bySlot(tasks).values()]
      .map((slot) => enteredAt(slot.find((task) => task.createdT >= at)!, 'running')));
    expectTimeNear(simDone.completedT! - lastRun(sim), realDone!.completedT! - lastRun(real), 0.3,
      'CompletedAt - last slot first running');
  });
});

function rollbackCase(recording: Recording, service: string, parallelism: number) {
  const at = commandTime(recording, `${FAILING}${service}`);
  const label = (state: string) => `rollback-${state}-${parallelism}`;
  return { at, label };
}

describe('fidelity: update-auto-rollback', () => {
  const recording = loadRecording('update-auto-rollback');

  for (const [service, parallelism] of [['web1', 1], ['web2', 2]] as const) {
    const { at, label } = rollbackCase(recording, service, parallelism);
    const ROLLBACK = `docker service rollback -d ${service}`;

    // 2 failures of 3 tasks exceed the ratio 0.5: the message names the second failed task.
    it(`${service} (parallelism ${parallelism}): rolls back, naming the second failed task`, () => {
      const { real, sim } = replayTasks(recording, service, commandTime(recording, ROLLBACK));
      const message = (tasks: TaskFacts[]) => 'update rolled back due to failure or early ' +
        `termination of task ${nthFailed(tasks, at, 1).id}`;
      const [realStarted] = snapshotServices(recording, label('started'));
      expect(realStarted).toMatchObject({ state: 'rollback_started', message: message(real),
        hasPrevious: false, args: ['sleep', '3600'] });
      const rows = servicePoll(recording).filter((row) => row.t >= at - 0.5 && row.t < at + 20);
      expect(rows.find((row) => row.state === 'rollback_started')!.message).toBe(message(real));
      const history = replayCase(recording);
      let simMessage = '';
      for (let t = at; t < at + 20 && simMessage === ''; t += 0.1) {
        history.runTo(t);
        const now = simulatedSnapshot(history, service);
        if (now.state === 'rollback_started') simMessage = now.message;
      }
      expect(simMessage).toBe(message(sim));
    });

    it(`${service}: the real rollback starts >= 1.5 s after the failure (slot in flight)`, () => {
      const { real } = replayTasks(recording, service, 0);
      const rows = servicePoll(recording).filter((row) => row.t >= at - 0.5 && row.t < at + 20);
      const lastUpdating = rows.filter((row) => row.state === 'updating').at(-1)!.t;
      const lag = lastUpdating - enteredAt(nthFailed(real, at, 1), 'failed');
      expect(lag).toBeGreaterThanOrEqual(1.5);
    });

    // The failure came in the last round: judged once that slot ran (docs/fidelity.md, 10).
    it(`${service}: swarmsim's rollback also waits for the slot in flight`, () => {
      const { sim } = replayTasks(recording, service, commandTime(recording, ROLLBACK));
      const history = replayCase(recording);
      let simStart = Number.NaN;
      for (let t = at; t < at + 20 && Number.isNaN(simStart); t += 0.05) {
        history.runTo(t);
        if (simulatedSnapshot(history, service).state === 'rollback_started') simStart = t;
      }
      const simLag = simStart - enteredAt(nthFailed(sim, at, 1), 'failed');
      expect(simLag).toBeGreaterThanOrEqual(1.5);
      // The real rollback started between the last `updating` and the first `rollback_started`
      // poll. The lag is the last round's create-to-running (web1: 2.95 s, recorded 3.18 s) minus
      // the failed task's run (1.10 s, recorded 1.13 s); swarmsim also sees the RUNNING status at
      // once where the manager learns it 0.1-0.4 s later: up to 0.5 s short of the window.
      const { real } = replayTasks(recording, service, 0);
      const realFailed = enteredAt(nthFailed(real, at, 1), 'failed');
      const rows = servicePoll(recording).filter((row) => row.t >= at - 0.5 && row.t < at + 20);
      const lastUpdating = rows.filter((row) => row.state === 'updating').at(-1)!.t - realFailed;
      const firstRolling = rows.find((row) => row.state === 'rollback_started')!.t - realFailed;
      expect(simLag).toBeGreaterThanOrEqual(lastUpdating - 0.5);
      expect(simLag).toBeLessThanOrEqual(firstRolling);
    });

    it(`${service}: PreviousSpec is nil afterwards, so a manual rollback is refused`, () => {
      const { replay } = replayTasks(recording, service, commandTime(recording, ROLLBACK) + 0.5);
      expect(snapshotServices(recording, label('completed'))[0]!.hasPrevious).toBe(false);
      expect(simulatedSnapshot(replay, service).hasPrevious).toBe(false);
      const real = recording.commands.find((command) => command.cmd === ROLLBACK)!;
      const simOut = replay.outputs.find((entry) => entry.cmd === ROLLBACK)!.output;
      const id = (text: string) => text.replace(/service \w{25} /, 'service <id> ');
      expect(id(real.stderr)).toBe('Error response from daemon: rpc error: code = ' +
        'FailedPrecondition desc = service <id> does not have a previous spec\n');
      expect([id(simOut.stderr), simOut.stdout, simOut.exitCode])
        .toEqual([id(real.stderr), real.stdout, real.exit]);
    });

    it(`${service}: the rollback completes ("rollback completed", old args back)`, () => {
      const { replay } = replayTasks(recording, service, commandTime(recording, ROLLBACK) + 0.5);
      const [realDone] = snapshotServices(recording, label('completed'));
      const simDone = simulatedSnapshot(replay, service);
      const words = (s: typeof simDone) =>
        ({ state: s.state, message: s.message, hasPrevious: s.hasPrevious, args: s.args });
      expect(words(realDone!)).toEqual({ state: 'rollback_completed', message: 'rollback completed',
        hasPrevious: false, args: ['sleep', '3600'] });
      expect(words(simDone)).toEqual(words(realDone!));
    });
  }
});
