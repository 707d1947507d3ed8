/** A simulation that throws mid-run fails the run (exit 1) and leaves no partial log behind. */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cli, scratchDir } from './helpers.js';

vi.mock('../../src/dockercli/run.js', () => ({
  runDockerCommand: () => {
    throw new Error('component exploded');
  },
}));

describe('swarmsim run when the simulation fails', () => {
  it('exits 1 with the error and the reproduction line, and removes the partial log', async () => {
    const dir = scratchDir();
    const text = 'cluster: 1 manager\nsteps:\n  - {at: 5s, run: docker node ls}\n';
    writeFileSync(join(dir, 's.yaml'), text);
    const args = ['run', 's.yaml', '--seed', '8', '--out', 'run.ndjson'];
    const { code, stdout, stderr } = await cli(args, dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'swarmsim: the simulation stopped: Error: component exploded\n' +
        'reproduce: swarmsim run s.yaml --seed 8\n',
    );
    expect(readdirSync(dir)).toEqual(['s.yaml']);
  });
});
