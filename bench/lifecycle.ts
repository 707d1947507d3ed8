/**
 * Full-model throughput: 20 services of 1,000 replicas on 200 nodes go through their whole
 * lifecycle (create, allocate, schedule, accept, prepare, start, run), then are scaled to zero
 * (stop, reap). Reports model events per wall-clock second, with and without the NDJSON log.
 * Usage: node --import tsx bench/lifecycle.ts
 */
import { createService, updateService } from '../src/api/service.js';
import { isApiError } from '../src/api/errors.js';
import { LogWriter, type LogSink } from '../src/engine/log.js';
import { defaultServiceSpec } from '../src/model/factory.js';
import { createSwarm } from '../src/swarm.js';
import { bigCluster, printResult, timeIt } from './common.js';

const SERVICES = 20;
const REPLICAS = 1_000;

function measure(withLog: boolean) {
  const discard: LogSink = { write: () => {} };
  const log = withLog
    ? new LogWriter(discard, { seed: 1, scenarioHash: '', scenario: 'bench', swarmsimVersion: '' })
    : undefined;
  const agent = { pullMsByImage: { nginx: 0 } };
  const sim = createSwarm({ seed: 1, nodes: bigCluster(3, 197), log, agent });
  const { seconds } = timeIt(() => {
    sim.at(1_000, 'create', (ctx) => {
      for (let index = 0; index < SERVICES; index += 1) {
        const created = createService(ctx, defaultServiceSpec(`web${index}`, 'nginx', REPLICAS));
        if (isApiError(created)) throw new Error(created.message);
      }
    });
    sim.at(60_000, 'scale to zero', (ctx) => {
      for (const id of [...ctx.state.serviceIds]) {
        const spec = structuredClone(ctx.state.services[id]!.spec);
        spec.mode = { replicated: { replicas: 0 } };
        const updated = updateService(ctx, id, spec);
        if (isApiError(updated)) throw new Error(updated.message);
      }
    });
    sim.runUntil(120_000);
  });
  const running = Object.values(sim.state.tasks).length;
  const eventsPerSecond = Math.round(sim.eventCount / seconds);
  return { events: sim.eventCount, seconds, eventsPerSecond, tasksLeft: running };
}

printResult({
  benchmark: 'lifecycle',
  services: SERVICES,
  replicas: REPLICAS,
  nodes: 200,
  withoutLog: measure(false),
  withLog: measure(true),
});
