/**
 * The scenarios shipped in scenarios/ load without error and, run whole, meet every expectation
 * and step exit code they state: they are the simulator's behaviour tests, written from
 * SWARM.md rather than from the simulator's output. Every run keeps every safety invariant and
 * ends converged, as `run --check` demands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strictInvariantObserver } from '../../src/check/invariants.js';
import { ConvergenceWatch, convergenceFailures } from '../../src/check/convergence.js';
import type { LoggedEvent } from '../../src/model/events.js';
import { failureLines, outcomeOf } from '../../src/scenario/outcome.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';

const DIR = join(import.meta.dirname, '..', '..', 'scenarios');
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.yaml')).sort();

/** What went wrong in a run, one line per failed step or expectation. */
function failures(events: readonly LoggedEvent[]): string[] {
  return failureLines(outcomeOf(events));
}

describe('shipped scenarios', () => {
  it('include the course default and the behaviour scenarios', () => {
    expect(FILES).toEqual(expect.arrayContaining([
      'cluster-volumes.yaml',
      'constraints.yaml',
      'default.yaml',
      'drain-pause.yaml',
      'global.yaml',
      'resources-pending.yaml',
      'restart-policies.yaml',
      'scale.yaml',
    ]));
  });

  it.each(FILES)('%s meets all its expectations', (name) => {
    const scenario = parseScenario(readFileSync(join(DIR, name), 'utf8'), `scenarios/${name}`);
    const events: LoggedEvent[] = [];
    // Every safety invariant is checked after every event: the first violation throws.
    const record = (_state: unknown, event: LoggedEvent) => events.push(event);
    const watch = new ConvergenceWatch();
    const observers = [strictInvariantObserver(), record, watch.observe];
    const { sim } = runScenario(scenario, { observers });
    expect(failures(events)).toEqual([]);
    expect(convergenceFailures(sim.state, { now: sim.now, watch })).toEqual([]);
    const checked = events.filter((event) => event.type === 'scenario/expectationChecked');
    expect(checked).toHaveLength(scenario.expectations.length);
  });
});
