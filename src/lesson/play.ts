/**
 * Plays a lesson on a ShellSession, as `swarmsim shell` would run its commands: narration
 * wrapped to the terminal, each command echoed after the prompt with its output, and a ✓ or ✗
 * line for every check. Runs are asserted too (exit code, `shows`, `hides`), each assertion
 * counting as one check, so the summary's failures are exactly the ✗ lines printed.
 */
import type { CommandOutput } from '../dockercli/command.js';
import type { JoinTokens } from '../dockercli/swarm-lab.js';
import type { LogHeader } from '../engine/log.js';
import type { Observer } from '../engine/simulation.js';
import { formatPosition } from '../scenario/errors.js';
import { ShellSession } from '../shell/session.js';
import type { Lesson, LessonCheck, LessonStep } from './parse.js';
import type { Language } from './schema.js';
import { wrapNarration } from './wrap.js';

/** Where a lesson's output goes and how it is played. */
export interface PlayOptions {
  language: Language;
  /** Overrides the lesson's seed. */
  seed?: number;
  /** Terminal width narration is wrapped to. */
  columns: number;
  /** Output goes to a terminal: progress is redrawn in place, as docker does there. */
  terminal?: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Interactive play: offers `command` after `prompt` and returns the line the learner entered
   * (the command itself to run it), or null to quit. Absent: the lesson plays straight through.
   */
  ask?(prompt: string, command: string): Promise<string | null>;
  /** Keep the session's event log with these header fields (the seed is the swarm's). */
  logHeader?: Omit<LogHeader, 'kind' | 'formatVersion' | 'seed'>;
  /** Watch every event of the session (`--check`: the invariant checker, which throws). */
  observers?: Observer[];
}

/** How a play ended. */
export interface PlayResult {
  checks: number;
  failed: number;
  /** The learner quit before the end. */
  quit: boolean;
  /** The NDJSON event log, when `logHeader` asked for one. */
  log: string | null;
}

/** Words around the lesson's own content, by language. */
const WORDS = {
  es: {
    note: 'Nota',
    howTo: 'Pulsa Enter para ejecutar cada comando. Para explorar, bórralo (Ctrl-U) y escribe ' +
      'otro: se ejecuta en la misma sesión y luego se te vuelve a ofrecer. q sale.',
  },
  en: {
    note: 'Note',
    howTo: 'Press Enter to run each command. To explore, clear it (Ctrl-U) and type another: ' +
      'it runs in the same session, then the lesson command is offered again. q quits.',
  },
} as const;

/** Plays `lesson`; resolves when it ends or the learner quits. */
export async function playLesson(lesson: Lesson, options: PlayOptions): Promise<PlayResult> {
  const session = new ShellSession({
    seed: options.seed ?? lesson.seed,
    managers: lesson.lab.managers,
    workers: lesson.lab.workers,
    preformed: lesson.lab.swarm,
    node: lesson.lab.node,
    columns: options.columns,
    terminal: options.terminal ?? false,
    readFile: (path) => fileOf(lesson, path),
    images: lesson.images,
    ...(options.logHeader ? { logHeader: options.logHeader } : {}),
    ...(options.observers ? { observers: options.observers } : {}),
  });
  const words = WORDS[options.language];
  const width = Math.max(20, options.columns);
  const title = lesson.title[options.language];
  options.stdout(`${title}\n${'='.repeat(Math.min(title.length, width))}\n\n`);
  if (lesson.needs) {
    options.stdout(`${wrapNarration(`${words.note}: ${lesson.needs[options.language]}`, width)}\n`);
  }
  if (options.ask) options.stdout(`${wrapNarration(`(${words.howTo})`, width)}\n`);
  const result: PlayResult = { checks: 0, failed: 0, quit: false, log: null };
  for (const step of lesson.steps) {
    if (step.kind === 'say') {
      options.stdout(`${wrapNarration(step.text[options.language], width)}\n`);
    } else if (step.kind === 'check') {
      for (const check of step.checks) tally(result, checkLine(session, check), options);
      options.stdout('\n');
    } else if (!(await runStep(session, step, result, options))) {
      return { ...result, quit: true, log: session.closeEventLog() };
    }
  }
  options.stdout(`${result.checks} checks, ${result.failed} failed\n`);
  return { ...result, log: session.closeEventLog() };
}

type RunStep = Extract<LessonStep, { kind: 'run' }>;

/** Runs one command (after the learner's own, when interactive); false when they quit. */
async function runStep(
  session: ShellSession,
  step: RunStep,
  result: PlayResult,
  options: PlayOptions,
): Promise<boolean> {
  const line = withJoinTokens(step.line, session.joinTokens);
  if (options.ask) {
    for (;;) {
      const typed = await options.ask(session.prompt(), line);
      if (typed === null || typed.trim() === 'q') return false;
      if (typed.trim() === line.trim()) break;
      if (typed.trim() !== '') show(session.execute(typed), options);
    }
  } else {
    options.stdout(`${session.prompt()}${line}\n`);
  }
  const output = session.execute(line);
  show(output, options);
  for (const outcome of runOutcomes(step, output)) tally(result, outcome, options);
  options.stdout('\n');
  return true;
}

/**
 * Fills `<worker-token>` and `<manager-token>` with the swarm's tokens: they are drawn when the
 * swarm is created, so a lesson cannot spell them, and a learner pastes theirs the same way.
 */
function withJoinTokens(line: string, tokens: JoinTokens | null): string {
  if (!tokens) return line;
  return line
    .replaceAll('<worker-token>', tokens.worker)
    .replaceAll('<manager-token>', tokens.manager);
}

/** One line per assertion of a run: empty when it held, else the ✗ line saying what differed. */
function runOutcomes(step: RunStep, output: CommandOutput): string[] {
  const lines = `${output.stdout}${output.stderr}`.split('\n');
  const exit = output.exitCode === step.exit
    ? ''
    : `✗ ${step.line}: exit code ${output.exitCode}, expected ${step.exit}\n`;
  const shows = step.shows.map((pattern) => {
    const hit = lines.some((line) => pattern.regex.test(line));
    return hit ? '' : `✗ no line shows /${pattern.source}/\n`;
  });
  const hides = step.hides.map((pattern) => {
    const line = lines.find((each) => pattern.regex.test(each));
    return line === undefined ? '' : `✗ a line shows /${pattern.source}/ (saw: ${line.trim()})\n`;
  });
  return [exit, ...shows, ...hides];
}

/** A check's line: `✓ sentence` or `✗ sentence (saw: ...)`. */
function checkLine(session: ShellSession, check: LessonCheck): string {
  const { passed, actual } = check.check(session.simulation.state);
  session.logExpectation(formatPosition(check.position), check.sentence, passed, actual);
  return passed ? `✓ ${check.sentence}\n` : `✗ ${check.sentence} (saw: ${actual})\n`;
}

/** Counts one assertion; `line` is empty when it held silently, else printed. */
function tally(result: PlayResult, line: string, options: PlayOptions): void {
  result.checks += 1;
  if (line.startsWith('✗')) result.failed += 1;
  if (line !== '') options.stdout(line);
}

function show(output: CommandOutput, options: PlayOptions): void {
  if (output.stdout !== '') options.stdout(output.stdout);
  if (output.stderr !== '') options.stderr(output.stderr);
}

/** A virtual file by the path a command names; `./x` and `x` are the same file. */
function fileOf(lesson: Lesson, path: string): string | undefined {
  const bare = path.replace(/^(\.\/)+/, '');
  return lesson.files[path] ?? lesson.files[bare];
}
