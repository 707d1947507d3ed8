/**
 * `swarmsim shell [FILE]`: the docker command line of a simulated lab, as a learner types it.
 * With FILE, or with standard input that is not a terminal, it runs the lines as a script; on a
 * terminal it is interactive. The shell itself lives in src/shell; this is its registration.
 */
import { readFileSync } from 'node:fs';
import { InvariantViolation, strictInvariantObserver } from '../check/invariants.js';
import { RunConvergenceCheck } from './run-check.js';
import type { Argv } from 'yargs';
import { runInteractive } from '../shell/interactive.js';
import { runScript } from '../shell/script.js';
import { ShellSession } from '../shell/session.js';
import { SIM_USAGES } from '../shell/sim-commands.js';
import { describeFsError, flagError, logHeaderOf, readSeed } from './common.js';
import { EXIT_FAILED, resolvePath, usageError, type CliIo } from './io.js';
import { openOutFile } from './out-file.js';

/** Flags of `shell`, as yargs hands them over. */
export interface ShellArgs {
  file?: string;
  managers: number;
  workers: number;
  seed?: string;
  node?: string;
  swarm: boolean;
  /** `--image NAME`, once or repeated. */
  image?: string | string[];
  /** Write the session's NDJSON event log to this file when the session ends. */
  out?: string;
  /** Check every invariant after every event; a violation ends the session (exit 1). */
  check?: boolean;
}

/** Where the shell reads lines from when no FILE is given. */
export interface ShellInput {
  stream: NodeJS.ReadableStream;
  isTTY: boolean;
  columns: number;
  /** Where the interactive prompt and echo go. */
  output: NodeJS.WritableStream;
}

/** What `swarmsim shell --help` says after the flags: the lines it reads, every sim command. */
const SHELL_EPILOGUE =
  'Lines: docker commands, sleep N (s, ms, m, h), # comments,\n' +
  'curl [-s] [-S] [-i] [-I] [-m SECONDS] URL (localhost, machine names and addresses, Play with\n' +
  'Docker URLs; answers through the routing mesh and published ports), and sim commands (sim\n' +
  'node moves to another machine, sim time shows virtual time, the others inject faults):\n' +
  SIM_USAGES.map(usageLines).join('') +
  'Tab completes commands, flags, enumerated flag values and the names of services, nodes,\n' +
  'networks and stacks.\n' +
  'One machine is a laptop outside any swarm until `docker swarm init`.\n' +
  'The registry holds the common public images (alpine, nginx, redis...); any other\n' +
  'image is missing, as on Docker Hub (tasks Rejected `No such image`) unless named\n' +
  'with --image NAME (no tag: every tag of NAME exists).';

/** One sim usage, indented, its continuation indented further when it is too long for 100. */
function usageLines(usage: string): string {
  if (usage.length <= 90) return `  ${usage}\n`;
  const cut = usage.lastIndexOf(' ', 90);
  return `  ${usage.slice(0, cut)}\n      ${usage.slice(cut + 1)}\n`;
}

/** How yargs declares `shell`. */
export const shellUsage = {
  command: 'shell [file]',
  describe: 'Type docker commands against a simulated lab of machines (or run a script of them)',
  builder: (yargs: Argv) =>
    yargs
      .positional('file', { type: 'string', describe: 'Script of lines to run (default: stdin)' })
      .option('managers', { type: 'number', default: 1, describe: 'Machines named manager1..M' })
      .option('workers', { type: 'number', default: 0, describe: 'Machines named worker1..W' })
      .option('seed', { type: 'string', describe: 'Random seed (default 1)' })
      .option('node', { type: 'string', describe: 'Machine to start on (default manager1)' })
      .option('image', {
        type: 'string',
        describe: 'Image NAME the registry also holds (repeatable)',
      })
      .option('out', {
        type: 'string',
        describe: 'Write the NDJSON event log (every line typed included) here at the end',
      })
      .option('check', {
        type: 'boolean',
        describe: 'Check invariants after every event, and that replicas converged at the end',
      })
      .option('swarm', {
        type: 'boolean',
        default: true,
        describe: 'Several machines start with the swarm formed, as PWD templates; --no-swarm not',
      })
      .epilogue(SHELL_EPILOGUE),
};

function processInput(): ShellInput {
  return {
    stream: process.stdin,
    isTTY: process.stdin.isTTY === true && process.stdout.isTTY === true,
    columns: process.stdout.columns ?? 80,
    output: process.stdout,
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** A file a shell command names (`docker stack deploy -c FILE`); undefined when unreadable. */
function readUserFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** `--image` values, checked like a scenario's `images:` keys: a name without tag or digest. */
function imageNames(value: string | string[] | undefined): { value: string[] } | { error: string } {
  const names = value === undefined ? [] : typeof value === 'string' ? [value] : value;
  for (const name of names) {
    if (name.trim() === '') return { error: '--image needs an image name, e.g. --image myorg/app' };
    if (/[:@]/.test(name.split('/').at(-1)!)) {
      return { error: `--image ${name}: give the name without tag or digest, e.g. myorg/app` };
    }
  }
  return { value: names };
}

/** Runs `shell`; returns the exit status (the last command's). */
export async function shellCommand(
  args: ShellArgs,
  io: CliIo,
  input: ShellInput = processInput(),
): Promise<number> {
  const seed = readSeed(args.seed);
  const bad = flagError(io, seed);
  if (bad !== null) return bad;
  const counts = [['--managers', args.managers, 1], ['--workers', args.workers, 0]] as const;
  for (const [flag, value, least] of counts) {
    if (!Number.isInteger(value) || value < least || value > 100) {
      return usageError(io, `${flag} must be a whole number from ${least} to 100`);
    }
  }
  const images = imageNames(args.image);
  if ('error' in images) return usageError(io, images.error);
  const interactive = args.file === undefined && input.isTTY;
  let script = '';
  if (!interactive) {
    try {
      script =
        args.file === undefined
          ? await readAll(input.stream)
          : readFileSync(resolvePath(io, args.file), 'utf8');
    } catch (error) {
      return usageError(io, `cannot read ${args.file}: ${describeFsError(error)}`);
    }
  }
  const out = openOutFile(io, args.out);
  if (typeof out === 'number') return out;
  const source = args.file ?? (interactive ? '(terminal)' : '(stdin)');
  const logHeader = logHeaderOf(source, script);
  const converge = args.check ? new RunConvergenceCheck() : null;
  let session: ShellSession;
  try {
    session = new ShellSession({
      seed: (seed as number | undefined) ?? 1,
      managers: args.managers,
      workers: args.workers,
      preformed: args.swarm,
      node: args.node,
      terminal: interactive,
      columns: input.columns,
      readFile: (path) => readUserFile(resolvePath(io, path)),
      images: images.value,
      ...(out ? { logHeader } : {}),
      ...(converge ? { observers: [strictInvariantObserver(), converge.observe] } : {}),
    });
  } catch (error) {
    out?.abort();
    if (error instanceof RangeError) return usageError(io, `--node: ${error.message}`);
    throw error;
  }
  try {
    const code = interactive
      ? await runInteractive(session, input.stream, input.output, io)
      : await runScript(session, script, io);
    const log = session.closeEventLog();
    if (out && log !== null) out.commitText(log);
    const { state, now } = session.simulation;
    const unconverged = converge?.failures(source, state, now) ?? [];
    for (const line of unconverged) io.stderr(`${line}\n`);
    return unconverged.length > 0 ? EXIT_FAILED : code;
  } catch (error) {
    // The checker throws from inside the line that broke an invariant: the session stops.
    if (!(error instanceof InvariantViolation)) throw error;
    io.stderr(`swarmsim: the simulation stopped: ${error.name}: ${error.message}\n`);
    return EXIT_FAILED;
  } finally {
    out?.abort();
  }
}
