/**
 * The command table: every `docker` command swarmsim knows, by group. A new command is one more
 * entry here. Commands docker has but swarmsim does not simulate yet are listed by name so they
 * are refused as such instead of as unknown.
 */
import type { DockerCommand } from './command.js';
import { nodeDemote, nodePromote, nodeRm, nodeUpdate } from './node-commands.js';
import { serviceCreate } from './service-create.js';
import { serviceRm } from './service-rm.js';
import { serviceScale } from './service-scale.js';
import { serviceRollback, serviceUpdate } from './service-update.js';

/** A docker management command (`service`, `node`) and its subcommands. */
export interface CommandGroup {
  name: string;
  /** The description `docker <group>` prints. */
  short: string;
  commands: readonly DockerCommand[];
  /** Real subcommands of this group that swarmsim does not simulate yet, with their aliases. */
  notYet: readonly string[];
}

/** Every group swarmsim simulates, in the order `docker` lists them. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    name: 'service',
    short: 'Manage Swarm services',
    commands: [serviceCreate, serviceUpdate, serviceScale, serviceRm, serviceRollback],
    notYet: ['inspect', 'logs', 'ls', 'list', 'ps'],
  },
  {
    name: 'node',
    short: 'Manage Swarm nodes',
    commands: [nodeDemote, nodePromote, nodeRm, nodeUpdate],
    notYet: ['inspect', 'ls', 'list', 'ps'],
  },
];

/** Top-level docker commands that exist but are not simulated yet. */
export const TOP_LEVEL_NOT_YET: readonly string[] = [
  'swarm', 'network', 'secret', 'config', 'stack', 'info', 'version', 'ps', 'inspect', 'logs',
  'run', 'exec', 'container', 'image', 'images', 'pull', 'system', 'volume', 'context',
];

/** The command a group's subcommand word names (its name or an alias). */
export function findCommand(group: CommandGroup, word: string): DockerCommand | undefined {
  return group.commands.find(
    (command) => command.path[command.path.length - 1] === word || command.aliases?.includes(word),
  );
}
