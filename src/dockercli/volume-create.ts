/**
 * `docker volume create [OPTIONS] [VOLUME]` on the session's node: a named local volume, kept
 * until `docker volume rm`. Creating a name that exists returns the existing volume unchanged,
 * as the engine does. Without a name the engine picks 64 hex digits (here derived from a fresh
 * id, so replays agree). Driver options (`--opt`) are accepted and not modelled. With a cluster
 * option (volume-cluster.ts) the request goes to the swarm instead: a manager's engine creates a
 * cluster (CSI) volume in the store (src/api/volume.ts), and prints its name.
 */
import { createClusterVolume } from '../api/volume.js';
import { isApiError, invalidArgument } from '../api/errors.js';
import type { SimContext } from '../engine/simulation.js';
import {
  type CommandOutput,
  daemonErrorLine,
  type DockerCommand,
  type DockerSession,
  failure,
  sessionNode,
} from './command.js';
import { managerGate } from './daemon.js';
import type { ParsedFlags } from './flags.js';
import { CLUSTER_CREATE_FLAGS, clusterVolumeSpec, wantsClusterVolume } from './volume-cluster.js';
import { hexId } from './engine-ids.js';
import { labelFlag, stringFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { labelsOf, listOf } from './spec-parts.js';
import { nodeVolumes } from './volume-ls.js';

/** moby's RestrictedNameChars, which the local driver requires of a volume name. */
const NAME_CHARS = '[a-zA-Z0-9][a-zA-Z0-9_.-]';
const NAME_PATTERN = new RegExp(`^${NAME_CHARS}+$`);

/** The local driver's objection to `name`, or null (moby `volume/local/local.go`). */
function nameError(name: string): string | null {
  if (name.length === 1) {
    return 'volume name is too short, names should be at least two alphanumeric characters';
  }
  if (NAME_PATTERN.test(name)) return null;
  return (
    `"${name}" includes invalid characters for a local volume name, only "${NAME_CHARS}" ` +
    'are allowed. If you intended to pass a host directory, use absolute path'
  );
}

/** `docker volume create` */
export const volumeCreate: DockerCommand = {
  path: ['volume', 'create'],
  use: 'create [OPTIONS] [VOLUME]',
  short: 'Create a volume',
  flags: [
    stringFlag('driver', 'd'),
    labelFlag('label'),
    stringFlag('opt', 'o'),
    stringFlag('name'),
    ...CLUSTER_CREATE_FLAGS,
  ],
  args: { atLeast: 0 },
  checkArgs(args) {
    if (args.length <= 1) return null;
    const stderr =
      "docker: 'docker volume create' requires at most 1 argument\n\n" +
      'Usage:  docker volume create [OPTIONS] [VOLUME]\n\n' +
      "See 'docker volume create --help' for more information\n";
    return { stdout: '', stderr, exitCode: 1 };
  },
  run(ctx, parsed, session) {
    const node = sessionNode(ctx, session);
    if ('exitCode' in node) return node;
    const flagName = lastValue<string>(parsed, 'name') ?? '';
    const argName = parsed.args[0];
    if (argName !== undefined && flagName !== '') {
      return failure(
        'conflicting options: cannot specify a volume-name through both --name and as a ' +
          'positional arg',
      );
    }
    if (wantsClusterVolume(parsed)) return createCluster(ctx, session, parsed, argName ?? flagName);
    const name = argName ?? (flagName || hexId(`volume/create/${ctx.newId('task')}`));
    const driver = lastValue<string>(parsed, 'driver') || 'local';
    if (nodeVolumes(ctx.state, node.id).some((volume) => volume.name === name)) {
      return { stdout: `${name}\n`, stderr: '', exitCode: 0 };
    }
    const invalid = driver === 'local' ? nameError(name) : null;
    if (invalid) return failure(`Error response from daemon: create ${name}: ${invalid}`);
    const labels = labelsOf(listOf(parsed, 'label'));
    ctx.emit({ type: 'volume/created', nodeId: node.id, volume: { name, driver, labels } });
    return { stdout: `${name}\n`, stderr: '', exitCode: 0 };
  },
};

/** The cluster volume branch of `volume create` (dockerd's `cluster.CreateVolume`). */
function createCluster(
  ctx: SimContext,
  session: DockerSession,
  parsed: ParsedFlags,
  name: string,
): CommandOutput {
  const refused = managerGate(ctx, session);
  if (refused) return failure(daemonErrorLine(refused));
  // swarmkit checks the name before the access type.
  const noName = invalidArgument('meta: name must be provided');
  if (name === '') return failure(daemonErrorLine(noName));
  const labels = labelsOf(listOf(parsed, 'label'));
  const driver = lastValue<string>(parsed, 'driver') || 'local';
  const spec = clusterVolumeSpec(parsed, { name, driver, labels });
  if ('error' in spec) return failure(daemonErrorLine(invalidArgument(spec.error)));
  const volume = createClusterVolume(ctx, spec);
  if (isApiError(volume)) return failure(daemonErrorLine(volume));
  return { stdout: `${volume.spec.name}\n`, stderr: '', exitCode: 0 };
}
