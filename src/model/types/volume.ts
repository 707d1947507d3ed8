/**
 * Cluster (CSI) volumes as swarmkit's store holds them (`api/objects.proto` Volume,
 * `api/specs.proto` VolumeSpec), and the CSI plugins a node's engine reports
 * (NodeDescription.CSIInfo). Local volumes are the engine's, not these (state.ts LocalVolume).
 */
import type { SimTime } from './common.js';

/** Whether the volume can be used on one node at a time or on many. */
export type VolumeScope = 'single' | 'multi';
/** How many tasks may use it at once, and how (swarmkit's VolumeSharing). */
export type VolumeSharing = 'none' | 'readonly' | 'onewriter' | 'all';
/** active: usable; pause: no new users; drain: no new users (and needed to remove it cleanly). */
export type VolumeAvailability = 'active' | 'pause' | 'drain';
/** Where a volume is in its life on one node, in swarmkit's order (Engine API strings). */
export type VolumePublishState =
  | 'pending-publish'
  | 'published'
  | 'pending-node-unpublish'
  | 'pending-controller-unpublish';

/** A topology: segment name to value, e.g. `{zone: 'a'}`. */
export type VolumeTopology = Record<string, string>;

export interface VolumeSpec {
  name: string;
  labels: Record<string, string>;
  /** `group:NAME` mounts pick any volume of the group. Empty when none. */
  group: string;
  driver: { name: string; options: Record<string, string> };
  accessMode: { scope: VolumeScope; sharing: VolumeSharing; type: 'mount' | 'block' };
  /** `--secret KEY=SECRET`, sorted by key. */
  secrets: { key: string; secret: string }[];
  /** Requisite and preferred topologies; null when the client sent none (it always does). */
  accessibilityRequirements: { requisite: VolumeTopology[]; preferred: VolumeTopology[] } | null;
  /** Bytes; 0 means unset. */
  capacityRange: { requiredBytes: number; limitBytes: number } | null;
  availability: VolumeAvailability;
}

/** What the plugin answered to CreateVolume: the volume exists once this is set. */
export interface VolumeInfo {
  /** The plugin's own id of the volume. */
  volumeId: string;
  capacityBytes: number;
  /** Where the volume can be reached; empty means everywhere. */
  accessibleTopology: VolumeTopology[];
}

/** The volume's state on one node. */
export interface VolumePublishStatus {
  nodeId: string;
  state: VolumePublishState;
  /** The last controller error for this node; empty when none (the Engine API omits it). */
  message: string;
}

export interface ClusterVolume {
  /** 25 base-36 characters, like every swarm object. */
  id: string;
  version: number;
  createdAt: SimTime;
  updatedAt: SimTime;
  spec: VolumeSpec;
  /** Null until the plugin created the volume ("pending creation"). */
  info: VolumeInfo | null;
  /** One entry per node the volume is (being) published to, in the order they were added. */
  publishStatus: VolumePublishStatus[];
  /** `docker volume rm` accepted: the plugin is deleting it; nothing can use it any more. */
  pendingDelete: boolean;
}

/** A CSI node plugin a node's engine runs (NodeCSIInfo). */
export interface NodeCsiPlugin {
  name: string;
  /** The node's place in the plugin's topology; empty when the plugin reports none. */
  topology: VolumeTopology;
  /** 0 when the plugin sets no limit (swarmkit's scheduler does not read it). */
  maxVolumesPerNode: number;
}

/** The volume the scheduler chose for one `type=cluster` mount of a task (VolumeAttachment). */
export interface VolumeAttachment {
  /** The cluster volume's id. */
  id: string;
  /** The mount's source as written: a name or `group:NAME`. */
  source: string;
  target: string;
}
