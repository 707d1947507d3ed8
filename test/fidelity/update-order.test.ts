/**
 * update-stop-first and update-start-first: 3 replicas updated to new args with parallelism 1,
 * no delay, monitor 5 s; stop-first (the default) stops each old task before starting its
 * replacement, start-first starts the replacement first. Compared with the simulator's replay.
 */
import { describe, expect, it } from 'vitest';
import {
  bySlot, commandTime, distinctInOrder, enteredAt, expectLastStatusMatch, expectStatesMatch,
  expectTimeNear, loadRecording, replayTasks, servicePoll, simulatedReplicasOver,
  simulatedSnapshot, snapshotServices, type TaskFacts,
} from './case.js';

const UPDATE = "docker service update -d --args 'sleep 3601' web";

/** Old and new task of each slot, slots in order. */
function pairs(tasks: TaskFacts[]): [TaskFacts, TaskFacts][] {
  return [...bySlot(tasks).entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, slot]) => [slot[0]!, slot[1]!]);
}

for (const name of ['update-stop-first', 'update-start-first']) {
  const recording = loadRecording(name);
  const at = commandTime(recording, UPDATE);
  const startFirst = name === 'update-start-first';

  describe(`fidelity: ${name}`, () => {
    it('prints "web" and replaces each slot once: old Shutdown (137), new Running', () => {
      const { replay, real, sim } = replayTasks(recording, 'web', 30);
      const realOut = recording.commands.find((command) => command.cmd === UPDATE)!;
      const simOut = replay.outputs.find((entry) => entry.cmd === UPDATE)!.output;
      expect(simOut).toEqual({ stdout: realOut.stdout, stderr: realOut.stderr, exitCode: 0 });
      expect(realOut.stdout).toBe('web\n');
      expect(real).toHaveLength(6);
      expect(sim).toHaveLength(6);
      pairs(real).forEach(([realOld, realNew], index) => {
        const [simOld, simNew] = pairs(sim)[index]!;
        expect(realOld.last.state).toBe('shutdown');
        for (const [simTask, realTask] of [[simOld, realOld], [simNew, realNew]] as const) {
          expectStatesMatch(simTask, realTask);
          expectLastStatusMatch(simTask, realTask);
        }
      });
    });

    it(startFirst
      ? 'starts each replacement first; the old task stops ~2.4 s after it runs'
      : 'stops each old task first (~2.4 s), then runs the replacement ~0.7 s later', () => {
      const { real, sim } = replayTasks(recording, 'web', 30);
      const gaps = (tasks: TaskFacts[]) => pairs(tasks).map(([old, fresh]) => ({
        stop: enteredAt(old, 'shutdown') - fresh.createdT,
        run: enteredAt(fresh, 'running') - fresh.createdT,
      }));
      gaps(real).forEach((realGap, index) => {
        const simGap = gaps(sim)[index]!;
        const slot = `slot ${index + 1}`;
        expectTimeNear(simGap.stop, realGap.stop, 0.35, `${slot}: old Shutdown after the update`);
        expectTimeNear(simGap.run, realGap.run, 0.35, `${slot}: new Running after the update`);
        expect(realGap.run < realGap.stop).toBe(startFirst);
        expect(simGap.run < simGap.stop).toBe(startFirst);
      });
    });

    it('moves to the next slot when the previous replacement runs (parallelism 1)', () => {
      const { real, sim } = replayTasks(recording, 'web', 30);
      for (const tasks of [real, sim]) {
        const fresh = tasks.filter((task) => task.createdT >= at)
          .sort((a, b) => a.createdT - b.createdT);
        expect(fresh).toHaveLength(3);
        expectTimeNear(fresh[0]!.createdT - at, 0.04, 0.15, 'first replacement created');
        for (const index of [1, 2]) {
          const gap = fresh[index]!.createdT - enteredAt(fresh[index - 1]!, 'running');
          expectTimeNear(gap, 0.03, 0.1, `replacement ${index + 1} after the previous runs`);
        }
      }
    });

    it(startFirst ? 'shows REPLICAS above 3/3 (up to 6/3) while old tasks stop'
      : 'shows REPLICAS 3/3 and 2/3 only (never above 3)', () => {
      const { replay } = replayTasks(recording, 'web', at);
      const real = servicePoll(recording).map((row) => row.replicas);
      const sim = simulatedReplicasOver(replay, 'web', at, at + 12);
      const most = (seen: string[]) =>
        Math.max(...seen.map((value) => Number(value.split('/')[0])));
      expect(most(real)).toBe(startFirst ? 6 : 3);
      expect(most(sim)).toBe(most(real));
      expect(new Set(sim)).toEqual(new Set(real));
    });

    it('reports updating, then completed 5 s after the last replacement runs', () => {
      const poll = servicePoll(recording);
      expect(distinctInOrder(poll, (row) => row.state)[0]).toBe('');
      expect(poll.filter((row) => row.state === 'updating').every(
        (row) => row.message === 'update in progress')).toBe(true);
      const [realDone] = snapshotServices(recording, 'completed');
      const { replay, real, sim } = replayTasks(recording, 'web', 30);
      const simDone = simulatedSnapshot(replay, 'web');
      const words = ({ state, message, hasPrevious, args, previousArgs }: typeof simDone) =>
        ({ state, message, hasPrevious, args, previousArgs });
      expect(words(simDone)).toEqual(words(realDone!));
      expect(realDone).toMatchObject({ state: 'completed', message: 'update completed' });
      expectTimeNear(simDone.startedT! - at, realDone!.startedT! - at, 0.1, 'StartedAt');
      const lastRunning = (tasks: TaskFacts[]) =>
        Math.max(...tasks.filter((task) => task.createdT >= at)
          .map((task) => enteredAt(task, 'running')));
      const monitor = (done: typeof simDone, tasks: TaskFacts[]) =>
        done.completedT! - lastRunning(tasks);
      expectTimeNear(monitor(simDone, sim), monitor(realDone!, real), 0.2,
        'CompletedAt - last replacement running');
    });
  });
}
