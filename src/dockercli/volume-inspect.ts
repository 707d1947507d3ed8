/**
 * `docker volume inspect [--format] VOLUME...` and `docker volume update [--availability]
 * VOLUME` for cluster (CSI) volumes. dockerd looks a name up among its local volumes first and,
 * on a manager, then in the swarm (`moby:daemon/server/router/volume/volume_routes.go`); the
 * swarm's lookup takes a full ID, a name or a unique ID prefix (src/api/volume.ts).
 *
 * `update` is the client's (`cli/command/volume/update.go`): it inspects the volume, refuses a
 * local one (`can only update cluster volumes`), and sends the spec back with the availability
 * changed when `--availability` is given; it prints nothing. Inspecting a local volume is not
 * simulated (its creation time and driver status are not kept).
 */
import { findClusterVolume, updateClusterVolume } from '../api/volume.js';
import { isApiError } from '../api/errors.js';
import type { SimContext } from '../engine/simulation.js';
import type { ClusterVolume, Node, VolumeAvailability } from '../model/types.js';
import {
  daemonErrorLine,
  type DockerCommand,
  failure,
  sessionNode,
} from './command.js';
import { managerGate } from './daemon.js';
import { stringFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { inspectOnEngine, LookupFailure } from './inspect-support.js';
import { nodeVolumes } from './volume-ls.js';
import { clusterVolumeObject } from './volume-object.js';

const DAEMON = 'Error response from daemon:';

/** What dockerd answers for `name` on `node`: a cluster volume, or the error line to print. */
function lookUp(ctx: SimContext, node: Node, name: string): ClusterVolume | LookupFailure {
  if (nodeVolumes(ctx.state, node.id).some((volume) => volume.name === name)) {
    return new LookupFailure(`swarmsim: inspecting local volume ${name} is not simulated yet`);
  }
  if (node.role !== 'manager') return new LookupFailure(`${DAEMON} get ${name}: no such volume`);
  const volume = findClusterVolume(ctx.state, name);
  return isApiError(volume) ? new LookupFailure(daemonErrorLine(volume)) : volume;
}

/** `docker volume inspect` */
export const volumeInspect: DockerCommand = {
  path: ['volume', 'inspect'],
  use: 'inspect [OPTIONS] VOLUME [VOLUME...]',
  short: 'Display detailed information on one or more volumes',
  flags: [stringFlag('format', 'f')],
  args: { atLeast: 1 },
  run(ctx, parsed, session) {
    return inspectOnEngine(ctx, parsed, session, (node, ref) => {
      const found = lookUp(ctx, node, ref);
      return found instanceof LookupFailure ? found : clusterVolumeObject(found);
    });
  },
};

/** `docker volume update` */
export const volumeUpdate: DockerCommand = {
  path: ['volume', 'update'],
  use: 'update [OPTIONS] [VOLUME]',
  short: 'Update a volume (cluster volumes only)',
  flags: [stringFlag('availability')],
  args: { exactly: 1 },
  run(ctx, parsed, session) {
    const node = sessionNode(ctx, session);
    if ('exitCode' in node) return node;
    const name = parsed.args[0]!;
    if (nodeVolumes(ctx.state, node.id).some((volume) => volume.name === name)) {
      return failure('can only update cluster volumes');
    }
    const found = lookUp(ctx, node, name);
    if (found instanceof LookupFailure) return failure(found.error);
    const refused = managerGate(ctx, session);
    if (refused) return failure(daemonErrorLine(refused));
    const wanted = lastValue<string>(parsed, 'availability');
    // dockerd keeps the current availability for a value it has no name for.
    const known = ['active', 'pause', 'drain'];
    const availability =
      wanted !== undefined && known.includes(wanted)
        ? (wanted as VolumeAvailability)
        : found.spec.availability;
    const error = updateClusterVolume(ctx, found, availability);
    return error ? failure(daemonErrorLine(error)) : { stdout: '', stderr: '', exitCode: 0 };
  },
};
