/**
 * Chaos over many seeds, timed: the same sweep as `swarmsim chaos` (src/cli/chaos.ts), with the
 * totals and wall time as one JSON line. Failures are printed with their reproduce command.
 * Usage: npx tsx bench/chaos.ts [FILE] [--seeds 1000] [--from 1]
 */
import { loadChaosScenario, sweepChaos } from '../src/cli/chaos.js';
import { printResult, timeIt } from './common.js';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

const file = process.argv.slice(2).find((word, index, words) => {
  return !word.startsWith('--') && !words[index - 1]?.startsWith('--');
});
const from = option('--from', 1);
const seeds = option('--seeds', 1000);
const scenario = file ? loadChaosScenario(file) : null;
const reproduce = `swarmsim chaos${file ? ` ${file}` : ''}`;

const { result, seconds } = timeIt(() => sweepChaos(scenario, from, seeds, reproduce));
for (const run of result.failed) {
  console.log(`seed ${run.seed} FAILED: ${run.failure}\n  reproduce: ${run.reproduce}`);
}
printResult({
  benchmark: 'chaos',
  file: file ?? 'built-in workload',
  seeds,
  from,
  failed: result.failed.length,
  faults: result.runs.reduce((sum, run) => sum + run.faults, 0),
  events: result.runs.reduce((sum, run) => sum + run.events, 0),
  seconds: Math.round(seconds * 10) / 10,
});
process.exitCode = result.failed.length > 0 ? 1 : 0;
