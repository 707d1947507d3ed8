import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, scratchDir } from './helpers.js';

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

  it('names each failed seed with the command that reproduces it, and exits 1', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'unmet.yaml'), [
      'name: chaos-unmet',
      'cluster: 1 manager, 1 worker',
      'until: 3m',
      'steps:',
      '  - {at: 1s, run: docker service create --name web --replicas 2 nginx}',
      'chaos:',
      '  from: 10s',
      '  for: 1m',
      '  containerCrash: {probability: 1/10, stability: 1s}',
      'expect:',
      '  - {that: service web has 3/3 running}',
      '',
    ].join('\n'));
    const sweep = await cli(['chaos', 'unmet.yaml', '--seeds', '2', '--from', '7'], dir);
    const unmet = 'unmet.yaml:11:12: service web has 3/3 running, but service web has 2/2 running';
    expect([sweep.code, sweep.stderr]).toEqual([1, '']);
    expect(sweep.stdout).toMatch(new RegExp(
      `^seed 7 FAILED: ${unmet}\n  reproduce: swarmsim chaos unmet.yaml --seed 7\n` +
        `seed 8 FAILED: ${unmet}\n  reproduce: swarmsim chaos unmet.yaml --seed 8\n` +
        'chaos: 2 seeds from 7, \\d+ faults injected, 2 failed\n$',
    ));
    // The printed command shows that seed again, failing the same way.
    const again = await cli(['chaos', 'unmet.yaml', '--seed', '8'], dir);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(`"failure": "${unmet}"`);
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
