/**
 * The command table: every `docker` command swarmsim knows, by group. A new command is one more
 * entry here. Commands docker has but swarmsim does not simulate yet are listed by name so they
 * are refused as such instead of as unknown.
 */
import type { DockerCommand } from './command.js';
import { containerLs, containerPs } from './container-ps.js';
import { containerRm, containerStop } from './container-life.js';
import { containerLogs } from './container-logs.js';
import { containerRun } from './container-run.js';
import { imageBuild, imageBuildInGroup } from './image-build.js';
import { imagePush, imagePushInGroup } from './image-push.js';
import { imageLs, images } from './images-ls.js';
import { networkCreate } from './network-create.js';
import { networkInspect } from './network-inspect.js';
import { networkLs } from './network-ls.js';
import { networkRm } from './network-rm.js';
import { nodeDemote, nodePromote, nodeRm, nodeUpdate } from './node-commands.js';
import { nodeInspect, nodeLs, nodePs } from './node-read.js';
import { serviceCreate } from './service-create.js';
import { serviceInspect } from './service-inspect.js';
import { serviceLogs } from './service-logs.js';
import { serviceLs } from './service-ls.js';
import { servicePs } from './service-ps.js';
import { serviceRm } from './service-rm.js';
import { serviceScale } from './service-scale.js';
import { serviceRollback, serviceUpdate } from './service-update.js';
import { stackDeploy } from './stack-deploy.js';
import { stackLs, stackPs, stackServicesCommand } from './stack-read.js';
import { stackRm } from './stack-rm.js';
import { swarmInit, swarmJoin } from './swarm-init.js';
import { swarmJoinToken, swarmLeave } from './swarm-leave.js';
import { systemInfo } from './system-info.js';
import { systemVersion } from './system-version.js';
import { volumeCreate } from './volume-create.js';
import { volumeInspect, volumeUpdate } from './volume-inspect.js';
import { volumeLs } from './volume-ls.js';
import { volumeRm } from './volume-rm.js';

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
    commands: [
      serviceCreate, serviceUpdate, serviceScale, serviceRm, serviceRollback, serviceLs, servicePs,
      serviceInspect, serviceLogs,
    ],
    notYet: [],
  },
  {
    name: 'node',
    short: 'Manage Swarm nodes',
    commands: [nodeDemote, nodePromote, nodeRm, nodeUpdate, nodeLs, nodeInspect, nodePs],
    notYet: [],
  },
  {
    name: 'stack',
    short: 'Manage Swarm stacks',
    commands: [stackDeploy, stackLs, stackPs, stackRm, stackServicesCommand],
    notYet: ['config'],
  },
  {
    name: 'swarm',
    short: 'Manage Swarm',
    commands: [swarmInit, swarmJoin, swarmJoinToken, swarmLeave],
    notYet: ['ca', 'unlock', 'unlock-key', 'update'],
  },
  {
    name: 'network',
    short: 'Manage networks',
    commands: [networkCreate, networkInspect, networkLs, networkRm],
    notYet: ['connect', 'disconnect', 'prune'],
  },
  {
    name: 'image',
    short: 'Manage images',
    commands: [imageBuildInGroup, imageLs, imagePushInGroup],
    notYet: ['history', 'import', 'inspect', 'load', 'prune', 'pull', 'rm', 'save', 'tag'],
  },
  {
    name: 'container',
    short: 'Manage containers',
    commands: [
      containerLs,
      { ...containerLogs, path: ['container', 'logs'] },
      { ...containerRm, path: ['container', 'rm'], aliases: ['remove'] },
      { ...containerRun, path: ['container', 'run'] },
      { ...containerStop, path: ['container', 'stop'] },
    ],
    notYet: [
      'attach', 'commit', 'cp', 'create', 'diff', 'exec', 'export', 'inspect', 'kill', 'pause',
      'port', 'prune', 'rename', 'restart', 'start', 'stats', 'top', 'unpause', 'update', 'wait',
    ],
  },
  {
    name: 'volume',
    short: 'Manage volumes',
    commands: [volumeCreate, volumeInspect, volumeLs, volumeRm, volumeUpdate],
    notYet: ['prune'],
  },
];

/** Commands that are a single word after `docker` (`docker ps`, `docker info`). */
export const TOP_LEVEL_COMMANDS: readonly DockerCommand[] = [
  containerPs, systemInfo, systemVersion, imageBuild, imagePush, images, containerRun,
  containerLogs, containerStop, containerRm,
];

/**
 * Top-level docker commands that exist but are not simulated yet. `compose` is not among them:
 * docker 28 without the compose plugin, like the recorded engine, does not know it.
 */
export const TOP_LEVEL_NOT_YET: readonly string[] = [
  'secret', 'config', 'inspect', 'exec', 'pull', 'system', 'context',
];

/** The command a group's subcommand word names (its name or an alias). */
export function findCommand(group: CommandGroup, word: string): DockerCommand | undefined {
  return group.commands.find(
    (command) => command.path[command.path.length - 1] === word || command.aliases?.includes(word),
  );
}
