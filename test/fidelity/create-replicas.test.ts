/**
 * create-replicas: `service create -d --replicas 3 ... sleep 3600` on the real single node,
 * compared with the simulator replaying the same commands at the same times.
 */
import { describe, expect, it } from 'vitest';
import {
  bySlot, enteredAt, expectLastStatusMatch, expectStatesMatch, expectTimeNear, recordedTasks,
  simulatedTasks, commandTime, loadRecording, replayCase, expectPsMatch, lsTime, psTime,
  recordedPs, recordedReplicas, simulatedPs, simulatedReplicas,
} from './case.js';

const recording = loadRecording('create-replicas');
const CREATE = 'docker service create -d --name web';

describe('fidelity: create-replicas', () => {
  it('prints the full service ID and nothing else, like the real create -d', () => {
    const replay = replayCase(recording);
    replay.runTo(1);
    const real = recording.commands.find((command) => command.cmd.startsWith(CREATE))!;
    const sim = replay.outputs.find((output) => output.cmd.startsWith(CREATE))!.output;
    expect(real.stdout).toMatch(/^[a-z0-9]{25}\n$/);
    expect(sim.stdout).toMatch(/^[a-z0-9]{25}\n$/);
    expect([sim.stderr, sim.exitCode]).toEqual([real.stderr, real.exit]);
  });

  it('runs one task in each of slots 1-3 with the same states, texts and timings', () => {
    const replay = replayCase(recording);
    replay.runTo(11);
    const real = bySlot(recordedTasks(recording, 'web'));
    const sim = bySlot(simulatedTasks(replay, 'web'));
    expect([...sim.keys()]).toEqual([...real.keys()]);
    expect([...real.keys()]).toEqual(['1', '2', '3']);
    const createdAt = commandTime(recording, CREATE);
    for (const [slot, [realTask]] of real) {
      const [simTask, extra] = sim.get(slot)!;
      expect(extra).toBeUndefined();
      expectStatesMatch(simTask!, realTask!);
      expectLastStatusMatch(simTask!, realTask!);
      // Measured: assigned +0.08 s, container created and starting +0.25 s, running +1.17-1.24 s
      // (three containers starting at once on two CPUs).
      for (const state of ['assigned', 'starting', 'running']) {
        const simT = enteredAt(simTask!, state) - createdAt;
        const realT = enteredAt(realTask!, state) - createdAt;
        expectTimeNear(simT, realT, 0.3, `web.${slot} ${state} after create`);
      }
      const simRun = enteredAt(simTask!, 'running') - simTask!.createdT;
      const realRun = enteredAt(realTask!, 'running') - realTask!.createdT;
      expectTimeNear(simRun, realRun, 0.3, `web.${slot} Status.Timestamp(running) - CreatedAt`);
    }
  });

  it('shows 3/3 in service ls and "Running 9 seconds ago" rows in service ps after 10 s', () => {
    const replay = replayCase(recording);
    replay.runTo(lsTime(recording));
    expect(simulatedReplicas(replay, 'web')).toBe(recordedReplicas(recording, 'web'));
    expect(recordedReplicas(recording, 'web')).toBe('3/3');
    replay.runTo(psTime(recording, 'web'));
    const real = recordedPs(recording, 'web');
    expect(real.map((row) => `${row.name} ${row.state} ${row.ageS}`)).toEqual([
      'web.1 Running 9',
      'web.2 Running 9',
      'web.3 Running 9',
    ]);
    expectPsMatch(simulatedPs(replay, 'web'), real);
  });
});
