import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

describe('swarmsim chaos', () => {
  it('runs seeds of the built-in workload and reports every one healed', async () => {
    const result = await cli(['chaos', '--seeds', '3', '--from', '10']);
    expect(result.stdout).toMatch(/^chaos: 3 seeds from 10, \d+ faults injected, 0 failed\n$/);
    expect(result.code).toBe(0);
  });

  it('shows one seed of a scenario with its availability computed from the log', async () => {
    const result = await cli(['chaos', 'scenarios/faults/chaos.yaml', '--seed', '2']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.join('\n')).toContain('"passed": true');
    expect(lines.at(-1)).toMatch(/^\{"service":"\w+","degradedMs":\d+,"downMs":\d+/);
  });

  it('refuses a scenario without a chaos: block, naming what is missing', async () => {
    const result = await cli(['chaos', 'scenarios/default.yaml', '--seeds', '1']);
    expect([result.code, result.stdout, result.stderr]).toEqual([
      2,
      '',
      'scenarios/default.yaml: no chaos: block; chaos draws faults from it ' +
        '(see scenarios/faults/chaos.yaml)\n',
    ]);
  });

  it('refuses zero seeds and a malformed seed as bad input', async () => {
    expect((await cli(['chaos', '--seeds', '0'])).code).toBe(2);
    const bad = await cli(['chaos', '--seed', 'x1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--seed must be a whole number from 0 to 4294967295, not 'x1'");
  });
});
