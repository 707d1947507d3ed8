/**
 * `run --check` judges convergence at the end of the run as chaos and the property test do: a
 * scheduler that never places a task leaves it PENDING beside a node that fits, and the run
 * fails with the slot, the reason, and the step that created the service; `shell --check` too.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cli, scratchDir } from './helpers.js';

// Replace the scheduler with one that never acts: a swarm bug the invariants cannot see.
vi.mock('../../src/scheduler/scheduler.js', () => ({
  createScheduler: () => ({ name: 'scheduler' }),
}));

const STUCK = `cluster: 1 manager
until: 30s
steps:
  - {at: 1s, run: docker service create -d --name web --replicas 2 nginx}
`;

describe('swarmsim run --check (convergence)', () => {
  it('fails on a task left pending beside a node that passes every filter', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'stuck.yaml'), STUCK);
    const { code, stdout, stderr } = await cli(['run', 'stuck.yaml', '--check'], dir);
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const [index, slot] of [1, 2].entries()) {
      expect(lines[index]).toMatch(new RegExp(
        `^stuck\\.yaml:4:19: web slot ${slot}: task \\S+ is pending although manager1 passes ` +
          'every filter \\(judged at the end, 30s of virtual time\\)$',
      ));
    }
    expect(stdout).toContain('reproduce: swarmsim run stuck.yaml --seed 1 --check\n');
  });

  it('judges a shell script the same way at its end', async () => {
    const dir = scratchDir();
    const script = 'docker swarm init\ndocker service create -d --name web nginx\nsleep 20\n';
    writeFileSync(join(dir, 'stuck.sh'), script);
    const checked = await cli(['shell', 'stuck.sh', '--check'], dir);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toMatch(
      /^stuck\.sh: web slot 1: task \S+ is pending although \S+ passes every filter \(judged/,
    );
    const unchecked = await cli(['shell', 'stuck.sh'], dir);
    expect([unchecked.code, unchecked.stderr]).toEqual([0, '']);
  });

  it('leaves the verdict to the expectations without --check', async () => {
    const dir = scratchDir();
    writeFileSync(join(dir, 'stuck.yaml'), STUCK);
    const { code, stderr } = await cli(['run', 'stuck.yaml'], dir);
    expect([code, stderr]).toEqual([0, '']);
  });
});
