/**
 * `docker volume rm VOLUME [VOLUME...]` on the session's node (moby `daemon/volume/service`):
 * removes each named volume no container references, printing its name as typed. A volume some
 * container still uses (running or stopped: a task's container lives until the task leaves the
 * store) is refused with the ids of those containers; `--force` only silences an unknown name.
 * The failures are printed together at the end, as the CLI joins them.
 *
 * On a manager, a name no local volume has goes to the swarm: a cluster (CSI) volume still
 * published somewhere is refused (`volume is still in use`), else it is marked for deletion
 * (src/api/volume.ts). `--force` also goes to the swarm after a local removal, and deletes a
 * cluster volume of that name at once, in use or not. A name found nowhere keeps the local
 * engine's `no such volume` (a 1.42 daemon says `volume NAME not found`: docs/status.md).
 */
import { findClusterVolume, removeClusterVolume } from '../api/volume.js';
import { isApiError } from '../api/errors.js';
import type { SimContext } from '../engine/simulation.js';
import type { Node } from '../model/types.js';
import {
  daemonErrorLine,
  type DockerCommand,
  type DockerSession,
  Printer,
  sessionNode,
} from './command.js';
import { managerGate } from './daemon.js';
import { boolFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { nodeVolumes, volumeUsers } from './volume-ls.js';

const DAEMON = 'Error response from daemon:';

/** `docker volume rm` (alias `remove`) */
export const volumeRm: DockerCommand = {
  path: ['volume', 'rm'],
  aliases: ['remove'],
  use: 'rm [OPTIONS] VOLUME [VOLUME...]',
  short: 'Remove one or more volumes',
  help: {
    aliases: 'docker volume rm, docker volume remove',
    options: '  -f, --force   Force the removal of one or more volumes\n',
  },
  flags: [boolFlag('force', 'f')],
  args: { atLeast: 1 },
  run(ctx, parsed, session) {
    const node = sessionNode(ctx, session);
    if ('exitCode' in node) return node;
    const force = lastValue<boolean>(parsed, 'force') ?? false;
    const printer = new Printer();
    const errors: string[] = [];
    for (const name of parsed.args) {
      const error = removeVolume(ctx, session, node, name, force);
      if (error) errors.push(error);
      else printer.out(name);
    }
    for (const error of errors) printer.err(error);
    return printer.done(errors.length > 0);
  },
};

/** Removes volume `name` as dockerd does; returns docker's error line, or null. */
function removeVolume(
  ctx: SimContext,
  session: DockerSession,
  node: Node,
  name: string,
  force: boolean,
): string | null {
  const local = nodeVolumes(ctx.state, node.id).some((volume) => volume.name === name);
  if (local) {
    const users = volumeUsers(ctx.state, node.id, name);
    if (users.length > 0) {
      return `${DAEMON} remove ${name}: volume is in use - [${users.join(', ')}]`;
    }
    // Only named volumes are left without a container: anonymous ones go with theirs.
    ctx.emit({ type: 'volume/removed', nodeId: node.id, name });
    if (!force) return null;
  }
  const missing = local || force ? null : `${DAEMON} get ${name}: no such volume`;
  if (node.role !== 'manager') return missing;
  const volume = findClusterVolume(ctx.state, name);
  if (isApiError(volume)) return volume.code === 'NotFound' ? missing : daemonErrorLine(volume);
  const refused = managerGate(ctx, session) ?? removeClusterVolume(ctx, volume, force);
  return refused ? daemonErrorLine(refused) : null;
}
