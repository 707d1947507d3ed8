/**
 * Scheduling at scale: one service of 100,000 replicas created on a 10,000-node swarm; measures
 * the wall time until every task is assigned to a node (create, allocate, schedule), and memory.
 * Target: < 5 s and < 2 GiB. Usage: node --import tsx bench/schedule-100k.ts [tasks] [nodes]
 */
import { createService } from '../src/api/service.js';
import { isApiError } from '../src/api/errors.js';
import { defaultServiceSpec } from '../src/model/factory.js';
import { bigSwarm, memoryMiB, printResult, runUntilDone, timeIt } from './common.js';

const tasks = Number(process.argv[2] ?? 100_000);
const nodes = Number(process.argv[3] ?? 10_000);

// Counted as the events pass, so checking for the end costs nothing next to the work measured.
let assigned = 0;
const countAssigned = (_state: unknown, event: { type: string }): void => {
  if (event.type === 'task/assigned') assigned += 1;
};
const build = timeIt(() => bigSwarm(3, nodes - 3, 1, [countAssigned]));
const sim = build.result;
sim.runUntil(1);
const measured = timeIt(() => {
  sim.at(sim.now, 'create', (ctx) => {
    const service = createService(ctx, defaultServiceSpec('web', 'nginx', tasks));
    if (isApiError(service)) throw new Error(service.message);
  });
  runUntilDone(sim, () => assigned === tasks, 10, 60_000);
});
printResult({
  benchmark: 'schedule-100k',
  tasks,
  nodes,
  assigned,
  buildClusterSeconds: build.seconds,
  scheduleSeconds: measured.seconds,
  virtualMs: sim.now,
  events: sim.eventCount,
  ...memoryMiB(),
});
