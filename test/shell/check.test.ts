/**
 * `swarmsim shell --check`: every invariant after every event of the session. The checker is
 * replaced by one that objects to the first task placed, to see how a violation ends a session.
 */
import { describe, expect, it, vi } from 'vitest';
import { shellWithStdin } from './helpers.js';

const objectOnPlacement = vi.hoisted(() => ({ on: false }));

vi.mock('../../src/check/invariants.js', async (original) => {
  const real = await original<typeof import('../../src/check/invariants.js')>();
  return {
    ...real,
    strictInvariantObserver: () => {
      const strict = real.strictInvariantObserver();
      return (state: Parameters<typeof strict>[0], event: Parameters<typeof strict>[1]) => {
        strict(state, event);
        if (objectOnPlacement.on && event.type === 'task/assigned') {
          throw new real.InvariantViolation({ invariant: 'test', t: event.t, detail: 'placed' });
        }
      };
    },
  };
});

const SCRIPT =
  'docker service create -d --name web --replicas 3 nginx\nsleep 10\n' +
  'docker node update --availability drain worker1\nsleep 10\ndocker service ls\n';

describe('swarmsim shell --check', () => {
  it('runs a session with every invariant checked and exits 0 when they hold', async () => {
    objectOnPlacement.on = false;
    const result = await shellWithStdin(SCRIPT, { managers: 1, workers: 2, check: true });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/web +replicated +3\/3/);
  });

  it('stops at the line that broke an invariant, with the violation and exit 1', async () => {
    objectOnPlacement.on = true;
    const result = await shellWithStdin(SCRIPT, { managers: 1, workers: 2, check: true });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^swarmsim: the simulation stopped: InvariantViolation: test at \d+ ms: placed\n$/,
    );
    expect(result.stdout).not.toMatch(/web +replicated/);
  });
});
