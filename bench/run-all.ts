/**
 * Every benchmark, one after the other, each in a fresh process so one's heap does not weigh on
 * the next; their JSON lines go to stdout as they come (`npm run bench`). Figures go to the
 * README's performance section by hand, with the machine's load in mind.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BENCHMARKS = [
  'event-loop.ts',
  'lifecycle.ts',
  'schedule-100k.ts',
  'rolling-update.ts',
  'chaos.ts',
];

let failed = 0;
for (const file of BENCHMARKS) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, file)], {
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    failed += 1;
    console.error(`bench/${file} exited with ${run.status ?? run.signal}`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
