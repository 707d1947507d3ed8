/**
 * The docker command line of the simulated swarm: finds the command in the table, parses its
 * flags like docker does, checks its arguments, and runs it against the simulation at `ctx.now`.
 * Everything a command does to the swarm goes through the control API (src/api), as events.
 */
import type { SimContext } from '../engine/simulation.js';
import {
  checkArgCount,
  failure,
  flagError,
  helpText,
  unsupportedFlags,
  type CommandOutput,
  type DockerCommand,
  type DockerSession,
} from './command.js';
import {
  COMMAND_GROUPS,
  findCommand,
  TOP_LEVEL_COMMANDS,
  TOP_LEVEL_NOT_YET,
  type CommandGroup,
} from './commands.js';
import { parseFlags } from './flags.js';
import { withPushedImages } from './image-store.js';
import { CLIENT_VERSION_LINE } from './system-version.js';

/** Re-exported here because the scenario runner imports them with runDockerCommand. */
export type { CommandOutput, DockerSession } from './command.js';

/**
 * Runs one docker command line (already split into words, `docker` first) against the simulated
 * swarm at `ctx.now`, emitting the events it causes, and returns its output.
 */
export function runDockerCommand(
  ctx: SimContext,
  argv: readonly string[],
  session: DockerSession,
): CommandOutput {
  const [binary, groupName, subcommand, ...rest] = argv;
  session = withPushedImages(ctx, session);
  if (binary !== 'docker') return failure(`swarmsim: not a docker command: ${argv.join(' ')}`);
  if (groupName === undefined) return { stdout: '', stderr: ROOT_USAGE, exitCode: 0 };
  if ((groupName === '--version' || groupName === '-v') && subcommand === undefined) {
    return { stdout: CLIENT_VERSION_LINE, stderr: '', exitCode: 0 };
  }
  if (groupName === '--help' || groupName === '-h') return rootHelp(ctx, argv.slice(2), session);
  if (groupName.startsWith('-')) {
    return failure(`swarmsim: docker's global options (${groupName}) are not simulated`);
  }
  const topLevel = TOP_LEVEL_COMMANDS.find((command) => command.path[0] === groupName);
  if (topLevel) return runCommand(ctx, topLevel, argv.slice(2), session);
  const group = COMMAND_GROUPS.find((candidate) => candidate.name === groupName);
  if (!group) {
    if (TOP_LEVEL_NOT_YET.includes(groupName)) return notYet(`docker ${groupName}`);
    return failure(
      `docker: unknown command: docker ${groupName}\n\nRun 'docker --help' for more information`,
    );
  }
  if (subcommand === undefined) return { stdout: '', stderr: groupUsage(group), exitCode: 0 };
  if (subcommand === '--help') return { stdout: groupUsage(group), stderr: '', exitCode: 0 };
  const command = findCommand(group, subcommand);
  if (!command) return unknownSubcommand(group, subcommand);
  return runCommand(ctx, command, rest, session);
}

/**
 * `docker --help [COMMAND...]`: the usage bare `docker` prints, on stdout as help goes; with a
 * command after it, that command's help, as cobra finds the command past the flag.
 */
function rootHelp(
  ctx: SimContext,
  rest: readonly string[],
  session: DockerSession,
): CommandOutput {
  const words = rest.filter((word) => word !== '--help' && word !== '-h');
  if (words.length === 0) return { stdout: ROOT_USAGE, stderr: '', exitCode: 0 };
  return runDockerCommand(ctx, ['docker', ...words, '--help'], session);
}

function runCommand(
  ctx: SimContext,
  command: DockerCommand,
  words: readonly string[],
  session: DockerSession,
): CommandOutput {
  const parsed = parseFlags(words, command.flags, { interspersed: command.interspersed ?? true });
  if ('error' in parsed) return flagError(command, parsed.error);
  if (parsed.help) return { stdout: helpText(command), stderr: '', exitCode: 0 };
  return (
    checkArgCount(command, parsed.args) ??
    command.checkArgs?.(parsed.args) ??
    unsupportedFlags(command, parsed) ??
    command.run(ctx, parsed, session)
  );
}

function unknownSubcommand(group: CommandGroup, word: string): CommandOutput {
  if (group.notYet.includes(word)) return notYet(`docker ${group.name} ${word}`);
  if (word.startsWith('-')) {
    // The group command itself has no flags but help, so any other flag is an error.
    const parsed = parseFlags([word], [], { interspersed: true });
    if (!('error' in parsed)) return { stdout: groupUsage(group), stderr: '', exitCode: 0 };
    const stderr =
      `${parsed.error}\n\nUsage:  docker ${group.name}\n\n` +
      `Run 'docker ${group.name} --help' for more information\n`;
    return { stdout: '', stderr, exitCode: 125 };
  }
  return failure(
    `docker: unknown command: docker ${group.name} ${word}\n\nUsage:  docker ${group.name}\n\n` +
      `Run 'docker ${group.name} --help' for more information`,
  );
}

function notYet(command: string): CommandOutput {
  return failure(`swarmsim: '${command}' is not simulated yet`);
}

function groupUsage(group: CommandGroup): string {
  const lines = group.commands
    .map((command) => `  ${command.path[command.path.length - 1]!.padEnd(12)}${command.short}`)
    .sort();
  return (
    `Usage:  docker ${group.name} COMMAND\n\n${group.short}\n\nCommands:\n${lines.join('\n')}\n\n` +
    `Run 'docker ${group.name} COMMAND --help' for more information on a command.\n`
  );
}

const ROOT_USAGE =
  'Usage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers\n\n' +
  `Swarm commands simulated by swarmsim: ${COMMAND_GROUPS.map((group) => group.name).join(', ')}\n`;
