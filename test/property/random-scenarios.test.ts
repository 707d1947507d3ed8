/**
 * Random scenarios through the whole stack (scenario text, docker commands, control API,
 * orchestrators, scheduler, agent): every run keeps every safety invariant after every event,
 * the same seed always writes the same log, and once the cluster is healed and left alone every
 * service either runs all its replicas or has an acceptable reason not to.
 *
 * The fast-check seed is pinned (and shown in the title) so CI is reproducible; a failure prints
 * the generated scenario, which `swarmsim run` reproduces as-is.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { strictInvariantObserver } from '../../src/check/invariants.js';
import { convergenceReport } from '../../src/check/convergence.js';
import { LogWriter, MemorySink } from '../../src/engine/log.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';
import { scenarioArbitrary, scenarioText } from './random-scenario.js';

const FC_SEED = 424242;
function runOnce(text: string): { hash: string; state: ReturnType<typeof runScenario>['sim']['state'] } {
  const scenario = parseScenario(text, 'random.yaml');
  const sink = new MemorySink();
  const log = new LogWriter(sink, { seed: scenario.seed, scenarioHash: '', scenario: 'random', swarmsimVersion: 'test' });
  const { sim } = runScenario(scenario, { log, observers: [strictInvariantObserver()] });
  return { hash: log.close().hash, state: sim.state };
}

describe(`random scenarios (fast-check seed ${FC_SEED})`, () => {
  it('keep every invariant, replay identically, and converge once healed', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (shape) => {
        const text = scenarioText(shape);
        const first = runOnce(text);
        const second = runOnce(text);
        expect(second.hash, text).toBe(first.hash);
        const unexplained = convergenceReport(first.state).filter((entry) => !entry.explained);
        expect(unexplained, text).toEqual([]);
      }),
      { seed: FC_SEED, numRuns: 40 },
    );
  });
});
