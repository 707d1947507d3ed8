/**
 * `docker volume rm VOLUME [VOLUME...]` on the session's node (moby `daemon/volume/service`):
 * removes each named volume no container references, printing its name as typed. A volume some
 * container still uses (running or stopped: a task's container lives until the task leaves the
 * store) is refused with the ids of those containers; `--force` only silences an unknown name.
 * The failures are printed together at the end, as the CLI joins them.
 */
import type { SimContext } from '../engine/simulation.js';
import { type DockerCommand, Printer, sessionNode } from './command.js';
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
      const error = removeVolume(ctx, node.id, name, force);
      if (error) errors.push(error);
      else printer.out(name);
    }
    for (const error of errors) printer.err(error);
    return printer.done(errors.length > 0);
  },
};

/** Removes volume `name` from the node's engine; returns docker's error line, or null. */
function removeVolume(ctx: SimContext, nodeId: string, name: string, force: boolean) {
  if (!nodeVolumes(ctx.state, nodeId).some((volume) => volume.name === name)) {
    return force ? null : `${DAEMON} get ${name}: no such volume`;
  }
  const users = volumeUsers(ctx.state, nodeId, name);
  if (users.length > 0) return `${DAEMON} remove ${name}: volume is in use - [${users.join(', ')}]`;
  // Only named volumes are left without a container: anonymous ones go with theirs.
  ctx.emit({ type: 'volume/removed', nodeId, name });
  return null;
}
