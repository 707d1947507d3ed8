/**
 * The scheduler keeps node infos between passes and rebuilds only the nodes events marked as
 * changed. A missed mark would make it place tasks on stale numbers, so random scenarios are run
 * with the cache and without it (every pass rebuilding from the state): the logs must be equal.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { scenarioArbitrary, scenarioText } from '../property/random-scenario.js';

const FC_SEED = 777;

async function loadRunner(cacheNodeInfos: boolean): Promise<(text: string) => string> {
  vi.resetModules();
  vi.doMock('../../src/scheduler/scheduler.js', async (importOriginal) => {
    const original = await importOriginal<typeof import('../../src/scheduler/scheduler.js')>();
    return { ...original, createScheduler: () => original.createScheduler({ cacheNodeInfos }) };
  });
  const { parseScenario } = await import('../../src/scenario/parse.js');
  const { runScenario } = await import('../../src/scenario/run.js');
  const { LogWriter, MemorySink } = await import('../../src/engine/log.js');
  vi.doUnmock('../../src/scheduler/scheduler.js');
  return (text) => {
    const log = new LogWriter(new MemorySink(), { seed: 0, scenarioHash: '', scenario: '', swarmsimVersion: '' });
    runScenario(parseScenario(text, 'random.yaml'), { log });
    return log.close().hash;
  };
}

describe(`scheduler node-info cache (fast-check seed ${FC_SEED})`, () => {
  it('places exactly as a scheduler that rebuilds every node at every pass', async () => {
    const cached = await loadRunner(true);
    const rebuilt = await loadRunner(false);
    fc.assert(
      fc.property(scenarioArbitrary, (shape) => {
        const text = scenarioText(shape);
        expect(cached(text), text).toBe(rebuilt(text));
      }),
      { seed: FC_SEED, numRuns: 25 },
    );
  });
});
