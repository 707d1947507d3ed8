/**
 * The control API for cluster (CSI) volumes (swarmkit `manager/controlapi/volume.go`) and
 * dockerd's lookup of a volume by what the user typed (`moby:daemon/cluster/helpers.go`
 * getVolume). Errors carry swarmkit's and dockerd's texts.
 *
 * - Create: the name must be free, ignoring case (the store's `name conflicts with an existing
 *   object`), and
 *   every secret named must exist; swarmsim has no secrets yet, so any secret is missing.
 * - Update: only the availability can change (dockerd sends nothing else).
 * - Remove: refused while the volume is published anywhere (`volume is still in use`); else it
 *   is marked for deletion and the plugin deletes it. `force` deletes it from the store at once,
 *   whatever uses it.
 */
import type { SimContext } from '../engine/simulation.js';
import { listClusterVolumes } from '../model/reduce-cluster-volumes.js';
import type { ClusterState } from '../model/state.js';
import type { ClusterVolume, VolumeAvailability, VolumeSpec } from '../model/types.js';
import { commitGate } from './commit.js';
import { ApiError, invalidArgument } from './errors.js';

/** dockerd's lookup: full ID, then exact name, then a unique ID prefix. */
export function findClusterVolume(state: ClusterState, input: string): ClusterVolume | ApiError {
  const volumes = listClusterVolumes(state);
  const byId = state.clusterVolumes?.[input];
  if (byId) return byId;
  let matches = volumes.filter((volume) => volume.spec.name === input);
  if (matches.length === 0) matches = volumes.filter((volume) => volume.id.startsWith(input));
  if (matches.length === 0) return new ApiError('NotFound', `volume ${input} not found`, 'engine');
  if (matches.length > 1) {
    const text = `volume ${input} is ambiguous (${matches.length} matches found)`;
    return new ApiError('InvalidArgument', text, 'engine');
  }
  return matches[0]!;
}

/** CreateVolume: stores the volume "pending creation"; the CSI manager has the plugin create it. */
export function createClusterVolume(ctx: SimContext, spec: VolumeSpec): ClusterVolume | ApiError {
  if (spec.name === '') return invalidArgument('meta: name must be provided');
  const missing = spec.secrets.map((secret) => secret.secret);
  if (missing.length > 0) {
    const noun = missing.length === 1 ? 'secret' : 'secrets';
    return invalidArgument(`${noun} not found: ${missing.join(', ')}`);
  }
  // The store indexes names case-insensitively and returns a plain error (gRPC Unknown).
  const lower = spec.name.toLowerCase();
  if (listClusterVolumes(ctx.state).some((volume) => volume.spec.name.toLowerCase() === lower)) {
    return new ApiError('Unknown', 'name conflicts with an existing object');
  }
  const uncommitted = commitGate(ctx.state);
  if (uncommitted) return uncommitted;
  const volume: ClusterVolume = {
    id: ctx.newId('volume'),
    version: 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    spec: structuredClone(spec),
    info: null,
    publishStatus: [],
    pendingDelete: false,
  };
  ctx.emit({ type: 'clusterVolume/created', volume });
  return ctx.state.clusterVolumes![volume.id]!;
}

/** UpdateVolume as dockerd sends it: the availability only. */
export function updateClusterVolume(
  ctx: SimContext,
  volume: ClusterVolume,
  availability: VolumeAvailability,
): ApiError | null {
  const uncommitted = commitGate(ctx.state);
  if (uncommitted) return uncommitted;
  ctx.emit({ type: 'clusterVolume/updated', volumeId: volume.id, availability });
  return null;
}

/** RemoveVolume; `force` deletes it from the store at once. */
export function removeClusterVolume(
  ctx: SimContext,
  volume: ClusterVolume,
  force: boolean,
): ApiError | null {
  if (!force && volume.publishStatus.length > 0) {
    return new ApiError('FailedPrecondition', 'volume is still in use');
  }
  const uncommitted = commitGate(ctx.state);
  if (uncommitted) return uncommitted;
  if (force) ctx.emit({ type: 'clusterVolume/removed', volumeId: volume.id });
  else if (!volume.pendingDelete) {
    ctx.emit({ type: 'clusterVolume/deleteRequested', volumeId: volume.id });
  }
  return null;
}
