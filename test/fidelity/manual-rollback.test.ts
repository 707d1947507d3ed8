/**
 * manual-rollback-twice: 2 replicas updated to new args, then `docker service rollback -d` twice.
 * Each rollback swaps Spec and PreviousSpec, reports "manually requested rollback", replaces
 * every slot like an update, and ends "rollback completed". Compared with the replay.
 */
import { describe, expect, it } from 'vitest';
import {
  bySlot, commandTime, enteredAt, expectLastStatusMatch, expectStatesMatch, expectTimeNear,
  loadRecording, replayCase, servicePoll, simulatedSnapshot, snapshotServices, replayTasks,
} from './case.js';

const recording = loadRecording('manual-rollback-twice');
const ROLLBACK = 'docker service rollback -d web';
const ROLLBACKS = [0, 1].map((nth) => commandTime(recording, ROLLBACK, nth));
const OLD = ['sleep', '3600'];
const NEW = ['sleep', '3601'];

describe('fidelity: manual-rollback-twice', () => {
  it('prints "web" for each rollback and gives each slot 4 tasks, same states and texts', () => {
    const { replay, real, sim } = replayTasks(recording, 'web', 45);
    const realOut = recording.commands.filter((command) => command.cmd === ROLLBACK);
    expect(replay.outputs.filter((entry) => entry.cmd === ROLLBACK).map((entry) => entry.output))
      .toEqual(realOut.map(({ stdout, stderr, exit }) => ({ stdout, stderr, exitCode: exit })));
    expect(realOut.map((command) => command.stdout)).toEqual(['web\n', 'web\n']);
    for (const [slot, tasks] of bySlot(real)) {
      const twins = bySlot(sim).get(slot)!;
      expect(twins).toHaveLength(4);
      expect(tasks).toHaveLength(4);
      tasks.forEach((task, index) => {
        expectStatesMatch(twins[index]!, task);
        expectLastStatusMatch(twins[index]!, task);
      });
    }
  });

  it('swaps Spec and PreviousSpec on each rollback, "manually requested rollback"', () => {
    const replay = replayCase(recording);
    const expected = [
      ['updated', { state: 'completed', message: 'update completed', args: NEW,
        previousArgs: OLD }],
      ['rollback1-during', { state: 'rollback_started', message: 'manually requested rollback',
        args: OLD, previousArgs: NEW }],
      ['rollback1', { state: 'rollback_completed', message: 'rollback completed', args: OLD,
        previousArgs: NEW }],
      ['rollback2-during', { state: 'rollback_started', message: 'manually requested rollback',
        args: NEW, previousArgs: OLD }],
      ['rollback2', { state: 'rollback_completed', message: 'rollback completed', args: NEW,
        previousArgs: OLD }],
    ] as const;
    for (const [label, words] of expected) {
      const [real] = snapshotServices(recording, label);
      expect(real, label).toMatchObject({ ...words, hasPrevious: true });
      replay.runTo(commandTime(recording, `> snap-${label}.service.json`));
      const sim = simulatedSnapshot(replay, 'web');
      expect(sim, label).toMatchObject({ ...words, hasPrevious: true });
    }
    const states = servicePoll(recording).map((row) => row.state);
    expect(states.filter((state, i) => state !== states[i - 1])).toEqual(
      ['', 'updating', 'completed', 'rollback_started', 'rollback_completed', 'rollback_started']);
  });

  it('starts each rollback at the command, completes it ~11 s later (2 slots + monitor)', () => {
    const replay = replayCase(recording);
    ROLLBACKS.forEach((at, nth) => {
      const label = `rollback${nth + 1}`;
      replay.runTo(commandTime(recording, `> snap-${label}.service.json`));
      const [real] = snapshotServices(recording, label);
      const sim = simulatedSnapshot(replay, 'web');
      // The real StartedAt is ~0.1 s after the command (API latency); swarmsim acts at once.
      expectTimeNear(sim.startedT! - at, real!.startedT! - at, 0.15, `${label}: StartedAt`);
      // Each slot's replacement runs ~0.2-0.5 s later on the real node; this adds up over 2 slots.
      expectTimeNear(sim.completedT! - at, real!.completedT! - at, 0.6, `${label}: CompletedAt`);
    });
    const { real, sim } = replayTasks(recording, 'web', 45);
    for (const tasks of [real, sim]) {
      const last = tasks.filter((task) => task.createdT >= ROLLBACKS[1]!);
      expect(last).toHaveLength(2);
      for (const task of last) expect(enteredAt(task, 'running')).toBeGreaterThan(ROLLBACKS[1]!);
    }
  });
});
