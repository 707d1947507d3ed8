/**
 * Whatever a lesson file holds, loading it either gives a lesson or throws a ScenarioError whose
 * every line is located (`file:line:column: ...`): never a TypeError, a zod or yaml exception,
 * or a stack trace. Mutations start from the shipped course, so they reach the schema and the
 * rules behind it (check sentences, regexes, the lab's machines).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseLesson } from '../../src/lesson/parse.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { cli, ROOT, scratchDir } from '../cli/helpers.js';
import { mutationsOf, scalarText } from '../fuzz/mutations.js';

const SEED = 20_251_125;
const LOCATED = /^[^:]+:\d+:\d+: /;

const COURSE_DIR = join(ROOT, 'scenarios', 'course');
const COURSE = readdirSync(COURSE_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => readFileSync(join(COURSE_DIR, name), 'utf8'));

/** Loads `text`; returns normally when it is accepted or rejected the proper way. */
function loadsCleanly(text: string): void {
  try {
    parseLesson(text, 'fuzz.yaml');
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    for (const line of error.message.split(/\r\n|\r|\n/)) expect(line).toMatch(LOCATED);
    const lineCount = text.split(/\r\n|\r|\n/).length;
    for (const issue of error.issues) {
      expect(issue.position.line).toBeGreaterThanOrEqual(1);
      expect(issue.position.line).toBeLessThanOrEqual(lineCount + 1);
      expect(issue.position.column).toBeGreaterThanOrEqual(1);
    }
  }
}

/** A shipped lesson, mutated. */
const mutatedLesson = fc
  .nat({ max: COURSE.length - 1 })
  .chain((index) => mutationsOf(COURSE[index]!, 4));

describe(`lesson parser fuzzing (fast-check seed ${SEED})`, () => {
  it('loads every shipped lesson unmutated', () => {
    expect(COURSE.length).toBeGreaterThanOrEqual(10);
    for (const text of COURSE) expect(() => parseLesson(text, 'course.yaml')).not.toThrow();
  });

  it('never throws anything but located ScenarioErrors on mutated course lessons', () => {
    fc.assert(fc.property(mutatedLesson, loadsCleanly), { seed: SEED, numRuns: 200 });
  });

  it('never throws anything but located ScenarioErrors on arbitrary text', () => {
    const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary' }));
    fc.assert(fc.property(text, loadsCleanly), { seed: SEED, numRuns: 300 });
  });

  it('never throws anything but located ScenarioErrors on odd values in each field', () => {
    const field = fc.constantFrom(
      'lesson', 'title', 'source', 'lab', 'seed', 'needs', 'files', 'steps', '__proto__',
    );
    const json = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v));
    const value = fc.oneof(json, scalarText);
    const step = fc.constantFrom('say', 'run', 'exit', 'shows', 'hides', 'check', 'lab');
    fc.assert(
      fc.property(field, value, step, value, (key, content, stepKey, stepValue) =>
        loadsCleanly(
          `lesson: x\ntitle: {es: a, en: b}\n${key}: ${content}\n` +
            `steps:\n  - ${stepKey}: ${stepValue}\n`,
        ),
      ),
      { seed: SEED, numRuns: 300 },
    );
  });
});

describe('a lesson error quoting a line break from the file', () => {
  const cases: Record<string, string> = {
    'a regex': 'steps:\n  - run: ls\n    shows: "(\\nx"\n',
    'a step key': 'steps:\n  - {run: ls, "sh\\nows": 1}\n',
    'a top-level key': '"a\\r\\nb": 1\nsteps: [{run: ls}]\n',
    'a check sentence': 'steps:\n  - check: "service\\nweb exists x"\n',
  };

  it.each(Object.keys(cases))('in %s keeps it escaped on the located line', (name) => {
    const text = `lesson: x\ntitle: {es: a, en: b}\n${cases[name]!}`;
    const error = (() => {
      try {
        parseLesson(text, 'fuzz.yaml');
      } catch (thrown) {
        return thrown as ScenarioError;
      }
      throw new Error('the lesson loaded');
    })();
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.message.split(/\r\n|\r|\n/)).toHaveLength(error.issues.length);
    for (const line of error.message.split('\n')) expect(line).toMatch(LOCATED);
  });

  it('names the regex with its escaped line break', () => {
    const text = 'lesson: x\ntitle: {es: a, en: b}\nsteps:\n  - run: ls\n    shows: "(\\nx"\n';
    expect(() => parseLesson(text, 'f.yaml')).toThrow(/^f\.yaml:5:12: bad regex '\(\\nx': /);
  });
});

describe('a lesson with a collection as a key', () => {
  it('is an unknown field, with no warning of the yaml library on stderr', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const text = 'lesson: x\ntitle: {es: a, en: b}\n{a: 1}: 2\nsteps: [{run: ls}]\n';
      const located = /^f\.yaml:\d+:\d+: unknown field '\{ a: 1 \}'/;
      expect(() => parseLesson(text, 'f.yaml')).toThrow(located);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});

describe('swarmsim lesson FILE with a broken lesson', () => {
  const broken: Record<string, string> = {
    'bad-yaml.yaml': 'lesson: [x\n',
    'not-mapping.yaml': '- 1\n- 2\n',
    'bad-step.yaml': 'lesson: x\ntitle: {es: a, en: b}\nsteps:\n  - shows: "("\n    run: 7\n',
    'bad-check.yaml': 'lesson: x\ntitle: {es: a, en: b}\nsteps:\n  - check: [sim is happy]\n',
    'bad-lab.yaml':
      'lesson: x\ntitle: {es: a, en: b}\nlab: {managers: -1, node: nowhere}\nsteps: []\n',
    'unicode.yaml': `${COURSE[0]!.slice(0, 200)}\u0000\uFFFE\uD800`,
  };

  it.each(Object.keys(broken))('%s: exit 2, located stderr, no stack, no stdout', async (name) => {
    const dir = scratchDir();
    writeFileSync(join(dir, name), broken[name]!);
    const result = await cli(['lesson', name, '--yes'], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/^ {4}at /m);
    const lines = result.stderr.replace(/\n$/, '').split('\n');
    for (const line of lines) expect(line.startsWith(`${name}:`) && LOCATED.test(line)).toBe(true);
  });
});
