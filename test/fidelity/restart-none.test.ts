/**
 * restart-none: with `--restart-condition none`, an exit 0 ends Complete and an exit 1 ends
 * Failed, and neither is replaced (0/1 each). Compared with the simulator's replay.
 */
import { describe, expect, it } from 'vitest';
import {
  enteredAt, expectLastStatusMatch, expectStatesMatch, expectTimeNear, recordedTasks,
  simulatedTasks, commandTime, loadRecording, replayCase, expectPsMatch, lsTime, psTime,
  recordedPs, recordedReplicas, simulatedPs, simulatedReplicas,
} from './case.js';

const recording = loadRecording('restart-none');

describe('fidelity: restart-none', () => {
  it.each([
    ['none0', 'complete', 'finished', '', 0],
    ['none1', 'failed', 'started', 'task: non-zero exit (1)', 1],
  ] as const)('%s ends %s at +1.9 s and is never replaced', (name, state, message, err, exit) => {
    const replay = replayCase(recording);
    replay.runTo(30);
    const real = recordedTasks(recording, name);
    const sim = simulatedTasks(replay, name);
    expect(sim).toHaveLength(1);
    expect(real).toHaveLength(1);
    expectStatesMatch(sim[0]!, real[0]!);
    expectLastStatusMatch(sim[0]!, real[0]!);
    expect(real[0]!.last).toEqual({ state, desired: 'shutdown', message, err, exit });
    const created = commandTime(recording, `--name ${name} `);
    expectTimeNear(enteredAt(sim[0]!, state) - created, enteredAt(real[0]!, state) - created, 0.3,
      `${name} ${state} after create`);
  });

  it('shows 0/1 for both and the same service ps table after 12 s', () => {
    const replay = replayCase(recording);
    replay.runTo(lsTime(recording));
    for (const name of ['none0', 'none1']) {
      expect(recordedReplicas(recording, name)).toBe('0/1');
      expect(simulatedReplicas(replay, name)).toBe('0/1');
    }
    replay.runTo(psTime(recording, 'none0 none1'));
    expectPsMatch(simulatedPs(replay, 'none0 none1'), recordedPs(recording, 'none0 none1'));
  });
});
