/**
 * What a docker command is (path, usage, flags, argument rule, action) and the texts docker's
 * cobra layer prints around it: flag errors (exit 125), argument-count errors, daemon errors.
 */
import type { DeclaredImage } from '../agent/image-platforms.js';
import type { ApiError } from '../api/errors.js';
import type { SimContext } from '../engine/simulation.js';
import { buildNode } from '../model/factory.js';
import type { Node } from '../model/types.js';
import type { FlagDef, ParsedFlags } from './flags.js';
import type { ContainerLogs } from './log-book.js';
import type { ConvergenceFollower } from './progress.js';
import type { SwarmLab } from './swarm-lab.js';

/** What a docker command printed and returned, exactly as docker would. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The shell session a command runs in: which node the user is on. */
export interface DockerSession {
  /** Node the command runs on (a manager for cluster commands). */
  nodeId: string;
  /** Container output, for `docker service logs`; without it logs are refused as not recorded. */
  logs?: ContainerLogs;
  /** The machines of `swarmsim shell`, for `docker swarm init/join/leave`; absent elsewhere. */
  lab?: SwarmLab;
  /**
   * Follows a service to convergence the way docker does without `-d`, letting virtual time
   * pass; absent where time cannot pass inside a command (scenarios), so commands stay detached.
   */
  follow?: ConvergenceFollower;
  /**
   * Reads a file the user names (`docker stack deploy -c FILE`): its text, or undefined when
   * there is no such file. Absent where no files exist, so such commands say so.
   */
  readFile?: (path: string) => string | undefined;
  /**
   * Images the registry holds beside swarmsim's catalogue (a scenario's `images:`, with their
   * platforms when declared): the client pins their digests instead of warning
   * (src/agent/image-catalogue.ts, image-platforms.ts).
   */
  images?: readonly DeclaredImage[];
}

/** How many arguments a command takes (cobra's Args validators). */
export type ArgsRule = { atLeast: number } | { exactly: number } | { none: true };

/** One `docker` command: its place in the command tree, its flags and its action. */
export interface DockerCommand {
  /** The words after `docker`, e.g. `['service', 'create']`. */
  path: readonly string[];
  /** Other names of the last word, e.g. `remove` for `rm`. */
  aliases?: readonly string[];
  /** Usage after the path, e.g. `create [OPTIONS] IMAGE [COMMAND] [ARG...]`. */
  use: string;
  /** One-line description, as `--help` shows it. */
  short: string;
  /** The rest of docker's `--help` page; without it `--help` shows only usage and `short`. */
  help?: CommandHelp;
  flags: readonly FlagDef[];
  args: ArgsRule;
  /** Extra checks of the arguments after the count (cobra's custom Args validators). */
  checkArgs?(args: readonly string[]): CommandOutput | null;
  /** false: flags stop at the first argument (the rest is the container command). */
  interspersed?: boolean;
  run(ctx: SimContext, parsed: ParsedFlags, session: DockerSession): CommandOutput;
}

/** The parts of a command's `--help` page after its description. */
export interface CommandHelp {
  /** The `Aliases:` line, e.g. `docker service ls, docker service list`. */
  aliases?: string;
  /** The `Options:` block, each line ending in a newline, as docker wraps it. */
  options: string;
}

/** The page `docker <command> --help` prints. */
export function helpText(command: DockerCommand): string {
  const head = `Usage:  ${useLine(command)}\n\n${command.short}\n`;
  if (!command.help) return head;
  const aliases = command.help.aliases ? `\nAliases:\n  ${command.help.aliases}\n` : '';
  return `${head}${aliases}\nOptions:\n${command.help.options}`;
}

/** `docker service create` */
export function commandPath(command: DockerCommand): string {
  return `docker ${command.path.join(' ')}`;
}

/** `docker service create [OPTIONS] IMAGE [COMMAND] [ARG...]` */
export function useLine(command: DockerCommand): string {
  return ['docker', ...command.path.slice(0, -1), command.use].join(' ');
}

/** Collects what a command prints. */
export class Printer {
  stdout = '';
  stderr = '';

  out(line: string): void {
    this.stdout += `${line}\n`;
  }

  err(line: string): void {
    this.stderr += `${line}\n`;
  }

  /** The output with `exitCode`: 0 when nothing failed, 1 (docker's error exit) otherwise. */
  done(failed = false): CommandOutput {
    return { stdout: this.stdout, stderr: this.stderr, exitCode: failed ? 1 : 0 };
  }
}

/** A flag error: cobra's FlagErrorFunc text and exit 125. */
export function flagError(command: DockerCommand, message: string): CommandOutput {
  const path = commandPath(command);
  const stderr =
    `${message}\n\nUsage:  ${useLine(command)}\n\n` +
    `Run '${path} --help' for more information\n`;
  return { stdout: '', stderr, exitCode: 125 };
}

/** The argument-count error of docker's `cli.RequiresMinArgs`/`ExactArgs`; null when fine. */
export function checkArgCount(
  command: DockerCommand,
  args: readonly string[],
): CommandOutput | null {
  const rule = command.args;
  const path = commandPath(command);
  let need: string;
  let advice = 'Run';
  if ('atLeast' in rule) {
    if (args.length >= rule.atLeast) return null;
    need = `requires at least ${plural(rule.atLeast)}`;
    advice = 'See';
  } else if ('exactly' in rule) {
    if (args.length === rule.exactly) return null;
    need = `requires ${plural(rule.exactly)}`;
  } else {
    if (args.length === 0) return null;
    need = 'accepts no arguments';
  }
  const stderr =
    `docker: '${path}' ${need}\n\nUsage:  ${useLine(command)}\n\n` +
    `${advice} '${path} --help' for more information\n`;
  return { stdout: '', stderr, exitCode: 1 };
}

function plural(count: number): string {
  return count === 1 ? '1 argument' : `${count} arguments`;
}

/** `Error response from daemon: ...` as the docker client prints an API refusal. */
export function daemonErrorLine(error: ApiError): string {
  return `Error response from daemon: ${error.daemonText()}`;
}

/** A failed command that printed `lines` (and perhaps some output before) on stderr. */
export function failure(...lines: string[]): CommandOutput {
  return { stdout: '', stderr: lines.map((line) => `${line}\n`).join(''), exitCode: 1 };
}

/** The engine a command talks to: the session machine's swarm node, or its bare engine. */
export interface SessionEngine {
  /** The swarm node; outside the swarm a stand-in that no state lists (id: the session's). */
  node: Node;
  inSwarm: boolean;
}

/**
 * The engine of the session's machine, for what an engine answers without swarm mode
 * (`info`, `version`, `network ls/inspect`, `volume ls`): outside the swarm (the shell's laptop
 * before `swarm init`, a machine that left) a stand-in node describes the machine, up since the
 * lab started. Where no machine is lent (scenario steps) only swarm nodes have an engine.
 */
export function sessionEngine(
  ctx: SimContext,
  session: DockerSession,
): SessionEngine | CommandOutput {
  const member = ctx.state.nodes[session.nodeId];
  if (member) return { node: member, inSwarm: true };
  const machine = session.lab?.machine;
  if (!machine) return notInSwarm(session);
  const hostname = machine.hostname;
  const node = buildNode({ id: session.nodeId, hostname, role: 'worker', addr: '' }, 0);
  return { node, inSwarm: false };
}

/**
 * The swarm node the session's machine is, for the commands that change its engine's objects
 * (`network create`, `volume create/rm`: their records are kept per node), or the failure to
 * return when the machine is not in the swarm.
 */
export function sessionNode(ctx: SimContext, session: DockerSession): Node | CommandOutput {
  return ctx.state.nodes[session.nodeId] ?? notInSwarm(session);
}

function notInSwarm(session: DockerSession): CommandOutput {
  return failure(`swarmsim: node ${session.nodeId} is not in the swarm`);
}

/** Refuses a command that uses a real docker flag swarmsim does not simulate. */
export function unsupportedFlags(
  command: DockerCommand,
  parsed: ParsedFlags,
): CommandOutput | null {
  const names = command.flags
    .filter((flag) => flag.unsupported && (parsed.values[flag.name]?.length ?? 0) > 0)
    .map((flag) => `--${flag.name}`);
  if (names.length === 0) return null;
  return failure(`swarmsim: ${commandPath(command)}: ${names.join(', ')} not simulated yet`);
}
