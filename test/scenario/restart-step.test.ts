/**
 * The `restart:` step's own fields: `downtime`, and the `cpus`/`memory` totals the engine reports
 * once back (SWARM.md 3.7). They become the words of `sim restart`, and go with a restart only.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/scenario/parse.js';

const HEAD = 'cluster: 1 manager, 1 worker\nsteps:\n';

describe('restart steps', () => {
  it('turn downtime, memory and cpus into the sim restart command line', () => {
    const text = `${HEAD}  - {at: 5s, restart: worker1, downtime: 20s, memory: 1GB, cpus: 1.5}\n`;
    const [step] = parseScenario(text, 'f.yaml').steps;
    const words = ['sim', 'restart', 'worker1', '20s', '--memory', '1GiB', '--cpus', '1.5'];
    expect(step!.argv).toEqual(words);
    expect(step!.command).toBe('sim restart worker1 20s --memory 1GiB --cpus 1.5');
  });

  it('refuse memory on another step, at the field', () => {
    const text = `${HEAD}  - {at: 5s, crash: worker1, memory: 1GB}\n`;
    expect(() => parseScenario(text, 'f.yaml')).toThrow(ScenarioError);
    const hint = 'e.g. {at: 30s, restart: worker1, memory: 1GiB}';
    expect(() => parseScenario(text, 'f.yaml')).toThrow(
      `f.yaml:3:38: memory goes with a restart step; ${hint}`,
    );
  });

  it('refuse a memory size that is not one', () => {
    const text = `${HEAD}  - {at: 5s, restart: worker1, memory: lots}\n`;
    expect(() => parseScenario(text, 'f.yaml')).toThrow("bad memory size 'lots'");
  });
});
