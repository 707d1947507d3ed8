/**
 * Every fact the simulation can record, as one discriminated union. Events are past-tense and
 * named `domain/eventName`; each carries everything its reducer needs (random outcomes included),
 * so folding a log needs neither the generator nor the components that produced it.
 *
 * The event interfaces live in events/, one file per family; this module re-exports them all and
 * joins them in the one union, so the rest of the code imports events from here only.
 */
import type {
  ScenarioExpectationChecked,
  ScenarioStepRan,
  ShellCommandRan,
} from './events/commands.js';
import type {
  ContainerCreated,
  ContainerExited,
  ContainerLogged,
  ContainerRemoved,
  ContainerStopRequested,
  ImageBuilt,
  ImagePushed,
  VolumeCreated,
  VolumeRemoved,
} from './events/engine.js';
import type { NetworkCreated, NetworkRemoved, NetworkRequestRouted } from './events/network.js';
import type {
  NodeAttachmentsChanged,
  NodeAvailabilityChanged,
  NodeDescriptionChanged,
  NodeImagePulled,
  NodeJoined,
  NodeLabelsChanged,
  NodeRemoved,
  NodeRoleChanged,
  NodeStatusChanged,
} from './events/node.js';
import type {
  ClusterVolumeCreated,
  ClusterVolumeDeleteRequested,
  ClusterVolumeProvisioned,
  ClusterVolumePublishChanged,
  ClusterVolumeRemoved,
  ClusterVolumeUpdated,
} from './events/volume.js';
import type {
  ServiceCreated,
  ServiceRemoved,
  ServiceUpdated,
  ServiceUpdateStatusChanged,
} from './events/service.js';
import type {
  TaskAssigned,
  TaskCreated,
  TaskDesiredStateChanged,
  TaskLogged,
  TaskNetworksAllocated,
  TaskRemoved,
  TaskStateChanged,
  TaskStatusRefreshed,
  TaskUnschedulable,
} from './events/task.js';
import type {
  ClusterInitialized,
  FaultHealed,
  FaultInjected,
  RaftCampaignStarted,
  RaftClusterForced,
  RaftLeaderElected,
  RaftLeaderLost,
  RaftReachabilityChanged,
} from './events/world.js';
import type { SimTime } from './types.js';

export type * from './events/commands.js';
export type * from './events/engine.js';
export type * from './events/network.js';
export type * from './events/node.js';
export type * from './events/service.js';
export type * from './events/task.js';
export type * from './events/world.js';
export type * from './events/volume.js';

export type SimEvent =
  | ClusterInitialized
  | NodeJoined
  | NodeAvailabilityChanged
  | NodeStatusChanged
  | NodeLabelsChanged
  | NodeDescriptionChanged
  | NodeRoleChanged
  | NodeRemoved
  | NodeImagePulled
  | ImageBuilt
  | ImagePushed
  | ServiceCreated
  | ServiceUpdated
  | ServiceUpdateStatusChanged
  | ServiceRemoved
  | TaskCreated
  | TaskStateChanged
  | TaskAssigned
  | TaskUnschedulable
  | TaskStatusRefreshed
  | TaskDesiredStateChanged
  | TaskRemoved
  | TaskLogged
  | ScenarioStepRan
  | ShellCommandRan
  | ScenarioExpectationChecked
  | FaultInjected
  | FaultHealed
  | RaftLeaderElected
  | RaftLeaderLost
  | RaftCampaignStarted
  | RaftReachabilityChanged
  | RaftClusterForced
  | ContainerCreated
  | ContainerLogged
  | ContainerStopRequested
  | ContainerExited
  | ContainerRemoved
  | VolumeCreated
  | VolumeRemoved
  | NetworkRequestRouted
  | NetworkCreated
  | NetworkRemoved
  | TaskNetworksAllocated
  | NodeAttachmentsChanged
  | ClusterVolumeCreated
  | ClusterVolumeUpdated
  | ClusterVolumeProvisioned
  | ClusterVolumePublishChanged
  | ClusterVolumeDeleteRequested
  | ClusterVolumeRemoved;

export type SimEventType = SimEvent['type'];

/** An event as it sits in the log: stamped with the virtual time it happened at. */
export type LoggedEvent = SimEvent & { t: SimTime };
