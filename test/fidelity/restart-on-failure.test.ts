/**
 * restart-on-failure: `sh -c 'sleep 1; exit 3'` with on-failure and max 3 attempts ends with
 * exactly 4 Failed tasks in its slot. Each replacement waits in Ready for the 5 s delay, which
 * counts from the failure, so failures come every ~6.9 s. Compared with the simulator's replay.
 */
import { describe, expect, it } from 'vitest';
import {
  enteredAt, expectEnteredNear, expectLastStatusMatch, expectStatesMatch, expectTimeNear,
  messageOf, loadRecording, replayCase, expectPsMatch, lsTime, psTime, recordedPs,
  recordedReplicas, simulatedPs, simulatedReplicas, replayTasks,
} from './case.js';

const recording = loadRecording('restart-on-failure');

// Well past the recording's end (33 s): a fifth task would have appeared by now.
const replayed = () => replayTasks(recording, 'fail3', 60);

describe('fidelity: restart-on-failure', () => {
  it('ends with exactly 4 Failed tasks: exit 3, Message "started", desired Shutdown', () => {
    const { real, sim } = replayed();
    expect(sim).toHaveLength(4);
    expect(real).toHaveLength(4);
    real.forEach((task, index) => {
      expectStatesMatch(sim[index]!, task);
      expectLastStatusMatch(sim[index]!, task);
      expect(task.last).toEqual({
        state: 'failed',
        desired: 'shutdown',
        message: 'started',
        err: 'task: non-zero exit (3)',
        exit: 3,
      });
    });
  });

  it('fails every ~6.9 s: replacement created at the failure, Ready, starting 5.1 s later', () => {
    const { replay, real, sim } = replayed();
    for (let index = 1; index < 4; index += 1) {
      const [simPrev, realPrev] = [enteredAt(sim[index - 1]!, 'failed'),
        enteredAt(real[index - 1]!, 'failed')];
      const [realTask, simTask] = [real[index]!, sim[index]!];
      const what = `task ${index + 1} after the previous failure`;
      const created = simTask.createdT - simPrev;
      expectTimeNear(created, realTask.createdT - realPrev, 0.1, `${what}: created`);
      expect(messageOf(realTask, 'ready')).toBe('prepared');
      expect(messageOf(simTask, 'ready')).toBe('prepared');
      expectEnteredNear(simTask, realTask, 'ready', [simPrev, realPrev], 0.2, what);
      expectEnteredNear(simTask, realTask, 'starting', [simPrev, realPrev], 0.15, what);
      expectEnteredNear(simTask, realTask, 'failed', [simPrev, realPrev], 0.3, what);
      const desired = replay.tasks.find((task) => task.id === simTask.id)!.desired;
      expect(desired.map((entry) => entry.state)).toEqual(['ready', 'running', 'shutdown']);
    }
  });

  it('shows 0/1 and the same service ps tables mid-loop and once settled', () => {
    const replay = replayCase(recording);
    replay.runTo(psTime(recording, 'fail3'));
    expectPsMatch(simulatedPs(replay, 'fail3'), recordedPs(recording, 'fail3'));
    replay.runTo(lsTime(recording));
    expect(simulatedReplicas(replay, 'fail3')).toBe(recordedReplicas(recording, 'fail3'));
    replay.runTo(psTime(recording, 'fail3', 1));
    // The simulated loop runs 0.04-0.2 s per cycle faster (the recorded starts were slow, known
    // difference 1), so after three cycles ages may differ by 1 s.
    expectPsMatch(simulatedPs(replay, 'fail3'), recordedPs(recording, 'fail3', 1), 1);
  });
});
