/**
 * pending-resources: reservations no node can hold stay Pending with the scheduler's error;
 * removing them deletes them; with room for 2 of 3 replicas one slot stays Pending and a
 * scale-down removes that slot first. Compared with the simulator replaying the same commands.
 */
import { describe, expect, it } from 'vitest';
import {
  bySlot, expectEnteredNear, expectLastStatusMatch, expectStatesMatch, recordedTasks,
  simulatedTasks, stateNames, type TaskFacts, commandTime, loadRecording, replayCase,
  expectPsMatch, lsTime, psTime, recordedPs, recordedReplicas, simulatedPs, simulatedReplicas,
  type PsRow,
} from './case.js';

const recording = loadRecording('pending-resources');
const INSUFFICIENT = 'no suitable node (insufficient resources on 1 node)';
const SCALE = commandTime(recording, 'docker service scale -d cpu1=2');

describe('fidelity: pending-resources', () => {
  it('leaves 100G of memory and 1000 CPUs Pending with the insufficient-resources error', () => {
    const replay = replayCase(recording);
    replay.runTo(lsTime(recording));
    for (const name of ['mem', 'cpu']) {
      const [real] = recordedTasks(recording, name);
      const [sim] = simulatedTasks(replay, name);
      expectStatesMatch(sim!, real!);
      expectLastStatusMatch(sim!, real!);
      expect(real!.last).toMatchObject({ message: 'pending task scheduling', err: INSUFFICIENT });
      const created = commandTime(recording, `--name ${name} `);
      expectEnteredNear(sim!, real!, 'pending', created, 0.2, `${name} after create`);
      expect(simulatedReplicas(replay, name)).toBe(recordedReplicas(recording, name));
    }
    replay.runTo(psTime(recording, 'mem cpu'));
    expectPsMatch(simulatedPs(replay, 'mem cpu'), recordedPs(recording, 'mem cpu'));
  });

  it('deletes never-assigned pending tasks at once when their service is removed', () => {
    const replay = replayCase(recording);
    replay.runTo(12);
    const rm = recording.commands.find((command) => command.cmd === 'docker service rm mem cpu')!;
    const output = replay.outputs.find((entry) => entry.cmd === rm.cmd)!.output;
    expect(output).toEqual({ stdout: rm.stdout, stderr: rm.stderr, exitCode: rm.exit });
    for (const name of ['mem', 'cpu']) {
      const [real] = recordedTasks(recording, name);
      const [sim] = simulatedTasks(replay, name);
      expect(sim!.goneT).not.toBeNull();
      // Gone by the first poll after the rm; no Shutdown state on the way.
      expect(sim!.goneT!).toBeLessThanOrEqual(real!.goneT!);
      expect(sim!.states.at(-1)!.state).toBe('pending');
    }
  });

  it('runs 2 of 3 one-CPU replicas on the 2-CPU node and leaves one slot Pending (2/3)', () => {
    const replay = replayCase(recording);
    replay.runTo(psTime(recording, 'cpu1'));
    const count = (rows: PsRow[]) => rows.map((row) => `${row.state} ${row.error}`).sort();
    const real = recordedPs(recording, 'cpu1');
    const sim = simulatedPs(replay, 'cpu1');
    // Which slot is left Pending varies on the real swarm (2 here, 3 in a trial run).
    expect(count(sim)).toEqual(count(real));
    expect(count(real)).toEqual(['Pending "' + INSUFFICIENT + '"', 'Running ', 'Running ']);
    expect(simulatedReplicas(replay, 'cpu1')).toBe(recordedReplicas(recording, 'cpu1', 1));
  });

  it('scales 3 -> 2 by removing the Pending slot: Shutdown, then deleted ~0.3 s later', () => {
    const replay = replayCase(recording);
    replay.runTo(psTime(recording, 'cpu1', 1));
    const real = recordedTasks(recording, 'cpu1');
    const sim = simulatedTasks(replay, 'cpu1');
    // The task scaled away: desired Remove, and never anything but Pending before that.
    const pendingSlot = (tasks: TaskFacts[]) =>
      tasks.find((task) => task.last.desired === 'remove' && stateNames(task).includes('pending'))!;
    const [realPending, simPending] = [pendingSlot(real), pendingSlot(sim)];
    expectStatesMatch(simPending, realPending);
    expectLastStatusMatch(simPending, realPending);
    const pendingMessage = { state: 'shutdown', message: 'pending task scheduling' };
    expect(realPending.last).toMatchObject(pendingMessage);
    expectEnteredNear(simPending, realPending, 'shutdown', SCALE, 0.2, 'pending slot after scale');
    expect(simPending.goneT!).toBeLessThanOrEqual(realPending.goneT!);
    // The running slots keep their one task each.
    const running = (tasks: TaskFacts[]) => [...bySlot(tasks).values()]
      .filter((list) => list[0]!.last.desired === 'running').map((list) => list.length);
    expect(running(sim)).toEqual([1, 1]);
    expect(running(real)).toEqual([1, 1]);
    const names = (rows: PsRow[]) => rows.map((row) => `${row.state} ${row.ageS}`);
    expect(names(simulatedPs(replay, 'cpu1'))).toEqual(names(recordedPs(recording, 'cpu1', 1)));
  });
});
