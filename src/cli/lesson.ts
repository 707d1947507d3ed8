/**
 * `swarmsim lesson [NAME]`: plays a lesson of the course (docs/lessons.md) on a simulated lab,
 * or lists the lessons. On a terminal each command waits for Enter and the learner may type
 * their own first; with --yes, or when stdin is not a terminal, it plays straight through.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import {
  entryName,
  findLesson,
  isLessonFileName,
  readCourse,
  type CourseEntry,
} from '../lesson/catalog.js';
import { InvariantViolation, strictInvariantObserver } from '../check/invariants.js';
import { RunConvergenceCheck } from './run-check.js';
import { parseLesson, type Lesson } from '../lesson/parse.js';
import { playLesson } from '../lesson/play.js';
import { LANGUAGES, type Language } from '../lesson/schema.js';
import { flagError, logHeaderOf, readParsed, readSeed } from './common.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, usageError, type CliIo } from './io.js';
import { openOutFile } from './out-file.js';
import { formatTable } from './table.js';

/** The course folder, found from this file so any working directory works (src/ and dist/). */
export const COURSE_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'scenarios',
  'course',
);

/** Flags of `lesson`, as yargs hands them over. */
export interface LessonArgs {
  name?: string;
  lang?: string;
  yes?: boolean;
  seed?: string;
  /** Write the session's NDJSON event log to this file. */
  out?: string;
  /** Check the safety invariants after every event; the first violation stops the lesson. */
  check?: boolean;
}

/** Where an interactive lesson reads the learner's lines from. */
export interface LessonInput {
  stream: NodeJS.ReadableStream;
  isTTY: boolean;
  columns: number;
  output: NodeJS.WritableStream;
  /** The LANG environment variable, for the default language. */
  lang: string | undefined;
}

/** How yargs declares `lesson`. */
export const lessonUsage = {
  command: 'lesson [name]',
  describe: 'Play a lesson of the Docker Swarm course (no NAME: list them)',
  builder: (yargs: Argv) =>
    yargs
      .positional('name', {
        type: 'string',
        describe: 'Lesson name, number (6 or 06) or lesson file',
      })
      .option('lang', {
        type: 'string',
        describe: 'Narration language: es or en (default: es when LANG starts with es, else en)',
      })
      .option('yes', { type: 'boolean', describe: 'Run every command without waiting for Enter' })
      .option('seed', { type: 'string', describe: "Random seed (default: the lesson's)" })
      .option('out', { type: 'string', describe: 'Write the NDJSON event log to this file' })
      .option('check', {
        type: 'boolean',
        describe: 'Check invariants after every event, and that replicas converged at the end',
      })
      .epilogue('Exit status: 0 every check held, 1 a check failed, 2 bad or unknown lesson.'),
};

function processInput(): LessonInput {
  return {
    stream: process.stdin,
    isTTY: process.stdin.isTTY === true && process.stdout.isTTY === true,
    columns: process.stdout.columns ?? 80,
    output: process.stdout,
    lang: process.env['LANG'],
  };
}

/** Runs `lesson`; returns the exit status. */
export async function lessonCommand(
  args: LessonArgs,
  io: CliIo,
  input: LessonInput = processInput(),
): Promise<number> {
  const seed = readSeed(args.seed);
  const bad = flagError(io, seed);
  if (bad !== null) return bad;
  const language = args.lang ?? (input.lang?.toLowerCase().startsWith('es') ? 'es' : 'en');
  if (!(LANGUAGES as readonly string[]).includes(language)) {
    return usageError(io, `--lang must be ${LANGUAGES.join(' or ')}, not '${language}'`);
  }
  const lang = language as Language;
  if (args.name === undefined) return listLessons(io, lang);
  const loaded = loadLesson(io, args.name);
  if (typeof loaded === 'number') return loaded;
  const { lesson, text } = loaded;
  const out = openOutFile(io, args.out);
  if (typeof out === 'number') return out;
  const logHeader = logHeaderOf(lesson.file, text);
  const interactive = input.isTTY && args.yes !== true;
  const asker = interactive ? terminalAsker(input) : null;
  const converge = args.check ? new RunConvergenceCheck() : null;
  try {
    const result = await playLesson(lesson, {
      language: lang,
      seed: seed as number | undefined,
      columns: input.columns > 0 ? input.columns : 80,
      terminal: input.isTTY,
      stdout: io.stdout,
      stderr: io.stderr,
      ...(asker ? { ask: asker.ask } : {}),
      ...(out ? { logHeader } : {}),
      ...(converge ? { observers: [strictInvariantObserver(), converge.observe] } : {}),
    });
    if (out && result.log !== null) {
      out.commitText(result.log);
      io.stdout(`log: ${args.out} (swarmsim replay ${args.out})\n`);
    }
    // Convergence is judged where the lesson ended, at its last event's time.
    const last = result.quit ? null : converge?.last;
    const unconverged = last ? converge!.failures(lesson.file, last.state, last.at) : [];
    for (const line of unconverged) io.stderr(`${line}\n`);
    if (unconverged.length > 0) return EXIT_FAILED;
    return result.quit || result.failed === 0 ? EXIT_OK : EXIT_FAILED;
  } catch (error) {
    // The checker throws from inside the command that broke an invariant: the lesson stops.
    if (!(error instanceof InvariantViolation)) throw error;
    io.stderr(`swarmsim: the simulation stopped: ${error.name}: ${error.message}\n`);
    return EXIT_FAILED;
  } finally {
    out?.abort();
    asker?.close();
  }
}

/** Reads the course folder; an absent folder is an empty course. */
function courseEntries(io: CliIo): CourseEntry[] {
  let names: string[];
  try {
    names = readdirSync(COURSE_DIR).filter(isLessonFileName);
  } catch {
    return [];
  }
  const path = (name: string) => relative(io.cwd, join(COURSE_DIR, name)) || name;
  const read = (name: string) => readFileSync(join(COURSE_DIR, name), 'utf8');
  return readCourse(names.map((name) => ({ name, path: path(name), text: read(name) })));
}

/** Prints NUMBER, NAME, TITLE of every lesson (`*` marks one that needs what is not simulated). */
function listLessons(io: CliIo, language: Language): number {
  const entries = courseEntries(io);
  const rows = entries.map((entry) => [
    entry.number === null ? '' : String(entry.number).padStart(2, '0'),
    entryName(entry),
    entry.lesson
      ? `${entry.lesson.title[language]}${entry.lesson.needs ? ' *' : ''}`
      : '(invalid lesson file)',
  ]);
  io.stdout(formatTable([['NUMBER', 'NAME', 'TITLE'], ...rows]));
  if (entries.some((entry) => entry.lesson?.needs)) {
    io.stdout(language === 'es'
      ? '\n* necesita algo que swarmsim aún no simula (la lección lo explica)\n'
      : '\n* needs something swarmsim does not simulate yet (the lesson says what)\n');
  }
  const broken = entries.filter((entry) => entry.error);
  for (const entry of broken) io.stderr(`${entry.error!.message}\n`);
  return broken.length > 0 ? EXIT_USAGE : EXIT_OK;
}

/** The lesson `name` designates (a file path, or a course lesson), or the exit code. */
function loadLesson(io: CliIo, name: string): { lesson: Lesson; text: string } | number {
  if (/\.ya?ml$/i.test(name) || name.includes('/')) return loadLessonFile(io, name);
  const entries = courseEntries(io);
  const entry = findLesson(entries, name);
  if (!entry) {
    const names = entries.map(entryName).join(', ') || 'none';
    return usageError(io, `unknown lesson '${name}'; lessons: ${names} (see swarmsim lesson)`);
  }
  if (entry.error) {
    io.stderr(`${entry.error.message}\n`);
    return EXIT_USAGE;
  }
  return { lesson: entry.lesson!, text: entry.file.text };
}

/** Reads and parses one lesson file, or prints why not and returns the exit code. */
export function loadLessonFile(io: CliIo, file: string): { lesson: Lesson; text: string } | number {
  const read = readParsed(io, file, parseLesson);
  return typeof read === 'number' ? read : { lesson: read.value, text: read.text };
}

/**
 * Asks on the terminal: the prompt with the lesson's command already typed, so Enter runs it
 * and the learner may edit or replace it. Ctrl-C and Ctrl-D quit.
 */
function terminalAsker(input: LessonInput) {
  const reader = createInterface({
    input: input.stream,
    output: input.output,
    terminal: true,
    historySize: 1000,
  });
  const typed: string[] = [];
  let waiting: ((line: string | null) => void) | null = null;
  let closed = false;
  reader.on('line', (line) => {
    const resolve = waiting;
    waiting = null;
    if (resolve) resolve(line);
    else typed.push(line);
  });
  reader.on('SIGINT', () => reader.close());
  reader.on('close', () => {
    closed = true;
    waiting?.(null);
    waiting = null;
  });
  const ask = (prompt: string, command: string): Promise<string | null> => {
    // Lines typed ahead (pasted) are taken as they come; an empty one runs the command.
    const ahead = typed.shift();
    if (ahead !== undefined) return Promise.resolve(ahead.trim() === '' ? command : ahead);
    if (closed) return Promise.resolve(null);
    reader.setPrompt(prompt);
    reader.prompt();
    reader.write(command);
    return new Promise((resolve) => {
      waiting = (line) => resolve(line !== null && line.trim() === '' ? command : line);
    });
  };
  return { ask, close: () => reader.close() };
}
