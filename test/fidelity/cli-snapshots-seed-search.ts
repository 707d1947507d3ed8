/**
 * Finds the seeds whose updater draws fit a case's recorded slot orders
 * (cli-snapshots-slot-order.ts), for when the draw changed:
 *   npx tsx test/fidelity/cli-snapshots-seed-search.ts CASE [LAST_SEED]
 * prints the fitting seeds up to LAST_SEED (default 5000); put the smallest in SLOT_ORDER_SEEDS
 * (replay.ts), then see what the snapshots still differ in.
 */
import { drawnOrders, fittingSeeds, RECORDED_DRAWS } from './cli-snapshots-slot-order.js';

const [name, last] = process.argv.slice(2);
const draws = name === undefined ? undefined : RECORDED_DRAWS[name];
if (name === undefined || draws === undefined) {
  console.error(`usage: CASE [LAST_SEED]; cases: ${Object.keys(RECORDED_DRAWS).join(', ')}`);
  process.exit(2);
}
const seeds = fittingSeeds(name, 1, Number(last ?? 5000));
const sizes = draws.map((draw) => draw.pattern.length);
for (const seed of seeds) {
  const orders = drawnOrders(seed, sizes).map((order) => order.join('')).join(' ');
  console.log(`${seed}: ${orders}`);
}
console.log(`patterns: ${draws.map((draw) => draw.pattern).join(' ')}; ${seeds.length} seeds`);
