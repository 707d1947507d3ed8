/**
 * The command model: what a container's process does, decided from its spec alone (image,
 * `--entrypoint`, arguments, env). Pure: the agent runs the result on virtual time, while docs and
 * `service logs` can describe it without running anything.
 *
 * - The command line is docker's: entrypoint + arguments, else the image's default
 *   (image-catalogue.ts).
 *   alpine/busybox default to a shell, which gets no stdin under swarm, reads EOF and exits 0 at
 *   once: the task completes and a real swarm restarts it every 5 s. swarmsim does the same.
 * - Modelled programs: sh -c (interpreter.ts), echo, sleep, true, false, ping (ping.ts),
 *   hello-world. Known servers (nginx, httpd, redis-server, whoami, tail -f) serve silently
 *   forever. Anything else is assumed to serve forever too, and the description says so.
 * - SIGTERM: a program running as PID 1 gets no default signal action, so only programs that
 *   install a handler (servers) exit on `docker stop`; shells, sleep, ping and tail ignore it and
 *   are killed after the stop grace period with exit 137. Unknown programs are assumed to handle
 *   it.
 */
import { quote } from 'shell-quote';
import type { ContainerSpec } from '../model/types.js';
import type { ExecEnv, ProcessRun } from './actions.js';
import { effectiveArgv, type CatalogueImage } from './image-catalogue.js';
import { programName, runArgv, SHELL_PROGRAMS } from './interpreter.js';
import { resolveHost } from './ping.js';
import { expandWord, parseShell } from './shell.js';

/** How PID 1 reacts to the SIGTERM of `docker stop`. */
export interface SigtermBehaviour {
  /** False when PID 1 ignores it, so only the SIGKILL after the grace period stops it. */
  handled: boolean;
  /** When handled: how long the process takes to exit, ms. */
  exitAfterMs: number;
  /** When handled: its exit code. */
  exitCode: number;
}

/** Programs that handle SIGTERM (or the image's STOPSIGNAL), with their exit time in ms. */
export const SIGTERM_HANDLERS: Readonly<Record<string, SigtermBehaviour>> = {
  nginx: { handled: true, exitAfterMs: 100, exitCode: 0 },
  httpd: { handled: true, exitAfterMs: 100, exitCode: 0 },
  'httpd-foreground': { handled: true, exitAfterMs: 100, exitCode: 0 },
  'redis-server': { handled: true, exitAfterMs: 200, exitCode: 0 },
  whoami: { handled: true, exitAfterMs: 100, exitCode: 0 },
};

/** Programs without a SIGTERM handler: as PID 1 they ignore it. */
export const SIGTERM_IGNORERS = [
  ...SHELL_PROGRAMS,
  ...['sleep', 'ping', 'tail', 'echo', 'true', 'false'],
];

/** What an unknown program is assumed to do on SIGTERM. */
export const UNKNOWN_SIGTERM: Readonly<SigtermBehaviour> = {
  handled: true,
  exitAfterMs: 200,
  exitCode: 0,
};

/** Exit code of a process killed by SIGKILL (stop timeout, OOM killer): 128 + 9. */
export const SIGKILL_EXIT_CODE = 137;

/** What the process does when left alone. */
export type ProcessOutcome =
  | { kind: 'exits'; exitCode: number; afterMs: number; lines: number }
  | { kind: 'runsForever'; printsLines: boolean };

/** Everything the model knows about a container's process, for docs and explanations. */
export interface ProcessDescription {
  /** The command line that runs; null when it is an image default swarmsim does not know. */
  argv: string[] | null;
  /** The program running as PID 1, which receives SIGTERM. */
  pid1: string;
  sigterm: SigtermBehaviour;
  outcome: ProcessOutcome;
  /** Guesses the model had to make, in words; empty when it knows every program involved. */
  assumptions: string[];
  /** One or two sentences for docs and explanations. */
  summary: string;
}

/** What a process may depend on beyond its container spec. */
export interface ProcessOptions {
  /** The task the process belongs to; ping reply times are derived from it. */
  taskId?: string;
  /** Extra names that resolve, name -> IPv4 (e.g. services sharing a network). */
  extraHosts?: Readonly<Record<string, string>>;
  /** The image's config when it is not the catalogue's (a built or pushed image). */
  image?: CatalogueImage;
}

/** The container's environment (`KEY=value` entries) as a record; later entries win. */
export function containerEnv(container: ContainerSpec): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of container.env) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

function execEnv(container: ContainerSpec, options: ProcessOptions, notes?: string[]): ExecEnv {
  return {
    taskId: options.taskId ?? '',
    env: containerEnv(container),
    resolveHost: (host) => resolveHost(host, options.extraHosts),
    assume: notes ? (note) => void notes.push(note) : undefined,
  };
}

/** Starts the container's process: a generator of its actions returning its exit code. */
export function startProcess(container: ContainerSpec, options: ProcessOptions = {}): ProcessRun {
  const argv = argvOf(container, options.image);
  return argv ? runArgv(argv, execEnv(container, options)) : runUnknownDefault();
}

/** The command line that runs: `image`'s config when given, else the catalogue's. */
function argvOf(container: ContainerSpec, image: CatalogueImage | undefined): string[] | null {
  const { command, args } = container;
  return image
    ? effectiveArgv(container.image, command, args, image)
    : effectiveArgv(container.image, command, args);
}

function* runUnknownDefault(): ProcessRun {
  yield { kind: 'wait', ms: Infinity };
  return 0;
}

/**
 * The program that ends up as PID 1: a shell given a single simple command execs it (busybox ash
 * and dash do), so `sh -c 'nginx -g ...'` leaves nginx as PID 1.
 */
export function pid1Program(container: ContainerSpec, image?: CatalogueImage): string {
  let argv = argvOf(container, image);
  const env = containerEnv(container);
  while (argv && SHELL_PROGRAMS.includes(programName(argv))) {
    const flag = argv.findIndex((arg, index) => index > 0 && /^-[a-z]*c[a-z]*$/.test(arg));
    const parsed = flag > 0 ? parseShell(argv[flag + 1] ?? '') : null;
    if (!parsed?.ok || parsed.node.kind !== 'command' || parsed.node.argv.length === 0) break;
    argv = parsed.node.argv.map((word) => expandWord(word, env));
  }
  return argv ? programName(argv) : '';
}

/** How the container's PID 1 reacts to SIGTERM. */
export function sigtermBehaviour(
  container: ContainerSpec,
  image?: CatalogueImage,
): SigtermBehaviour {
  const program = pid1Program(container, image);
  if (Object.hasOwn(SIGTERM_HANDLERS, program)) return SIGTERM_HANDLERS[program]!;
  if (SIGTERM_IGNORERS.includes(program)) return { handled: false, exitAfterMs: 0, exitCode: 0 };
  return UNKNOWN_SIGTERM;
}

/** Most actions and longest virtual time a description follows a process for. */
const DESCRIBE_ACTIONS_MAX = 1000;
const DESCRIBE_HORIZON_MS = 30 * 24 * 3600 * 1000;

/** Describes what the container's process does, by running it on paper. */
export function describeProcess(
  container: ContainerSpec,
  options: ProcessOptions = {},
): ProcessDescription {
  const argv = argvOf(container, options.image);
  const assumptions: string[] = [];
  if (!argv) {
    assumptions.push(`the default command of ${container.image} is unknown; assumed to serve`);
  }
  const run = argv ? runArgv(argv, execEnv(container, options, assumptions)) : runUnknownDefault();
  const outcome = followProcess(run);
  const pid1 = pid1Program(container, options.image);
  const sigterm = sigtermBehaviour(container, options.image);
  const description = { argv, pid1, sigterm, outcome, assumptions: [...new Set(assumptions)] };
  return { ...description, summary: summarise(container, description) };
}

function followProcess(run: ProcessRun): ProcessOutcome {
  let elapsedMs = 0;
  let lines = 0;
  for (let i = 0; i < DESCRIBE_ACTIONS_MAX && elapsedMs <= DESCRIBE_HORIZON_MS; i += 1) {
    const step = run.next();
    if (step.done) return { kind: 'exits', exitCode: step.value, afterMs: elapsedMs, lines };
    if (step.value.kind === 'print') lines += 1;
    else if (step.value.ms === Infinity) break;
    else elapsedMs += step.value.ms;
  }
  return { kind: 'runsForever', printsLines: lines > 0 };
}

function summarise(
  container: ContainerSpec,
  description: Omit<ProcessDescription, 'summary'>,
): string {
  const { argv, outcome, sigterm, pid1 } = description;
  const what = argv ? `\`${quote(argv)}\`` : `The default command of ${container.image}`;
  let text: string;
  if (outcome.kind === 'exits') {
    const printed = outcome.lines > 0 ? `prints ${plural(outcome.lines, 'line')} and ` : '';
    const when = outcome.afterMs === 0 ? 'at once' : `after ${formatMs(outcome.afterMs)}`;
    text = `${what} ${printed}exits with code ${outcome.exitCode} ${when}.`;
  } else {
    text = `${what} runs until stopped${outcome.printsLines ? ', printing as it goes' : ''}.`;
  }
  // How a stop goes matters only for a process that is still there when it comes.
  if (outcome.kind === 'runsForever' || outcome.afterMs > 0) {
    text += sigterm.handled
      ? ` On SIGTERM it exits within ${formatMs(sigterm.exitAfterMs)}.`
      : ` As PID 1, ${pid1} ignores SIGTERM, so a stop waits out the grace period and kills it.`;
  }
  return description.assumptions.length > 0
    ? `${text} Assumed: ${description.assumptions.join('; ')}.`
    : text;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}
