/**
 * Fuzz of `--mount` values: valid values with random character edits either parse into a mount
 * or fail with one of docker's own error texts, and a service created with one never makes the
 * simulation throw (the node accepts, rejects or runs its tasks).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMount } from '../../src/dockercli/mounts.js';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { realLikeNode } from '../api/fixture.js';
import { applyCharEdits, charEdit } from '../fuzz/mutations.js';

const SEED = 20261125;

const VALID = [
  'type=bind,src=/var/run/docker.sock,dst=/var/run/docker.sock',
  'type=bind,source=/tmp,target=/t,ro,bind-propagation=rslave,bind-nonrecursive',
  'type=volume,src=data,dst=/data,volume-label=a=b,volume-nocopy=true,volume-driver=local',
  'type=volume,dst=/x,volume-opt=type=tmpfs,volume-opt=device=tmpfs,volume-subpath=sub',
  'type=tmpfs,dst=/scratch,tmpfs-size=64m,tmpfs-mode=1770,consistency=cached',
  '"type=bind","src=/a,b",dst=/c,readonly=false',
];

/** Every error text docker's client gives for a --mount value. */
const DOCKER_ERRORS = [
  /^EOF$/,
  new RegExp(
    '^(record on line \\d+; )?parse error on line \\d+, column \\d+: ' +
      '(bare " in non-quoted-field|extraneous or missing " in quoted-field)$',
  ),
  /^invalid field '.*' must be a key=value pair$/s,
  /^unexpected key '.*' in '.*'$/s,
  /^invalid value for [a-z-]+: .*$/s,
  /^type is required$/,
  /^target is required$/,
  /^cannot mix '(volume|bind|tmpfs|image)-\*' options with mount type '.*'$/s,
  new RegExp(
    "^option 'bind-recursive=(writable|readonly)' requires " +
      "'(readonly|bind-propagation=rprivate)' to be specified in conjunction$",
  ),
];

const mutated = fc
  .tuple(fc.constantFrom(...VALID), fc.array(charEdit, { minLength: 1, maxLength: 3 }))
  .map(([value, edits]) => applyCharEdits(value, edits));

describe(`--mount fuzz (seed ${SEED})`, () => {
  it('parses a mutated value or refuses it with one of docker’s errors', () => {
    fc.assert(
      fc.property(mutated, (value) => {
        const parsed = parseMount(value);
        if ('error' in parsed) {
          expect(DOCKER_ERRORS.some((pattern) => pattern.test(parsed.error)), parsed.error).toBe(
            true,
          );
        } else {
          expect(parsed.value.target).not.toBe('');
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('creates, refuses or runs a service with a mutated mount, never throwing', () => {
    const fx = realLikeNode();
    const session = { nodeId: fx.node('manager1') };
    let n = 0;
    fc.assert(
      fc.property(mutated, (value) => {
        n += 1;
        const argv = ['docker', 'service', 'create', '-d', '--name', `m${n}`, '--mount', value];
        const out = runDockerCommand(fx.sim.ctx, [...argv, 'busybox', 'sleep', '9'], session);
        expect([0, 1, 125]).toContain(out.exitCode);
        fx.sim.runUntil(fx.sim.now + 500);
      }),
      { seed: SEED, numRuns: 80 },
    );
    fx.sim.runUntil(fx.sim.now + 20_000);
  });
});
