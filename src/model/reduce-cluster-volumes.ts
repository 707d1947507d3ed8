/**
 * The fold for cluster (CSI) volumes (state.clusterVolumes). Every decision (which node, which
 * state, the plugin's answer) is in the event; the fold books it and refuses what swarmkit's
 * store could not hold: an unknown volume, a second volume of the same name, a publish state
 * moving backwards on a node.
 */
import type { LoggedEvent } from './events.js';
import type { ClusterState } from './state.js';
import type { ClusterVolume, VolumePublishState } from './types.js';
import { ModelViolation } from './violation.js';

type ClusterVolumeEvent = Extract<LoggedEvent, { type: `clusterVolume/${string}` }>;

/** swarmkit's order of the publish states: an entry only moves forward. */
const PUBLISH_ORDER: readonly VolumePublishState[] = [
  'pending-publish',
  'published',
  'pending-node-unpublish',
  'pending-controller-unpublish',
];

/** Applies one `clusterVolume/*` event to `state` in place. */
export function applyClusterVolumeEvent(state: ClusterState, event: ClusterVolumeEvent): void {
  if (event.type === 'clusterVolume/created') {
    const volumes = (state.clusterVolumes ??= {});
    const name = event.volume.spec.name;
    if (volumes[event.volume.id] || Object.values(volumes).some((v) => v.spec.name === name)) {
      throw new ModelViolation(`cluster volume ${name} created twice`, event);
    }
    volumes[event.volume.id] = { ...structuredClone(event.volume), version: state.version };
    (state.clusterVolumeIds ??= []).push(event.volume.id);
    return;
  }
  const volume = state.clusterVolumes?.[event.volumeId];
  if (!volume) throw new ModelViolation(`unknown cluster volume ${event.volumeId}`, event);
  volume.version = state.version;
  volume.updatedAt = event.t;
  switch (event.type) {
    case 'clusterVolume/updated':
      volume.spec.availability = event.availability;
      return;
    case 'clusterVolume/provisioned':
      if (volume.info) throw new ModelViolation('cluster volume provisioned twice', event);
      volume.info = structuredClone(event.info);
      return;
    case 'clusterVolume/publishChanged':
      return movePublishStatus(volume, event);
    case 'clusterVolume/deleteRequested':
      volume.pendingDelete = true;
      return;
    case 'clusterVolume/removed':
      delete state.clusterVolumes![event.volumeId];
      state.clusterVolumeIds = (state.clusterVolumeIds ?? []).filter((id) => id !== volume.id);
      return;
  }
}

function movePublishStatus(
  volume: ClusterVolume,
  event: Extract<ClusterVolumeEvent, { type: 'clusterVolume/publishChanged' }>,
): void {
  const index = volume.publishStatus.findIndex((status) => status.nodeId === event.node);
  if (event.state === null) {
    if (index < 0) throw new ModelViolation('no publish status to remove', event);
    volume.publishStatus.splice(index, 1);
    return;
  }
  if (index < 0) {
    if (event.state !== 'pending-publish') {
      throw new ModelViolation(`volume not pending publish on ${event.node}`, event);
    }
    volume.publishStatus.push({ nodeId: event.node, state: event.state, message: event.message });
    return;
  }
  const status = volume.publishStatus[index]!;
  if (PUBLISH_ORDER.indexOf(event.state) < PUBLISH_ORDER.indexOf(status.state)) {
    throw new ModelViolation(`publish state ${status.state} -> ${event.state}`, event);
  }
  status.state = event.state;
  status.message = event.message;
}

/** The volumes in creation order. */
export function listClusterVolumes(state: ClusterState): ClusterVolume[] {
  return (state.clusterVolumeIds ?? []).map((id) => state.clusterVolumes![id]!);
}
