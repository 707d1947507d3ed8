/**
 * global-single: a global service on the only node; the node is drained (the task stops, no
 * replacement, 0/0) and made active again (a new task starts; the old one stays as history).
 * Compared with the simulator's replay.
 */
import { describe, expect, it } from 'vitest';
import {
  expectEnteredNear, expectLastStatusMatch, expectStatesMatch, expectTimeNear, messageOf,
  commandTime, loadRecording, replayCase, expectPsMatch, lsTime, psTime, recordedPs,
  recordedReplicas, simulatedPs, simulatedReplicas, replayTasks,
} from './case.js';

const recording = loadRecording('global-single');
const CREATE = commandTime(recording, 'docker service create');
const DRAIN = commandTime(recording, '--availability drain');
const ACTIVE = commandTime(recording, '--availability active');

const replayed = () => replayTasks(recording, 'g', 16);

describe('fidelity: global-single', () => {
  it('runs one slotless task, confirmed on its preassigned node, running +0.7 s', () => {
    const { real, sim } = replayed();
    expect(sim.map((task) => task.slot)).toEqual([null, null]);
    expect(real.map((task) => task.slot)).toEqual([null, null]);
    const message = 'scheduler confirmed task can run on preassigned node';
    expect(messageOf(real[0]!, 'assigned')).toBe(message);
    expect(messageOf(sim[0]!, 'assigned')).toBe(message);
    expectEnteredNear(sim[0]!, real[0]!, 'running', CREATE, 0.3, 'after create');
  });

  it('stops the task on drain (re-report +0.14 s, Shutdown +2.39 s) and replaces nothing', () => {
    const { replay, real, sim } = replayed();
    expectStatesMatch(sim[0]!, real[0]!);
    expectLastStatusMatch(sim[0]!, real[0]!);
    expectTimeNear(sim[0]!.refreshes[0]! - DRAIN, real[0]!.refreshes[0]! - DRAIN, 0.1, 're-report');
    expectEnteredNear(sim[0]!, real[0]!, 'shutdown', DRAIN, 0.3, 'after drain');
    expect(sim.filter((task) => task.createdT < ACTIVE)).toHaveLength(1);
    const node = replay.sim.state.nodes[replay.sim.state.nodeIds[0]!]!;
    expect(node.availability).toBe('active');
  });

  it('starts a new task on activation (created +0.15 s, running +1.08 s), old one kept', () => {
    const { real, sim } = replayed();
    expectStatesMatch(sim[1]!, real[1]!);
    expectLastStatusMatch(sim[1]!, real[1]!);
    const created = sim[1]!.createdT - ACTIVE;
    expectTimeNear(created, real[1]!.createdT - ACTIVE, 0.2, 'created after active');
    expectEnteredNear(sim[1]!, real[1]!, 'running', ACTIVE, 0.5, 'after active');
  });

  it('shows the same service ps and service ls (1/1, 0/0, 1/1) at every recorded moment', () => {
    const replay = replayCase(recording);
    const checks = [
      ...[0, 1, 2].map((nth) => ({ t: psTime(recording, 'g', nth), run: () =>
        expectPsMatch(simulatedPs(replay, 'g'), recordedPs(recording, 'g', nth)) })),
      ...[0, 1, 2].map((nth) => ({ t: lsTime(recording, nth), run: () =>
        expect(simulatedReplicas(replay, 'g')).toBe(recordedReplicas(recording, 'g', nth)) })),
      { t: commandTime(recording, 'docker node ls'), run: () =>
        expect(replay.sim.state.nodes[replay.sim.state.nodeIds[0]!]!.availability).toBe('drain') },
    ].sort((a, b) => a.t - b.t);
    const replicas = [0, 1, 2].map((nth) => recordedReplicas(recording, 'g', nth));
    expect(replicas).toEqual(['1/1', '0/0', '1/1']);
    for (const check of checks) {
      replay.runTo(check.t);
      check.run();
    }
  });
});
