/**
 * drain-replicated: 2 replicas on the only node, which is drained and later made active again.
 * Replacements wait Pending (no node available) with desired Ready, then Running once the old
 * tasks stopped, and start when the node is active. Compared with the simulator's replay.
 */
import { describe, expect, it } from 'vitest';
import {
  bySlot, enteredAt, expectEnteredNear, expectLastStatusMatch, expectStatesMatch, expectTimeNear,
  recordedTasks, simulatedTasks, commandTime, loadRecording, replayCase, type Replay,
  expectPsMatch, lsTime, psTime, recordedPs, recordedReplicas, simulatedPs, simulatedReplicas,
} from './case.js';

const recording = loadRecording('drain-replicated');
const DRAIN = commandTime(recording, '--availability drain');
const ACTIVE = commandTime(recording, '--availability active');
const NOT_AVAILABLE = 'no suitable node (1 node not available for new tasks)';

function slots(replay: Replay) {
  const real = bySlot(recordedTasks(recording, 'dr'));
  const sim = bySlot(simulatedTasks(replay, 'dr'));
  return ['1', '2'].map((slot) => ({ slot, real: real.get(slot)!, sim: sim.get(slot)! }));
}

describe('fidelity: drain-replicated', () => {
  it('keeps two tasks per slot: the stopped original and the replacement, same states', () => {
    const replay = replayCase(recording);
    replay.runTo(20);
    for (const { real, sim } of slots(replay)) {
      expect(sim).toHaveLength(real.length);
      expect(real).toHaveLength(2);
      real.forEach((task, index) => {
        expectStatesMatch(sim[index]!, task);
        expectLastStatusMatch(sim[index]!, task);
      });
    }
  });

  it('stops the old tasks on the recorded schedule: re-report +0.1 s, Shutdown +2.46 s', () => {
    const replay = replayCase(recording);
    replay.runTo(20);
    for (const { slot, real, sim } of slots(replay)) {
      const [realOld, simOld] = [real[0]!, sim[0]!];
      // The real node update reached the store 0.08 s after the command started.
      const reReport = simOld.refreshes[0]! - DRAIN;
      expectTimeNear(reReport, realOld.refreshes[0]! - DRAIN, 0.15, `dr.${slot} re-report`);
      expectEnteredNear(simOld, realOld, 'shutdown', DRAIN, 0.3, `dr.${slot} after drain`);
    }
  });

  it('creates replacements Pending (no node available), desired Running after the stop', () => {
    const replay = replayCase(recording);
    replay.runTo(20);
    for (const { slot, real, sim } of slots(replay)) {
      const [realNew, simNew] = [real[1]!, sim[1]!];
      const created = simNew.createdT - DRAIN;
      expectTimeNear(created, realNew.createdT - DRAIN, 0.2, `dr.${slot} replacement created`);
      const first = recording.timeline.find((row) => row.id === realNew.id)!;
      expect([first.state, first.desired, first.err]).toEqual(['pending', 'ready', NOT_AVAILABLE]);
      // No restart delay on a drained node: desired Running as soon as the old task's SHUTDOWN
      // is in the store, the next status batch after the agent reported it (0-0.1 s).
      const task = replay.tasks.find((candidate) => candidate.id === simNew.id)!;
      expect(task.desired.map((entry) => entry.state)).toEqual(['ready', 'running']);
      const stopped = enteredAt(sim[0]!, 'shutdown');
      expect(task.desired[1]!.t).toBeGreaterThanOrEqual(stopped);
      expect(task.desired[1]!.t).toBeLessThanOrEqual(stopped + 0.1);
      const seen = recording.timeline.filter((row) => row.id === realNew.id);
      const realDesired = seen.find((row) => row.desired === 'running')!;
      expect(task.desired[1]!.t).toBeLessThanOrEqual(realDesired.seenT);
    }
  });

  it('starts the replacements once the node is active: starting +0.36 s, running +1.1 s', () => {
    const replay = replayCase(recording);
    replay.runTo(20);
    for (const { slot, real, sim } of slots(replay)) {
      for (const state of ['starting', 'running']) {
        expectEnteredNear(sim[1]!, real[1]!, state, ACTIVE, 0.3, `dr.${slot} after active`);
      }
    }
  });

  it('shows the same service ps and service ls at every recorded moment', () => {
    const replay = replayCase(recording);
    const checks = [
      ...[0, 1, 2, 3].map((nth) => ({ t: psTime(recording, 'dr', nth), run: () =>
        expectPsMatch(simulatedPs(replay, 'dr'), recordedPs(recording, 'dr', nth)) })),
      ...[0, 1].map((nth) => ({ t: lsTime(recording, nth), run: () =>
        expect(simulatedReplicas(replay, 'dr')).toBe(recordedReplicas(recording, 'dr', nth)) })),
    ].sort((a, b) => a.t - b.t);
    for (const check of checks) {
      replay.runTo(check.t);
      check.run();
    }
  });
});
