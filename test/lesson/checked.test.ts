/**
 * Every lesson of the course, played with `--check`, keeps every safety invariant after every
 * event of its shell session (the checker throws on the first violation, which stops the lesson
 * with exit 1). One language is enough: the language changes the narration only. `run LESSON
 * --check` plays the lesson the same way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COURSE_DIR, lessonCommand } from '../../src/cli/lesson.js';
import { InvariantViolation } from '../../src/check/invariants.js';
import { isLessonFileName } from '../../src/lesson/catalog.js';
import { parseLesson } from '../../src/lesson/parse.js';
import { playLesson } from '../../src/lesson/play.js';
import { capturedIo, cli } from '../cli/helpers.js';

const FILES = readdirSync(COURSE_DIR).filter(isLessonFileName).sort();

describe('the course lessons under the invariant checker', () => {
  it.each(FILES)('%s keeps every invariant', async (file) => {
    const { io, stdout, stderr } = capturedIo(COURSE_DIR);
    const { stdin: stream, stdout: output } = process;
    const input = { stream, isTTY: false, columns: 80, output, lang: 'en' };
    const code = await lessonCommand({ name: file, yes: true, lang: 'en', check: true }, io, input);
    expect(stderr()).not.toMatch(/the simulation stopped/);
    expect(stdout()).toMatch(/\n\d+ checks, 0 failed\n$/);
    expect(code).toBe(0);
  });

  it('`run LESSON --check` plays the lesson with the checker', async () => {
    const result = await cli(['run', 'scenarios/course/06-rolling-update.yaml', '--check']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/\n\d+ checks, 0 failed\n$/);
    expect(result.code).toBe(0);
  });

  it('hands every event of the session to the observers it is given', async () => {
    const file = '05-scaling.yaml';
    const lesson = parseLesson(readFileSync(join(COURSE_DIR, file), 'utf8'), file);
    // A checker that objects to the first placement: the play must stop there, with it.
    const objects = (_state: unknown, event: { type: string; t: number }) => {
      if (event.type === 'task/assigned') {
        throw new InvariantViolation({ invariant: 'test', t: event.t, detail: 'placed' });
      }
    };
    const output = { stdout: () => undefined, stderr: () => undefined };
    const options = { language: 'en' as const, columns: 80, ...output, observers: [objects] };
    const play = playLesson(lesson, options);
    await expect(play).rejects.toThrow(/^test at \d+ ms: placed$/);
  });
});
