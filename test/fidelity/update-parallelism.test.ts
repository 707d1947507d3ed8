/**
 * update-parallelism-delay: 4 replicas updated with --update-parallelism 2 --update-delay 3s.
 * Two slots are replaced at once; each next slot follows 3 s after a replacement of the previous
 * batch runs; the update completes delay + monitor (3 + 5 s) after the last replacement runs.
 * Compared with the simulator's replay.
 */
import { describe, expect, it } from 'vitest';
import {
  commandTime, enteredAt, expectLastStatusMatch, expectStatesMatch, expectTimeNear,
  loadRecording, replayTasks, simulatedSnapshot, snapshotServices, type TaskFacts,
} from './case.js';

const recording = loadRecording('update-parallelism-delay');
const at = commandTime(recording, "docker service update -d --args 'sleep 3601' web");

/** The replacements, oldest first. */
function fresh(tasks: TaskFacts[]): TaskFacts[] {
  return tasks.filter((task) => task.createdT >= at).sort((a, b) => a.createdT - b.createdT);
}

describe('fidelity: update-parallelism-delay', () => {
  it('replaces all 4 slots once, same states and texts', () => {
    const { real, sim } = replayTasks(recording, 'web', 25);
    expect(real).toHaveLength(8);
    expect(sim).toHaveLength(8);
    const bySlotAndAge = (tasks: TaskFacts[]) =>
      [...tasks].sort((a, b) => a.slot! - b.slot! || a.createdT - b.createdT);
    bySlotAndAge(real).forEach((task, index) => {
      const twin = bySlotAndAge(sim)[index]!;
      expectStatesMatch(twin, task);
      expectLastStatusMatch(twin, task);
    });
  });

  it('creates two replacements at once, the next two 3 s after the first two run', () => {
    const { real, sim } = replayTasks(recording, 'web', 25);
    const [realNew, simNew] = [fresh(real), fresh(sim)];
    for (const tasks of [realNew, simNew]) {
      expect(tasks).toHaveLength(4);
      expect(tasks[1]!.createdT - tasks[0]!.createdT).toBeLessThanOrEqual(0.05);
      expect(tasks[2]!.createdT - tasks[1]!.createdT).toBeGreaterThan(3);
    }
    expectTimeNear(simNew[0]!.createdT - at, realNew[0]!.createdT - at, 0.2, 'first batch created');
    for (const index of [2, 3]) {
      // Each worker waits the delay after its own slot's replacement runs.
      const gap = (tasks: TaskFacts[]) =>
        tasks[index]!.createdT - enteredAt(tasks[index - 2]!, 'running');
      expectTimeNear(gap(simNew), gap(realNew), 0.2, `replacement ${index + 1} after the delay`);
      expect(gap(realNew)).toBeGreaterThanOrEqual(3);
    }
  });

  it('completes delay + monitor (8 s) after the last replacement runs', () => {
    const { replay, real, sim } = replayTasks(recording, 'web', 25);
    const [realDone] = snapshotServices(recording, 'completed');
    const simDone = simulatedSnapshot(replay, 'web');
    expect(simDone).toMatchObject({ state: 'completed', message: 'update completed' });
    expect(realDone).toMatchObject({ state: 'completed', message: 'update completed' });
    const lastRun = (tasks: TaskFacts[]) =>
      Math.max(...fresh(tasks).map((task) => enteredAt(task, 'running')));
    const tail = (done: typeof simDone, tasks: TaskFacts[]) => done.completedT! - lastRun(tasks);
    expectTimeNear(tail(simDone, sim), tail(realDone!, real), 0.2, 'CompletedAt - last running');
    expectTimeNear(tail(realDone!, real), 8, 0.2, 'recorded CompletedAt - last running');
  });
});
