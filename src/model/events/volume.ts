/**
 * Events of cluster (CSI) volumes (`clusterVolume/*`): the control API's create, update and
 * remove, the CSI volume manager's answers from the plugin, and the publish status the
 * scheduler, the node and the volume manager move forward on each node. Local volumes have
 * their own `volume/*` events (engine.ts).
 */
import type {
  ClusterVolume,
  VolumeAvailability,
  VolumeInfo,
  VolumePublishState,
} from '../types.js';

/** `docker volume create` with cluster options: the volume is in the store, not yet created. */
export interface ClusterVolumeCreated {
  type: 'clusterVolume/created';
  volume: ClusterVolume;
}

/** `docker volume update`: only the availability (and labels) can change. */
export interface ClusterVolumeUpdated {
  type: 'clusterVolume/updated';
  volumeId: string;
  availability: VolumeAvailability;
}

/** The plugin created the volume (CreateVolume answered): it can now be scheduled. */
export interface ClusterVolumeProvisioned {
  type: 'clusterVolume/provisioned';
  volumeId: string;
  info: VolumeInfo;
}

/**
 * The volume's state on one node moved: `state` null means the entry is gone (the controller
 * unpublished it). `message` is the volume manager's last error for that node, '' when none.
 */
export interface ClusterVolumePublishChanged {
  type: 'clusterVolume/publishChanged';
  volumeId: string;
  node: string;
  state: VolumePublishState | null;
  message: string;
}

/** `docker volume rm` without force: marked for deletion; the plugin deletes it next. */
export interface ClusterVolumeDeleteRequested {
  type: 'clusterVolume/deleteRequested';
  volumeId: string;
}

/** The volume left the store (deleted by the plugin, or `docker volume rm -f`). */
export interface ClusterVolumeRemoved {
  type: 'clusterVolume/removed';
  volumeId: string;
}
