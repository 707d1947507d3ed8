/**
 * update-continue `later` turns on where each slot's crash loop stands when `service ps` reads
 * the tasks (cli-snapshots.test.ts, RACES): the case was re-run four times on the same
 * single-node engine (`update-continue/reruns/N/`), and no two of its five `later` snapshots
 * have the same rows. swarmsim's replay of the recording differs from it in one slot, whose
 * newest task failed just before the read and whose replacement is still Assigned; the real
 * engine showed that too (re-run 1, web.1).
 */
import { describe, expect, it } from 'vitest';
import { matchSlots, psDifferences, psRows, type PsRow } from './cli-snapshots-rows.js';
import { recordedFile, simulateSnapshots, snapshotCases } from './cli-snapshots-support.js';

const CASE = 'update-continue';
const RUNS = [CASE, ...[1, 2, 3, 4].map((run) => `${CASE}/reruns/${run}`)];

const laterOf = (run: string) => psRows(recordedFile(run, 'snap-later.service-ps.jsonl'));

/** The two newest rows of each slot, as `Desired/State words`, by slot name. */
function newestBySlot(rows: PsRow[]): Map<string, string> {
  const slots = new Map<string, string[]>();
  for (const row of rows) {
    const words = `${row.DesiredState}/${row.CurrentState.replace(/ .*/, '')} ${row.Error}`;
    slots.set(row.Name, [...(slots.get(row.Name) ?? []), words.trim()]);
  }
  return new Map([...slots].map(([name, list]) => [name, list.slice(0, 2).join(', ')]));
}

describe('fidelity: update-continue, where the crash loops stand at `later`', () => {
  it('the real engine gives different rows on every run', () => {
    const snapshots = RUNS.map(laterOf);
    snapshots.forEach((real, index) => {
      for (const other of snapshots.slice(index + 1)) {
        expect(psDifferences(matchSlots(other, real), real)).not.toEqual([]);
      }
    });
  });

  it("swarmsim's own slot reads as a real run's: failed under a second ago, next one Assigned", () => {
    const found = snapshotCases().find((entry) => entry.name === CASE)!;
    const simulated = psRows(simulateSnapshots(found).get('later')!.ps.stdout);
    const failedJustNow = 'Ready/Assigned, Shutdown/Failed "task: non-zero exit (1)"';
    const simulatedSlots = [...newestBySlot(simulated).values()];
    expect(simulatedSlots).toContain(failedJustNow);
    expect(newestBySlot(laterOf(`${CASE}/reruns/1`)).get('web.1')).toBe(failedJustNow);
    expect(laterOf(`${CASE}/reruns/1`)[1]!.CurrentState).toBe('Failed less than a second ago');
    expect(simulated.find((row) => row.CurrentState.startsWith('Failed less than'))).toBeDefined();
  });
});
