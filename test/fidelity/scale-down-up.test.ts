/**
 * scale-down-up: 5 replicas scaled to 2 (grace 1 s), back up to 4; then 3 replicas with the
 * default 10 s grace scaled to 1. Compared with the simulator replaying the same commands.
 */
import { describe, expect, it } from 'vitest';
import {
  bySlot, enteredAt, expectEnteredNear, expectLastStatusMatch, expectStatesMatch, expectTimeNear,
  recordedTasks, simulatedTasks, type TaskFacts, commandTime, loadRecording, replayCase,
  expectPsMatch, lsTime, psTime, recordedPs, recordedReplicas, simulatedPs, simulatedReplicas,
  replayTasks,
} from './case.js';

const recording = loadRecording('scale-down-up');
const DOWN = commandTime(recording, 'docker service scale -d web=2');
const UP = commandTime(recording, 'docker service scale -d web=4');
const DOWN_B = commandTime(recording, 'docker service scale -d web10=1');

const finished = () => replayTasks(recording, 'web', 40);

/** The first task of each slot, which the scale-down keeps or removes. */
function firstOfSlots(tasks: TaskFacts[]): Map<string, TaskFacts> {
  return new Map([...bySlot(tasks)].map(([slot, list]) => [slot, list[0]!]));
}

describe('fidelity: scale-down-up', () => {
  it('prints "web scaled to 2" and removes slots 3, 4 and 5, keeping 1 and 2', () => {
    const { replay, real, sim } = finished();
    for (const cmd of ['docker service scale -d web=2', 'docker service scale -d web=4']) {
      const recorded = recording.commands.find((command) => command.cmd === cmd)!;
      const output = replay.outputs.find((entry) => entry.cmd === cmd)!.output;
      expect(output).toEqual({ stdout: recorded.stdout, stderr: recorded.stderr, exitCode: 0 });
    }
    const realFirst = firstOfSlots(real);
    const simFirst = firstOfSlots(sim);
    for (const slot of ['1', '2', '3', '4', '5']) {
      expectStatesMatch(simFirst.get(slot)!, realFirst.get(slot)!);
      expectLastStatusMatch(simFirst.get(slot)!, realFirst.get(slot)!);
    }
    expect([1, 2, 3, 4, 5].map((slot) => realFirst.get(String(slot))!.last.desired)).toEqual([
      'running', 'running', 'remove', 'remove', 'remove',
    ]);
  });

  it('re-reports, signals and removes the scaled-down tasks on the recorded schedule', () => {
    const { real, sim } = finished();
    const realFirst = firstOfSlots(real);
    const simFirst = firstOfSlots(sim);
    for (const slot of ['3', '4', '5']) {
      const [realTask, simTask] = [realFirst.get(slot)!, simFirst.get(slot)!];
      // Measured: re-reported as running with exit -1 at +0.13 s; shutdown (137) at +2.42-2.52 s.
      expect(realTask.refreshes).toHaveLength(1);
      expect(simTask.refreshes).toHaveLength(1);
      const reReport = simTask.refreshes[0]! - DOWN;
      expectTimeNear(reReport, realTask.refreshes[0]! - DOWN, 0.1, `re-report web.${slot}`);
      expectEnteredNear(simTask, realTask, 'shutdown', DOWN, 0.3, `web.${slot} after scale`);
      const simStop = enteredAt(simTask, 'shutdown');
      // Deleted within 0.45 s of Shutdown, and before the poll first missed it.
      expect(simTask.goneT! - simStop).toBeLessThanOrEqual(0.45);
      expect(simTask.goneT!).toBeLessThanOrEqual(realTask.goneT!);
    }
  });

  it('fills slots 3 and 4 again on scale 2 -> 4, with no history, running ~0.9 s later', () => {
    const { replay, real, sim } = finished();
    const fresh = (tasks: TaskFacts[]) => tasks.filter((task) => task.createdT >= UP);
    expect(fresh(sim).map((task) => task.slot)).toEqual(fresh(real).map((task) => task.slot));
    expect(fresh(real).map((task) => task.slot)).toEqual([3, 4]);
    for (const [index, realTask] of fresh(real).entries()) {
      const simTask = fresh(sim)[index]!;
      expectStatesMatch(simTask, realTask);
      expectEnteredNear(simTask, realTask, 'running', UP, 0.3, `web.${realTask.slot} after scale`);
    }
    const service = Object.values(replay.sim.state.services).find((s) => s.spec.name === 'web')!;
    expect(service.updateStatus).toBeNull();
    expect(service.previousSpec?.mode).toEqual({ replicated: { replicas: 2 } });
  });

  it('keeps a default-grace (10 s) task listed as Remove/Running until Shutdown at +11.6 s', () => {
    const replay = replayCase(recording);
    replay.runTo(40);
    const real = firstOfSlots(recordedTasks(recording, 'web10'));
    const sim = firstOfSlots(simulatedTasks(replay, 'web10'));
    for (const slot of ['2', '3']) {
      const [realTask, simTask] = [real.get(slot)!, sim.get(slot)!];
      expectStatesMatch(simTask, realTask);
      expectLastStatusMatch(simTask, realTask);
      expectEnteredNear(simTask, realTask, 'shutdown', DOWN_B, 0.3, `web10.${slot} after scale`);
    }
    expect(sim.get('1')!.last.desired).toBe('running');
  });

  it('shows the same service ps and service ls tables at every recorded moment', () => {
    const replay = replayCase(recording);
    const tables: [string, number][] = [
      ['web', 0], ['web', 1], ['web', 2], ['web', 3], ['web', 4], ['web', 5],
      ['web10', 0], ['web10', 1], ['web10', 2],
    ];
    const checks = [
      ...tables.map(([name, nth]) => ({ t: psTime(recording, name, nth), run: () =>
        expectPsMatch(simulatedPs(replay, name), recordedPs(recording, name, nth)) })),
      ...[0, 1].map((nth) => ({ t: lsTime(recording, nth), run: () =>
        expect(simulatedReplicas(replay, 'web')).toBe(recordedReplicas(recording, 'web', nth)) })),
    ].sort((a, b) => a.t - b.t);
    for (const check of checks) {
      replay.runTo(check.t);
      check.run();
    }
  });
});
