/**
 * Every lesson of scenarios/course/, played straight through in both languages, must hold: exit
 * 0, no ✗ line, and every `source` heading must be one of the course notes' headings. Both
 * plays write their event log: the language changes the narration only, so the two logs must be
 * the same bytes, and the log must replay. New lesson files are covered as soon as added.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COURSE_DIR, lessonCommand } from '../../src/cli/lesson.js';
import { replayLog } from '../../src/engine/replay.js';
import { isLessonFileName } from '../../src/lesson/catalog.js';
import { parseLesson } from '../../src/lesson/parse.js';
import { capturedIo } from '../cli/helpers.js';

/** The course's notes where the course is, else their copy in the fixtures (never skipped). */
const SHARED_NOTES = '/work/shared/course/swarm-course-notes.es.md';
const NOTES = existsSync(SHARED_NOTES)
  ? SHARED_NOTES
  : join('test', 'fixtures', 'course', 'swarm-course-notes.es.md');
const FILES = readdirSync(COURSE_DIR).filter(isLessonFileName).sort();
const LOGS = mkdtempSync(join(tmpdir(), 'swarmsim-course-logs-'));

/** Plays one lesson file with --yes (and --seed when given); returns its status and output. */
async function play(file: string, lang: 'es' | 'en', seed?: number) {
  const { io, stdout, stderr } = capturedIo(COURSE_DIR);
  const input = { stream: process.stdin, isTTY: false, columns: 80, output: process.stdout, lang };
  const out = join(LOGS, `${file}.${lang}.${seed ?? 'default'}.ndjson`);
  const seedFlag = seed === undefined ? {} : { seed: String(seed) };
  const code = await lessonCommand({ name: file, yes: true, lang, out, ...seedFlag }, io, input);
  return { code, stdout: stdout(), stderr: stderr(), log: readFileSync(out, 'utf8') };
}

/** A heading as written, runs of spaces as one. */
const heading = (line: string) => line.trim().replace(/\s+/g, ' ');

describe('the course lessons', () => {
  it('include the first three', () => {
    expect(FILES.slice(0, 3)).toEqual([
      '01-init-and-nodes.yaml',
      '02-first-service.yaml',
      '03-service-lifecycle.yaml',
    ]);
  });

  for (const file of FILES) {
    const logs: Partial<Record<'es' | 'en', string>> = {};
    for (const lang of ['es', 'en'] as const) {
      it(`${file} plays through in ${lang} with every check held`, async () => {
        const result = await play(file, lang);
        const failures = result.stdout.split('\n').filter((line) => line.startsWith('✗'));
        expect(failures).toEqual([]);
        expect(result.stdout).toMatch(/\n\d+ checks, 0 failed\nlog: .*\n$/);
        expect(result.code).toBe(0);
        logs[lang] = result.log;
      });
    }
    // The checks must hold whatever the seed draws (election winners, task IDs, slot order).
    it(`${file} holds every check with another seed`, async () => {
      const result = await play(file, 'en', 7);
      expect(result.stdout.split('\n').filter((line) => line.startsWith('✗'))).toEqual([]);
      expect(result.code).toBe(0);
    });
    it(`${file} writes one event log whatever the language, and it replays`, () => {
      expect(logs.es).toBeDefined();
      expect(logs.en).toBe(logs.es);
      const replay = replayLog(logs.es!);
      expect(replay.events.some((event) => event.type === 'shell/commandRan')).toBe(true);
    });
  }

  it('follow headings that exist in the course notes', () => {
    const headings = new Set(
      readFileSync(NOTES, 'utf8').split('\n').filter((line) => line.startsWith('#')).map(heading),
    );
    const missing = FILES.flatMap((file) => {
      const lesson = parseLesson(readFileSync(join(COURSE_DIR, file), 'utf8'), file);
      return lesson.sources.filter((source) => !headings.has(heading(source)))
        .map((source) => `${file}: ${source}`);
    });
    expect(missing).toEqual([]);
  });
});
