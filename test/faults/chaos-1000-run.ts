/**
 * scenarios/faults/chaos.yaml over seeds 1..1000, as `swarmsim chaos scenarios/faults/chaos.yaml
 * --seeds 1000` runs it, in four files of 250 seeds so vitest runs them on four workers (about
 * 12 s each alone, 1000 seeds took 48 s on one loaded core). Every seed must keep every
 * invariant, heal, settle and meet the scenario's expectations; a failure prints its seed and
 * the command that reproduces it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepChaos } from '../../src/cli/chaos.js';
import { parseScenario } from '../../src/scenario/parse.js';

const FILE = 'scenarios/faults/chaos.yaml';
/** Seeds per file. */
export const CHUNK = 250;
/** What reproduces one seed from a checkout (`npm ci` builds the CLI); `--seed N` follows. */
const REPRODUCE = `node bin/swarmsim.js chaos ${FILE}`;

/** Declares the test of chunk `index` (0..3): seeds index*250+1 .. (index+1)*250. */
export function chaosChunk(index: number): void {
  const from = index * CHUNK + 1;
  describe(`chaos: ${FILE}, seeds ${from}..${from + CHUNK - 1}`, () => {
    it('keeps every invariant, heals, settles and meets the expectations', () => {
      const text = readFileSync(join(import.meta.dirname, '..', '..', FILE), 'utf8');
      const sweep = sweepChaos(parseScenario(text, FILE), from, CHUNK, REPRODUCE);
      const failures = sweep.failed.map(
        (run) => `seed ${run.seed} FAILED: ${run.failure}\n  reproduce: ${run.reproduce}`,
      );
      expect(failures.join('\n')).toBe('');
      expect(sweep.runs).toHaveLength(CHUNK);
      // The runs did meet faults: the file draws about one every 8 s for 5 minutes.
      const faults = sweep.runs.reduce((sum, run) => sum + run.faults, 0);
      expect(faults / CHUNK).toBeGreaterThan(20);
    });
  });
}
