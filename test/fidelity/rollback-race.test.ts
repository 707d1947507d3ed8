/**
 * update-auto-rollback `rollback-completed-1` turns on the outcome of a race, and the real engine
 * lands on both sides of it: the case was re-run four times on the same single-node Engine
 * 20.10.24 (`update-auto-rollback/reruns/N/`, docs/fidelity.md). In the recording the rollback's
 * worker skipped the slot updated last (its task's failure was stored before the worker came);
 * in re-runs 1 and 4 it replaced it. swarmsim, replaying the recording's container steps and
 * pinned status writes, skips it as the recording did; with other draws of the status batch's
 * unpinned phase it replaces it, so it too lands on both sides (3 of 5 real runs skipped).
 */
import { describe, expect, it } from 'vitest';
import { loadRecording } from './case.js';
import { simulateSnapshots, snapshotCases, agentOptions } from './cli-snapshots-support.js';
import { replayCase } from './replay.js';
import { raceOutcome, realRaceTasks, simulatedRaceTasks } from './rollback-race.js';

const CASE = 'update-auto-rollback';
const RUNS = [CASE, ...[1, 2, 3, 4].map((run) => `${CASE}/reruns/${run}`)];

describe('fidelity: update-auto-rollback, the race for the slot updated last', () => {
  const real = new Map(RUNS.map((run) => [run, raceOutcome(realRaceTasks(run))]));

  it('the real engine skipped it in the recording and replaced it in re-run 4', () => {
    expect(real.get(CASE)).toMatchObject({ slot: 2, outcome: 'skipped' });
    const rerun = real.get(`${CASE}/reruns/4`)!;
    expect(rerun.outcome).toBe('replaced');
    // The worker came before the failure, by less than a status batch period.
    expect(rerun.nextAfterFailureS).toBeGreaterThan(-0.1);
    expect(rerun.nextAfterFailureS).toBeLessThan(0);
    expect(RUNS.map((run) => real.get(run)!.outcome)).toEqual([
      'skipped', 'replaced', 'skipped', 'skipped', 'replaced',
    ]);
  });

  const simulate = (reportSeed?: number) => {
    const seeds = reportSeed === undefined ? {} : { reportSeed };
    const replay = replayCase(loadRecording(CASE), { agent: agentOptions(CASE), ...seeds });
    replay.runTo(22);
    return raceOutcome(simulatedRaceTasks(replay.tasks, 'web1'));
  };

  it("swarmsim's outcome (the snapshot's replay) is the recording's", () => {
    const simulated = simulate();
    expect(simulated).toMatchObject({ slot: 2, outcome: 'skipped' });
    expect(simulated.outcome).toBe(real.get(CASE)!.outcome);
    // The supervisor's task came after the failure report, as the recording's did.
    expect(simulated.nextAfterFailureS!).toBeGreaterThan(0);
  });

  it('swarmsim lands on both sides too, as the status batch\'s phase draws go', () => {
    const outcomes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((seed) => simulate(seed).outcome);
    expect(new Set(outcomes)).toEqual(new Set(['skipped', 'replaced']));
  });

  it('the replay is the one cli-snapshots compares (same seeds, same container steps)', () => {
    const found = snapshotCases().find((entry) => entry.name === CASE)!;
    const ps = simulateSnapshots(found).get('rollback-completed-1')!.ps;
    const slot2 = ps.stdout.split('\n').filter((line) => line.includes('"Name":"web1.2"'));
    // Slot 2's running task is the restart supervisor's, running since its delay ran out (1 s
    // at 21.7 s, as in the recording), not a worker's replacement (that would be 6 s).
    expect(slot2[0]).toContain('"CurrentState":"Running 1 second ago"');
  });
});
