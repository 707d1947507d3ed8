/**
 * Raw event-loop throughput: timers popped from the queue, one cheap event emitted per timer,
 * announced to a component that schedules the next timer. Measured without a log (the engine's
 * own cost) and with the NDJSON log and its hash (what `swarmsim run --out` pays).
 * Prints JSON. Usage: node --import tsx bench/event-loop.ts [events]
 */
import { LogWriter, type LogSink } from '../src/engine/log.js';
import { Simulation, type Component } from '../src/engine/simulation.js';
import { buildNode } from '../src/model/factory.js';

const eventCount = Number(process.argv[2] ?? 2_000_000);

function measure(withLog: boolean): { events: number; seconds: number; eventsPerSecond: number } {
  const discard: LogSink = { write: () => {} };
  const log = withLog
    ? new LogWriter(discard, { seed: 1, scenarioHash: '', scenario: 'bench', swarmsimVersion: '' })
    : undefined;
  const ticker: Component = {
    name: 'ticker',
    onEvent(ctx, event) {
      if (event.type !== 'node/labelsChanged') return;
      if (ctx.state.version >= eventCount) return;
      ctx.at(ctx.now + 1, 'tick', (next) =>
        next.emit({ type: 'node/labelsChanged', nodeId: 'n1', labels: {} }),
      );
    },
  };
  const sim = new Simulation({ seed: 1, components: [ticker], log });
  sim.emit({
    type: 'node/joined',
    node: buildNode({ id: 'n1', hostname: 'n1', role: 'manager', addr: '10.0.0.1' }, 0),
  });
  sim.emit({ type: 'node/labelsChanged', nodeId: 'n1', labels: {} });
  const started = process.hrtime.bigint();
  sim.runUntil(Number.MAX_SAFE_INTEGER);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { events: sim.eventCount, seconds, eventsPerSecond: Math.round(sim.eventCount / seconds) };
}

console.log(
  JSON.stringify({
    benchmark: 'event-loop',
    node: process.version,
    withoutLog: measure(false),
    withLog: measure(true),
  }),
);
