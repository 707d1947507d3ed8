import { describe, expect, it } from 'vitest';
import { parseLesson } from '../../src/lesson/parse.js';
import { ScenarioError } from '../../src/scenario/errors.js';

const HEAD = `lesson: demo
title: {es: Demo, en: Demo}
`;

/** The located messages of a lesson that must not load. */
function problems(text: string): string[] {
  try {
    parseLesson(text, 'demo.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    const message = (error as ScenarioError).message;
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
    return message.split('\n');
  }
  throw new Error('the lesson loaded');
}

describe('lesson files', () => {
  it('load with defaults: one manager, swarm on, seed 1, exit code 0', () => {
    const lesson = parseLesson(
      `${HEAD}steps:
  - say: {es: Hola, en: Hello}
  - run: docker node ls
    shows: ['^ID ']
  - check: [node manager1 is Leader]
`,
      'demo.yaml',
    );
    expect(lesson.name).toBe('demo');
    expect(lesson.lab).toEqual({ managers: 1, workers: 0, swarm: true, node: undefined });
    expect(lesson.seed).toBe(1);
    expect(lesson.steps.map((step) => step.kind)).toEqual(['say', 'run', 'check']);
    const run = lesson.steps[1]!;
    expect(run.kind === 'run' && run.exit).toBe(0);
    expect(run.kind === 'run' && run.shows[0]!.regex.test('ID  HOSTNAME')).toBe(true);
  });

  it('name an unknown field where it is written, with a did-you-mean', () => {
    const lines = problems(`${HEAD}steps:
  - run: docker service ls
    shwos: ['pinger']
`);
    expect(lines).toEqual([
      "demo.yaml:5:5: unknown field 'shwos' in steps[0]; did you mean 'shows'? " +
        'valid fields: say, run, exit, shows, hides, check',
    ]);
  });

  it('reject a step with no action or with two', () => {
    const lines = problems(`${HEAD}steps:
  - exit: 1
  - run: docker service ls
    check: [service web exists]
`);
    expect(lines[0]).toBe(
      'demo.yaml:4:5: a step needs one of say, run or check; e.g. - run: docker service ls',
    );
    expect(lines[1]).toMatch(
      /^demo\.yaml:5:5: a step has exactly one of say, run or check, not run and check;/,
    );
  });

  it('reject shows, hides and exit on a step that runs nothing', () => {
    const lines = problems(`${HEAD}steps:
  - check: [service web exists]
    shows: ['x']
`);
    expect(lines).toEqual([
      "demo.yaml:5:5: 'shows' belongs to a run step; move it under the run it tests",
    ]);
  });

  it('report a bad regex at the pattern itself', () => {
    const lines = problems(`${HEAD}steps:
  - run: docker service ls
    shows:
      - '^ID'
      - 'replicas (1/1'
`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^demo\.yaml:7:9: bad regex 'replicas \(1\/1': .*; JavaScript regex/);
  });

  it('report a check sentence the language does not know, at the sentence', () => {
    const lines = problems(`${HEAD}steps:
  - check:
      - service web has 3/3 running
      - service web is happy
      - task web.1 is Sleeping
`);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^demo\.yaml:6:9: unknown expectation 'service web is happy'; valid/);
    expect(lines[0]).toContain('service NAME has RUNNING/DESIRED running');
    expect(lines[1]).toMatch(/^demo\.yaml:7:9: unknown task state 'Sleeping'; valid: /);
  });

  it('reject unknown lab keys and a start machine the lab has not', () => {
    expect(problems(`${HEAD}lab: {managers: 1, worker: 2}\nsteps: [{run: docker info}]\n`))
      .toEqual([
        "demo.yaml:3:20: unknown field 'worker' in lab; did you mean 'workers'? " +
          'valid fields: managers, workers, swarm, node',
      ]);
    expect(problems(`${HEAD}lab: {managers: 1, node: worker1}\nsteps: [{run: docker info}]\n`))
      .toEqual(["demo.yaml:3:26: the lab has no machine 'worker1'; machines: manager1"]);
  });

  it('require narration in both languages', () => {
    const lines = problems(`${HEAD}steps:
  - say:
      es: Hola
`);
    expect(lines).toEqual([
      "demo.yaml:5:7: missing field 'en' in steps[0].say; write the text in both es: and en:",
    ]);
  });

  it('require a kebab-case name, a title and steps, and read bad YAML as a located error', () => {
    expect(problems('lesson: Rolling Update\ntitle: {es: a, en: b}\nsteps: [{run: x}]\n'))
      .toEqual([
        "demo.yaml:1:9: lesson name 'Rolling Update' is not kebab-case; use lowercase words " +
          'joined by dashes, e.g. lesson: rolling-update',
      ]);
    expect(problems('lesson: demo\n')).toEqual([
      "demo.yaml:1:1: missing field 'title' at the top level; " +
        'e.g. title: {es: Actualización de versión, en: Rolling update}',
      "demo.yaml:1:1: missing field 'steps' at the top level; " +
        'e.g. steps: [{run: docker service ls}]',
    ]);
    expect(problems(`${HEAD}steps:\n  - run: 'docker info\n`)[0]).toMatch(
      /^demo\.yaml:5:1: bad YAML: missing closing 'quote; close every quote and bracket that/,
    );
  });
});
