/**
 * Structured fault steps: each is the `sim` command of the same name, with its option fields
 * (`exit-code`, `image`, `extra`, `one-way`) turned into that command's words; an option on a
 * step that does not take it, a slow pull without its delay, or a bad target is a located error.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.js';

const HEAD = 'cluster: 1 manager, 2 workers\nsteps:\n';

function commandsOf(...steps: string[]): string[] {
  const text = HEAD + steps.map((step) => `  - ${step}\n`).join('');
  return parseScenario(text, 'f.yaml').steps.map((step) => step.command);
}

function errorOf(step: string): string {
  try {
    parseScenario(`${HEAD}  - ${step}\n`, 'f.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the scenario was accepted');
}

describe('fault steps', () => {
  it('become the sim commands a shell user would type', () => {
    expect(commandsOf(
      '{at: 5s, kill: web.1}',
      '{at: 5s, kill: web.2, exit-code: 137}',
      '{at: 5s, oom: web}',
      '{at: 5s, pull-fail: worker1}',
      '{at: 5s, pull-fail: worker1, image: nginx}',
      '{at: 5s, slow-pull: worker2, extra: 30s, image: myorg/app}',
      '{at: 5s, start-fail: manager1}',
      '{at: 5s, partition: [worker1, worker2], one-way: true}',
      '{at: 5s, partition: worker1, one-way: false}',
    )).toEqual([
      'sim kill web.1',
      'sim kill web.2 137',
      'sim oom web',
      'sim pull-fail worker1',
      'sim pull-fail worker1 nginx',
      'sim slow-pull worker2 30s myorg/app',
      'sim start-fail manager1',
      'sim partition worker1,worker2 --one-way',
      'sim partition worker1',
    ]);
  });

  it('refuse an option on a step that does not take it, at the option', () => {
    expect(errorOf('{at: 5s, crash: worker1, exit-code: 3}')).toBe(
      'f.yaml:3:41: exit-code goes with a kill step; e.g. {at: 30s, kill: web.1, exit-code: 137}',
    );
    expect(errorOf('{at: 5s, kill: web.1, image: nginx}')).toBe(
      'f.yaml:3:34: image goes with a pull-fail, slow-pull or start-fail step; ' +
        'e.g. {at: 9s, pull-fail: worker1, image: nginx}',
    );
    expect(errorOf('{at: 5s, heal: all, one-way: true}')).toMatch(
      /^f\.yaml:3:34: one-way goes with a partition step; /,
    );
  });

  it('ask a slow pull for its extra delay', () => {
    expect(errorOf('{at: 5s, slow-pull: worker1}')).toBe(
      'f.yaml:3:25: a slow-pull step needs extra: how much longer each pull takes; ' +
        'e.g. {at: 30s, slow-pull: worker1, extra: 30s}',
    );
  });

  it('check hostnames, exit codes and task targets when the file is loaded', () => {
    expect(errorOf('{at: 5s, start-fail: worker9}')).toBe(
      "f.yaml:3:26: unknown node 'worker9'; nodes: manager1, worker1, worker2",
    );
    expect(errorOf('{at: 5s, kill: web.1, exit-code: 300}')).toMatch(
      /^f\.yaml:3:38: steps\[0\]\.exit-code must be at most 255, not 300; /,
    );
    expect(errorOf('{at: 5s, oom: web.first}')).toMatch(
      /^f\.yaml:3:19: steps\[0\]\.oom 'web\.first' is not valid; e\.g\. oom: web\.1/,
    );
  });

  it('count as the one action of their step', () => {
    expect(errorOf('{at: 5s, kill: web.1, oom: web.2}')).toMatch(
      /^f\.yaml:3:5: a step has one action, not kill and oom; actions: .*, kill, oom, pull-fail/,
    );
  });
});
