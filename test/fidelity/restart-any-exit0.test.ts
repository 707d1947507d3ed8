/**
 * restart-any-exit0: `sh -c 'sleep 1; exit 0'` under the default restart policy completes and is
 * replaced over and over; the slot keeps 5 tasks (the current one and 4 Complete), pruning the
 * oldest only when a new task is created. Compared with the simulator's replay.
 */
import { describe, expect, it } from 'vitest';
import {
  enteredAt, expectLastStatusMatch, expectStatesMatch, expectTimeNear, presentAt, simulatedTasks,
  loadRecording, replayCase, lsTime, psTime, recordedPs, recordedReplicas, simulatedReplicas,
  replayTasks,
} from './case.js';

const recording = loadRecording('restart-any-exit0');

const replayed = (untilS = 42) => replayTasks(recording, 'ok0', untilS);

describe('fidelity: restart-any-exit0', () => {
  it('completes each task with "finished", exit 0, desired Shutdown, and replaces it', () => {
    const { real, sim } = replayed();
    const completed = real.filter((task) => task.last.state === 'complete');
    expect(completed.length).toBe(6);
    completed.forEach((task, index) => {
      expectStatesMatch(sim[index]!, task);
      expectLastStatusMatch(sim[index]!, task);
      const finished = { state: 'complete', desired: 'shutdown', message: 'finished', exit: 0 };
      expect(task.last).toEqual({ ...finished, err: '' });
    });
  });

  it('completes every 6.6-6.8 s (5 s delay from the completion + start + 1 s of sleep)', () => {
    const { real, sim } = replayed();
    for (let index = 1; index < 6; index += 1) {
      const realGap = enteredAt(real[index]!, 'complete') - enteredAt(real[index - 1]!, 'complete');
      const simGap = enteredAt(sim[index]!, 'complete') - enteredAt(sim[index - 1]!, 'complete');
      expectTimeNear(simGap, realGap, 0.3, `completion ${index + 1} after completion ${index}`);
    }
  });

  it('keeps 5 tasks per slot, deleting the oldest within 0.7 s of a 6th being created', () => {
    const replay = replayCase(recording);
    for (const nth of [1, 2]) {
      const at = psTime(recording, 'ok0', nth);
      replay.runTo(at);
      expect(recordedPs(recording, 'ok0', nth)).toHaveLength(5);
      expect(presentAt(simulatedTasks(replay, 'ok0'), at)).toHaveLength(5);
    }
    const { real, sim } = replayed();
    for (const tasks of [real, sim]) {
      // The first task goes when the 6th is created, the second when the 7th is.
      for (const [gone, created] of [[0, 5], [1, 6]] as const) {
        const lag = tasks[gone]!.goneT! - tasks[created]!.createdT;
        expect(lag).toBeGreaterThanOrEqual(0);
        expect(lag).toBeLessThanOrEqual(0.7);
      }
    }
  });

  it('shows 0/1 at +40 s: the current task waits in Ready for its restart delay', () => {
    const replay = replayCase(recording);
    replay.runTo(lsTime(recording));
    expect(recordedReplicas(recording, 'ok0')).toBe('0/1');
    expect(simulatedReplicas(replay, 'ok0')).toBe('0/1');
  });
});
