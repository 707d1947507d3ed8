/**
 * Runs a command line as a simulated process: the busybox utilities containers are usually
 * started with (sh, echo, sleep, ping, true, false) and a small `sh -c` interpreter. Programs it
 * does not model are taken to be servers that run silently until stopped, and say so through
 * `ExecEnv.assume`.
 */
import { print, wait, type ExecEnv, type ProcessAction, type ProcessRun } from './actions.js';
import { runPing } from './ping.js';
import { expandWord, parseShell, type ShellNode } from './shell.js';

/** Programs known to serve forever without printing; no guess is involved for them. */
export const SERVER_PROGRAMS = ['nginx', 'httpd', 'httpd-foreground', 'redis-server', 'whoami'];

/** Shells: `sh -c SCRIPT` runs the script, a bare shell reads its (empty) stdin and exits 0. */
export const SHELL_PROGRAMS = ['sh', 'ash', 'bash', 'dash'];

/**
 * Each loop iteration that printed without waiting is stretched to this many ms, so a busy loop
 * (`while true; do echo x; done`) writes 10 lines a second instead of flooding the log.
 */
export const BUSY_LOOP_ITERATION_MS = 100;

/** The program name docker would exec: the last path component of `argv[0]`. */
export function programName(argv: readonly string[]): string {
  const first = argv[0] ?? '';
  return first.slice(first.lastIndexOf('/') + 1);
}

/** Runs `argv` as the container's process (or a child of its shell). */
export function* runArgv(argv: readonly string[], exec: ExecEnv): ProcessRun {
  const program = programName(argv);
  const args = argv.slice(1);
  switch (program) {
    case 'sh':
    case 'ash':
    case 'bash':
    case 'dash':
      return yield* runShellProgram(program, args, exec);
    case 'echo':
      yield print(echoLine(args));
      return 0;
    case 'sleep':
      return yield* runSleep(args);
    case 'true':
      return 0;
    case 'false':
      return 1;
    case 'ping':
      return yield* runPing(args, exec);
    case 'hello':
      yield* [print(''), print('Hello from Docker!')];
      yield print('This message shows that your installation appears to be working correctly.');
      return 0;
    default:
      if (!SERVER_PROGRAMS.includes(program) && !isTailFollow(program, args)) {
        exec.assume?.(`\`${program || '(empty)'}\` is not modelled; assumed to run until stopped`);
      }
      yield wait(Infinity);
      return 0;
  }
}

function isTailFollow(program: string, args: readonly string[]): boolean {
  return program === 'tail' && args.some((arg) => /^-[a-zA-Z]*[fF]/.test(arg));
}

function echoLine(args: readonly string[]): string {
  let start = 0;
  while (start < args.length && /^-[neE]+$/.test(args[start]!)) start += 1;
  return args.slice(start).join(' ');
}

const SLEEP_UNIT_MS: Readonly<Record<string, number>> = {
  '': 1000,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** busybox sleep: sums its arguments, each a number with an optional s/m/h/d suffix. */
function* runSleep(args: readonly string[]): ProcessRun {
  if (args.length === 0) {
    yield print('Usage: sleep [N]...', 'stderr');
    return 1;
  }
  let totalMs = 0;
  for (const arg of args) {
    if (/^inf(inity)?$/i.test(arg)) {
      totalMs = Infinity;
      continue;
    }
    const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!match) {
      yield print(`sleep: invalid number '${arg}'`, 'stderr');
      return 1;
    }
    totalMs += Number(match[1]) * SLEEP_UNIT_MS[match[2]!]!;
  }
  yield wait(Number.isFinite(totalMs) ? Math.round(totalMs) : Infinity);
  return 0;
}

/** `exit N` inside a script: unwinds to the shell running it. */
class ShellExit {
  constructor(readonly code: number) {}
}

function* runShellProgram(shell: string, args: readonly string[], exec: ExecEnv): ProcessRun {
  // Flags may be grouped (`sh -ec '...'`); the script is the first argument after them.
  const flagIndex = args.findIndex((arg) => /^-[a-z]*c[a-z]*$/.test(arg));
  if (flagIndex < 0) {
    const script = args.find((arg) => !arg.startsWith('-'));
    if (script === undefined) return 0; // Swarm gives no stdin: the shell reads EOF and exits 0.
    exec.assume?.(`\`${shell} ${script}\` reads a file swarmsim cannot see; assumed to run on`);
    yield wait(Infinity);
    return 0;
  }
  const parsed = parseShell(args[flagIndex + 1] ?? '');
  if (!parsed.ok) {
    if (parsed.unsupported) {
      exec.assume?.(`${parsed.message}; the script is assumed to run until stopped`);
      yield wait(Infinity);
      return 0;
    }
    yield print(`${shell}: syntax error: ${parsed.message}`, 'stderr');
    return 2;
  }
  try {
    return yield* runNode(parsed.node, exec, { status: 0, vars: { ...exec.env } });
  } catch (error) {
    if (error instanceof ShellExit) return error.code;
    throw error;
  }
}

interface ShellState {
  /** `$?`: the last command's exit status. */
  status: number;
  /** Shell variables, starting from the container's environment. */
  vars: Record<string, string>;
}

function* runNode(node: ShellNode, exec: ExecEnv, state: ShellState): ProcessRun {
  switch (node.kind) {
    case 'command':
      state.status = yield* runShellCommand(node.argv, exec, state);
      break;
    case 'list':
      for (const item of node.items) {
        if (item.connector === '&&' && state.status !== 0) continue;
        if (item.connector === '||' && state.status === 0) continue;
        yield* runNode(item.node, exec, state);
      }
      break;
    case 'if': {
      const condition = yield* runNode(node.condition, exec, state);
      const branch = condition === 0 ? node.then : node.otherwise;
      state.status = branch ? yield* runNode(branch, exec, state) : 0;
      break;
    }
    case 'while':
      yield* runLoop(node, exec, state);
      break;
  }
  return state.status;
}

function* runLoop(
  node: Extract<ShellNode, { kind: 'while' }>,
  exec: ExecEnv,
  state: ShellState,
): ProcessRun {
  let bodyStatus = 0;
  for (;;) {
    const seen = { printed: false, waited: false };
    const condition = yield* observe(runNode(node.condition, exec, state), seen);
    if ((condition === 0) === node.until) break;
    bodyStatus = yield* observe(runNode(node.body, exec, state), seen);
    if (!seen.waited) yield wait(seen.printed ? BUSY_LOOP_ITERATION_MS : Infinity);
  }
  state.status = bodyStatus;
  return bodyStatus;
}

/** Passes `run`'s actions through, noting whether it printed or let time pass. */
function* observe(run: ProcessRun, seen: { printed: boolean; waited: boolean }): ProcessRun {
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
    const action: ProcessAction = step.value;
    if (action.kind === 'print') seen.printed = true;
    else if (action.ms > 0) seen.waited = true;
    yield action;
  }
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** A simple command inside a script: assignments, shell builtins, then programs. */
function* runShellCommand(words: readonly string[], exec: ExecEnv, state: ShellState): ProcessRun {
  const vars = { ...state.vars, '?': String(state.status) };
  const expanded = words.map((word) => expandWord(word, vars));
  let assignments = 0;
  while (assignments < expanded.length && ASSIGNMENT.test(expanded[assignments]!)) assignments += 1;
  if (assignments > 0 && assignments === expanded.length) {
    for (const word of expanded) {
      const [, key, value] = ASSIGNMENT.exec(word)!;
      state.vars[key!] = value!;
    }
    return 0;
  }
  // Before a command, NAME=value would only set that command's environment: dropped here.
  const argv = expanded.slice(assignments);
  const [name, ...args] = argv;
  if (name === undefined) return state.status;
  switch (name) {
    case 'exit': {
      const code = args[0] === undefined ? state.status : Number.parseInt(args[0], 10);
      // sh keeps the low 8 bits; a non-number is an error exit 2.
      throw new ShellExit(Number.isNaN(code) ? 2 : ((code % 256) + 256) % 256);
    }
    case ':':
    case 'cd':
    case 'export':
    case 'set':
      return 0;
    case 'trap':
      // Signal handling is decided from PID 1's program alone (see command-model.ts).
      exec.assume?.('`trap` is not modelled; the shell still ignores SIGTERM as PID 1');
      return 0;
    default:
      return yield* runArgv(argv, exec);
  }
}
