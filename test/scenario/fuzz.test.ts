/**
 * Whatever the text, loading a scenario either succeeds or throws a ScenarioError whose issues
 * point inside the file: never a TypeError, a zod or yaml exception, or a stack trace.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/scenario/parse.js';
import { applyCharEdits, charEdit } from '../fuzz/mutations.js';

const SEED = 20_251_125;

const VALID = `name: fuzz
seed: 3
until: 2m
cluster:
  managers: 1
  workers: 2
  nodes:
    - {hostname: worker1, labels: {zone: east}, cpus: 2, memory: 1GiB}
images:
  alpine: {pull: 2s}
settings: {taskHistoryLimit: 5}
steps:
  - at: 1s
    run: docker service create --name web --replicas 3 alpine ping docker.com
  - {at: 10s, drain: worker1}
  - {at: 20s, label-add: {node: worker2, labels: {disk: ssd}}}
expect:
  - {at: 30s, that: service web has 3/3 running}
  - that: 'task web.1 is Pending with error "no suitable node"'
`;

/** Loads `text`; returns normally when it is accepted or rejected the proper way. */
function loadsCleanly(text: string): void {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  try {
    parseScenario(text, 'fuzz.yaml');
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    for (const issue of error.issues) {
      expect(issue.position.line).toBeGreaterThanOrEqual(1);
      expect(issue.position.line).toBeLessThanOrEqual(lineCount + 1);
      expect(issue.position.column).toBeGreaterThanOrEqual(1);
      expect(issue.problem.length).toBeGreaterThan(0);
    }
  }
}

const yamlish = fc.string({
  unit: fc.constantFrom(
    ...'ab1 :-\n\t{}[],"\'#&*!|>%@`?'.split(''),
    ...['cluster', 'steps', 'at', 'run', 'docker', '1s', 'that'],
  ),
  maxLength: 120,
});

describe(`scenario parser fuzzing (fast-check seed ${SEED})`, () => {
  it('accepts the valid base scenario', () => {
    expect(() => parseScenario(VALID, 'fuzz.yaml')).not.toThrow();
  });

  it('never throws anything but ScenarioError on random YAML-ish text', () => {
    fc.assert(fc.property(yamlish, loadsCleanly), { seed: SEED, numRuns: 400 });
  });

  it('never throws anything but ScenarioError on mutations of a valid scenario', () => {
    fc.assert(
      fc.property(fc.array(charEdit, { minLength: 1, maxLength: 4 }), (edits) =>
        loadsCleanly(applyCharEdits(VALID, edits)),
      ),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('never throws anything but ScenarioError on arbitrary values in each field', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('__proto__', 'constructor', 'sim constructor'),
    );
    const field = fc.constantFrom(
      ...['seed', 'until', 'cluster', 'images', 'settings', 'steps', 'expect', 'name', '__proto__'],
    );
    fc.assert(
      fc.property(field, value, (key, content) =>
        loadsCleanly(`cluster: 1 manager\n${key}: ${JSON.stringify(content)}\n`),
      ),
      { seed: SEED, numRuns: 400 },
    );
  });
});
