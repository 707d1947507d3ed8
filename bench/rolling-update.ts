/**
 * A rolling update at scale: 20,000 replicas on a 1,000-node swarm converge, then the image is
 * updated (parallelism as given, default 100; stop-first; no delay) and the run continues until
 * UpdateStatus is `completed`. Reports wall time and how much faster than real time it ran.
 * Usage: node --import tsx bench/rolling-update.ts [tasks] [nodes] [parallelism]
 */
import { createService, updateService } from '../src/api/service.js';
import { isApiError } from '../src/api/errors.js';
import { DEFAULT_UPDATE_CONFIG } from '../src/model/defaults.js';
import { defaultServiceSpec } from '../src/model/factory.js';
import { serviceByName } from '../src/model/state.js';
import { bigSwarm, memoryMiB, printResult, runUntilDone, timeIt } from './common.js';

const tasks = Number(process.argv[2] ?? 20_000);
const nodes = Number(process.argv[3] ?? 1_000);
const parallelism = Number(process.argv[4] ?? 100);

const sim = bigSwarm(3, nodes - 3);
const spec = defaultServiceSpec('web', 'nginx:1.25', tasks);
spec.update = { ...DEFAULT_UPDATE_CONFIG, parallelism };
sim.at(1_000, 'create', (ctx) => {
  const created = createService(ctx, spec);
  if (isApiError(created)) throw new Error(created.message);
});
const converge = timeIt(() =>
  runUntilDone(
    sim,
    () =>
      Object.values(sim.state.tasks).filter((task) => task.status.state === 'running').length ===
      tasks,
    1_000,
    3_600_000,
  ),
);
const updateStartedMs = sim.now;
const eventsBefore = sim.eventCount;
sim.at(sim.now, 'update image', (ctx) => {
  const service = serviceByName(ctx.state, 'web')!;
  const next = structuredClone(service.spec);
  next.task.container.image = 'nginx:1.27';
  const updated = updateService(ctx, service.id, next);
  if (isApiError(updated)) throw new Error(updated.message);
});
const update = timeIt(() =>
  runUntilDone(
    sim,
    () => serviceByName(sim.state, 'web')!.updateStatus?.state === 'completed',
    10_000,
    100 * 3_600_000,
  ),
);
const virtualSeconds = (sim.now - updateStartedMs) / 1000;
printResult({
  benchmark: 'rolling-update',
  tasks,
  nodes,
  parallelism,
  converged: converge.result,
  convergeWallSeconds: converge.seconds,
  completed: update.result,
  updateStatus: serviceByName(sim.state, 'web')!.updateStatus?.state,
  updateWallSeconds: update.seconds,
  updateVirtualSeconds: virtualSeconds,
  virtualToWallRatio: Math.round(virtualSeconds / update.seconds),
  updateEvents: sim.eventCount - eventsBefore,
  ...memoryMiB(),
});
