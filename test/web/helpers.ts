/** Logs of shipped scenarios for the viewer's tests, written by the real CLI. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, scratchDir } from '../cli/helpers.js';

/** Runs `swarmsim run SCENARIO --out` and returns the log's text. */
export async function scenarioLog(scenario: string): Promise<string> {
  const out = join(scratchDir(), 'run.ndjson');
  const result = await cli(['run', scenario, '--out', out]);
  if (result.code !== 0) throw new Error(`run ${scenario} failed: ${result.stderr}`);
  return readFileSync(out, 'utf8');
}
