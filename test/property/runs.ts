/**
 * How many cases a fast-check property tries, and with which seed. CI runs each property's
 * default, sized to keep the suite short; `SWARMSIM_PROPERTY_RUNS=5000` (and
 * `SWARMSIM_PROPERTY_SEED=N` for another draw) explores deeper from the same test files, e.g.
 * `SWARMSIM_PROPERTY_RUNS=5000 npx vitest run --testTimeout=3000000
 * test/orchestrator/update-property.test.ts` (such runs take minutes; past vitest's timeout the
 * test is reported timed out even when every case passed).
 */

/** `{seed, numRuns}` for fc.assert: the environment's if set, else the test's own. */
export function propertyRuns(seed: number, numRuns: number): { seed: number; numRuns: number } {
  return {
    seed: readCount('SWARMSIM_PROPERTY_SEED') ?? seed,
    numRuns: readCount('SWARMSIM_PROPERTY_RUNS') ?? numRuns,
  };
}

function readCount(name: string): number | undefined {
  const text = process.env[name];
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`${name} must be a whole number, not '${text}'`);
  return Number(text);
}
