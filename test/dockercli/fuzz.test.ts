/**
 * Property tests: whatever the user types, the docker layer answers with an output (never an
 * exception), and the value parsers either parse or explain.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGoDurationMs } from '../../src/dockercli/go-duration.js';
import { parsePublish } from '../../src/dockercli/ports.js';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { parseMemoryBytes, parseNanoCPUs } from '../../src/dockercli/units.js';
import { fixture } from '../api/fixture.js';

const SEED = 20240611;

const word = fc.oneof(
  fc.constantFrom(
    'service', 'node', 'create', 'update', 'scale', 'rm', 'rollback', 'promote', 'demote',
    '--name', 'web', 'api', 'nginx', '--replicas', '3', '-1', '--mode', 'global', '-d', '-q',
    '-dq', '-p', '80:80', '8080', 'target=80,published=8080', '--publish-add', '--publish-rm',
    '-e', 'A=1', '--env-rm', 'A', '--constraint', 'node.role==worker', '--reserve-cpu', '0.5',
    '--reserve-memory', '1g', '--restart-delay', '5s', '--update-monitor', '0', '--force',
    '--rollback', '--image', 'web=2', 'web=x', '--availability', 'drain', '--role', 'manager',
    '--label-add', 'a=b', '--label-rm', 'a', '-f', 'manager1', 'worker1', '--', '--help', '-',
    '--update-max-failure-ratio', '2', '--placement-pref', 'spread=x', '--entrypoint', "'",
  ),
  fc.string({ maxLength: 12 }),
);

const argvs = fc
  .tuple(fc.constantFrom('service', 'node', 'swarm', ''), fc.array(word, { maxLength: 12 }))
  .map(([group, rest]) => ['docker', group, ...rest]);

describe(`docker command fuzz (seed ${SEED})`, () => {
  it('always returns an output with a docker exit code, never throws', () => {
    const fx = fixture();
    const session = { nodeId: fx.node('manager1') };
    fc.assert(
      fc.property(argvs, (argv) => {
        const out = runDockerCommand(fx.sim.ctx, argv, session);
        expect(typeof out.stdout).toBe('string');
        expect(typeof out.stderr).toBe('string');
        expect([0, 1, 125]).toContain(out.exitCode);
        // A failure always says why.
        if (out.exitCode !== 0) expect(out.stderr).not.toBe('');
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe(`value parser fuzz (seed ${SEED})`, () => {
  const parsers = { parseGoDurationMs, parseMemoryBytes, parseNanoCPUs, parsePublish };
  for (const [name, parse] of Object.entries(parsers)) {
    it(`${name} parses or gives a non-empty error`, () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 24 }), (text) => {
          const result = parse(text);
          if ('error' in result) expect(result.error.length).toBeGreaterThan(0);
          else expect(result.value).toBeDefined();
        }),
        { seed: SEED, numRuns: 500 },
      );
    });
  }

  it('reads well-formed durations as their value', () => {
    const units = fc.constantFrom<[string, number]>(['ms', 1], ['s', 1000], ['m', 60_000]);
    fc.assert(
      fc.property(fc.nat(100_000), units, (n, [unit, ms]) => {
        expect(parseGoDurationMs(`${n}${unit}`)).toEqual({ value: n * ms });
      }),
      { seed: SEED },
    );
  });
});
