/**
 * pending-constraint: a constraint no node meets keeps the task Pending until a label-add makes
 * the node match; a label-rm then has the constraint enforcer reject the running task and its
 * replacement waits, Pending, for the restart delay. Compared with the simulator's replay.
 */
import { describe, expect, it } from 'vitest';
import {
  expectEnteredNear, expectLastStatusMatch, expectStatesMatch, expectTimeNear, recordedTasks,
  simulatedTasks, type TaskFacts, commandTime, loadRecording, replayCase, expectPsMatch, lsTime,
  psTime, recordedPs, recordedReplicas, simulatedPs, simulatedReplicas,
} from './case.js';

const recording = loadRecording('pending-constraint');
const UNSATISFIED = 'no suitable node (scheduling constraints not satisfied on 1 node)';
const CREATE = commandTime(recording, 'docker service create');
const LABEL_ADD = commandTime(recording, '--label-add zone=east');
const LABEL_RM = commandTime(recording, '--label-rm zone');

function replayed() {
  const replay = replayCase(recording);
  replay.runTo(22);
  const [realFirst, realSecond] = recordedTasks(recording, 'east') as [TaskFacts, TaskFacts];
  const [simFirst, simSecond] = simulatedTasks(replay, 'east') as [TaskFacts, TaskFacts];
  return { replay, realFirst, realSecond, simFirst, simSecond };
}

describe('fidelity: pending-constraint', () => {
  it('keeps the task Pending with the constraint error until the label is added', () => {
    const { realFirst, simFirst } = replayed();
    expectEnteredNear(simFirst, realFirst, 'pending', CREATE, 0.2, 'after create');
    const replay = replayCase(recording);
    replay.runTo(lsTime(recording));
    expect(simulatedReplicas(replay, 'east')).toBe(recordedReplicas(recording, 'east'));
    replay.runTo(psTime(recording, 'east'));
    const real = recordedPs(recording, 'east');
    expect(real[0]!.error).toBe(`"${UNSATISFIED}"`);
    expectPsMatch(simulatedPs(replay, 'east'), real);
  });

  it('places the task when the node gains the label: starting +0.3 s, running +0.7 s, 1/1', () => {
    const { replay, realFirst, simFirst } = replayed();
    const output = replay.outputs.find((entry) => entry.cmd.includes('--label-add'))!.output;
    expect(output).toEqual({ stdout: 'manager1\n', stderr: '', exitCode: 0 });
    for (const state of ['starting', 'running']) {
      expectEnteredNear(simFirst, realFirst, state, LABEL_ADD, 0.3, 'after label-add');
    }
    const again = replayCase(recording);
    again.runTo(psTime(recording, 'east', 1));
    expectPsMatch(simulatedPs(again, 'east'), recordedPs(recording, 'east', 1));
    again.runTo(lsTime(recording, 1));
    expect(simulatedReplicas(again, 'east')).toBe(recordedReplicas(recording, 'east', 1));
  });

  it('rejects the running task on label-rm with the enforcer texts, desired Shutdown', () => {
    const { realFirst, simFirst } = replayed();
    expectStatesMatch(simFirst, realFirst);
    expectLastStatusMatch(simFirst, realFirst);
    expect(realFirst.last).toMatchObject({
      state: 'rejected',
      desired: 'shutdown',
      message: 'task rejected by constraint enforcer',
      err: 'assigned node no longer meets constraints',
    });
    expectEnteredNear(simFirst, realFirst, 'rejected', LABEL_RM, 0.2, 'after label-rm');
  });

  it('creates a replacement desired Ready, Pending; its desired is Running 5 s later', () => {
    const { replay, realSecond, simSecond } = replayed();
    expectStatesMatch(simSecond, realSecond);
    expectLastStatusMatch(simSecond, realSecond);
    const created = simSecond.createdT - LABEL_RM;
    expectTimeNear(created, realSecond.createdT - LABEL_RM, 0.2, 'replacement created');
    const task = replay.tasks.find((candidate) => candidate.id === simSecond.id)!;
    expect(task.desired.map((entry) => entry.state)).toEqual(['ready', 'running']);
    // Recorded: Ready at the 11.604 poll, Running first seen at the 16.476 poll.
    const runningAt = task.desired[1]!.t;
    expect(runningAt - task.createdT).toBeCloseTo(5, 3);
    const rows = recording.timeline.filter((row) => row.id === realSecond.id);
    const seen = rows.map((row) => row.seenT);
    expect(runningAt).toBeGreaterThan(seen[0]!);
    expect(runningAt).toBeLessThanOrEqual(seen[1]!);
    const again = replayCase(recording);
    again.runTo(psTime(recording, 'east', 2));
    expectPsMatch(simulatedPs(again, 'east'), recordedPs(recording, 'east', 2));
  });
});
