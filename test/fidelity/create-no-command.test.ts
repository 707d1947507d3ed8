/**
 * create-no-command: busybox with no command runs `sh`, which finds stdin closed and exits 0 at
 * once, so under the default restart policy a task completes every ~5.7 s; the slot keeps 5
 * tasks. The recording used the image's ID; the simulation runs `busybox`, whose default
 * command it knows. Compared with the simulator's replay.
 */
import { describe, expect, it } from 'vitest';
import {
  enteredAt, expectEnteredNear, expectLastStatusMatch, expectStatesMatch, presentAt, recordedTasks,
  simulatedTasks, commandTime, loadRecording, replayCase, expectPsMatch, lsTime, psTime,
  recordedPs, recordedReplicas, simulatedPs, simulatedReplicas, replayTasks,
} from './case.js';

const recording = loadRecording('create-no-command');
const CREATE = commandTime(recording, 'docker service create');

const replayed = () => replayTasks(recording, 'nocmd', 32);

describe('fidelity: create-no-command', () => {
  it('completes the first task +0.7 s after create, "finished" with exit 0', () => {
    const { real, sim } = replayed();
    expectStatesMatch(sim[0]!, real[0]!);
    expectLastStatusMatch(sim[0]!, real[0]!);
    expectEnteredNear(sim[0]!, real[0]!, 'complete', CREATE, 0.3, 'first task after create');
  });

  it('completes a task every ~5.7 s: 5 s delay from the completion, start, instant exit', () => {
    const { real, sim } = replayed();
    const completed = real.filter((task) => task.last.state === 'complete');
    expect(completed).toHaveLength(6);
    for (let index = 1; index < completed.length; index += 1) {
      expectStatesMatch(sim[index]!, completed[index]!);
      expectLastStatusMatch(sim[index]!, completed[index]!);
      const previous: [number, number] = [
        enteredAt(sim[index - 1]!, 'complete'),
        enteredAt(completed[index - 1]!, 'complete'),
      ];
      // One recorded cycle took 6.34 s (a container start of 1.0 s); the others 5.67-5.89 s.
      const slow = enteredAt(completed[index]!, 'complete') - previous[1] > 6;
      expectEnteredNear(sim[index]!, completed[index]!, 'complete', previous, slow ? 0.7 : 0.3,
        `task ${index + 1} after the previous completion`);
    }
  });

  it('shows 0/1 and 5 rows (Ready + 4 Complete) at +20 s; still 5 tasks at +30 s', () => {
    const replay = replayCase(recording);
    replay.runTo(lsTime(recording));
    expect(simulatedReplicas(replay, 'nocmd')).toBe(recordedReplicas(recording, 'nocmd'));
    replay.runTo(psTime(recording, 'nocmd'));
    expectPsMatch(simulatedPs(replay, 'nocmd'), recordedPs(recording, 'nocmd'));
    replay.runTo(30);
    expect(presentAt(recordedTasks(recording, 'nocmd'), 30)).toHaveLength(5);
    expect(presentAt(simulatedTasks(replay, 'nocmd'), 30)).toHaveLength(5);
  });
});
