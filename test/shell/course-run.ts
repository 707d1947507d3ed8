/**
 * Runs the course notes' docker commands through `swarmsim shell`, each chapter on the lab it
 * uses, and keeps every answer (the course test compares them with docker's recording).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { ShellOptions } from '../../src/shell/session.js';
import { ShellSession } from '../../src/shell/session.js';
import { courseCommands, type NoteCommand } from './course-notes.js';

/** The notes, copied from the course (the test checks the copy when the course is present). */
export const NOTES_FIXTURE = 'test/fixtures/course/swarm-course-notes.es.md';
/** Where the course keeps its notes on the machines that have it. */
export const NOTES_SHARED = '/work/shared/course/swarm-course-notes.es.md';

/** The files of the hostname app the notes build (`docker build .`), from its lesson. */
const LESSON_10 = 'scenarios/course/10-exposed-outside.yaml';
const APP = (parseYaml(readFileSync(LESSON_10, 'utf8')) as { files: Record<string, string> }).files;

/** Where each lab starts (a heading of the notes), what it is, and what the notes did before. */
const LAPTOP = { managers: 1, workers: 0, preformed: false };
const CHAPTERS: { heading: string; lab: Omit<ShellOptions, 'seed'>; setup: string[] }[] = [
  // Docker Desktop on a laptop: one machine outside any swarm.
  { heading: '## Instalación Docker', lab: LAPTOP, setup: [] },
  // The notes left the swarm just before; creating services needs one again.
  { heading: '### Creación Servicio', lab: LAPTOP, setup: ['docker swarm init'] },
  // Play with Docker, three bare instances: init on the first, join from the other two.
  { heading: '## PlayWithDocker', lab: { managers: 1, workers: 2, preformed: false }, setup: [] },
  // PWD's "3 Managers and 2 Workers" template, swarm formed.
  {
    heading: '# Servicios Expuestos al Exterior',
    // In the hostname app's directory (the lesson's files), where the notes build it.
    lab: { managers: 3, workers: 2, preformed: true, readFile: (path) => APP[path] },
    setup: [],
  },
];

/** Lines the notes describe rather than spell out, and what a reader actually types there. */
const STAND_INS: Record<number, { text: string; lines: (shell: ShellSession) => string[] }> = {
  // The notes elide the node id (`oiz...`); a reader types a prefix of their own.
  150: {
    text: 'docker node inspect oiz...',
    lines: (shell) => [`docker node inspect ${shell.simulation.state.nodeIds[0]!.slice(0, 3)}`],
  },
  // "the new instances are not in swarm mode, as `docker info` shows": run on one of them.
  353: {
    text: 'docker info',
    lines: () => ['sim node worker1', 'docker info', 'sim node manager1'],
  },
  // The notes dropped `alpine`: `ping` is on no registry, so docker warns and the command waits
  // for tasks the nodes reject ("No such image: ping:latest"). The author's service ran alpine
  // (its Args read ["ping","www.google.com"]): a reader removes it and creates it again.
  371: {
    text: 'docker service create --name pinger ping www.google.com',
    lines: () => [
      'docker service create --name pinger ping www.google.com',
      'docker service rm pinger',
      'docker service create --name pinger alpine ping www.google.com',
    ],
  },
  // "run `docker swarm join` with the token on both instances".
  355: {
    text: 'docker swarm join',
    lines: (shell) => {
      const token = shell.execute('docker swarm join-token -q worker').stdout.trim();
      const join = `docker swarm join --token ${token} 192.168.0.33:2377`;
      return ['sim node worker1', join, 'sim node worker2', join, 'sim node manager1'];
    },
  },
};

/**
 * Where the recording waited before the next command (script.sh's `wait_running`), so the next
 * command sees the same moment: a reader also reads on for a while there.
 */
const PAUSES: Record<number, string> = {
  // The app's 3 tasks Running before `docker service ps app`.
  626: 'sleep 10',
};

/** One line typed into the shell and its answer (`crash` when the shell threw). */
export interface Typed {
  line: string;
  stdout: string;
  stderr: string;
  exitCode: number;
  crash?: string;
}

/** A command of the notes and every docker line typed for it (stand-ins type several). */
export interface CourseRun {
  command: NoteCommand;
  typed: Typed[];
}

function type(shell: ShellSession, line: string): Typed {
  try {
    return { line, ...shell.execute(line) };
  } catch (error) {
    return { line, stdout: '', stderr: '', exitCode: -1, crash: String(error) };
  }
}

/** Every note command of `markdown` run in its chapter's lab, in order. */
export function runCourse(markdown: string): CourseRun[] {
  const headings = CHAPTERS.map(({ heading }) => {
    const line = markdown.split('\n').findIndex((text) => text.trim() === heading) + 1;
    if (line === 0) throw new Error(`the notes have no heading ${heading}`);
    return line;
  });
  const runs: CourseRun[] = [];
  let chapter = -1;
  let shell: ShellSession | null = null;
  for (const command of courseCommands(markdown)) {
    while (chapter + 1 < CHAPTERS.length && command.line >= headings[chapter + 1]!) {
      chapter += 1;
      shell = new ShellSession({ seed: 7, ...CHAPTERS[chapter]!.lab });
      for (const line of CHAPTERS[chapter]!.setup) shell.execute(line);
    }
    const lab = shell;
    if (!lab) throw new Error(`line ${command.line} comes before the first chapter`);
    const standIn = STAND_INS[command.line];
    const lines = standIn && command.text === standIn.text ? standIn.lines(lab) : [command.text];
    const typed = lines.map((line) => type(lab, line));
    if (PAUSES[command.line]) lab.execute(PAUSES[command.line]!);
    runs.push({ command, typed: typed.filter(({ line }) => !line.startsWith('sim ')) });
  }
  return runs;
}
