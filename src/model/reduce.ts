/**
 * The fold: how each event changes the cluster state. `applyEvent` is an immer-style recipe: it
 * mutates the draft it is given and returns nothing. The engine applies it in place on its live
 * state (one copy of a 100k-task record per event would dominate a run); `reduce` wraps it in
 * immer's `produce` for callers that want persistent snapshots (the viewer, tests).
 *
 * An event that makes no sense in the current state (unknown id, a backward state move) is a bug
 * in whichever component emitted it, so it throws `ModelViolation` instead of being ignored.
 * This module moves the clock and the store version, then hands the event to its family's
 * reducer (reduce-*.ts) through a table keyed by event type.
 */
import { produce } from 'immer';
import type { LoggedEvent } from './events.js';
import { applyClusterVolumeEvent } from './reduce-cluster-volumes.js';
import { applyContainerEvent } from './reduce-containers.js';
import { applyImageEvent } from './reduce-images.js';
import { applyNetworkEvent } from './reduce-networks.js';
import { applyNodeEvent } from './reduce-nodes.js';
import { applyServiceEvent } from './reduce-services.js';
import { applyTaskEvent } from './reduce-tasks.js';
import { applyTrafficEvent, noteContainerLoss } from './reduce-traffic.js';
import { applyVolumeEvent } from './reduce-volumes.js';
import { applyWorldEvent } from './reduce-world.js';
import type { ClusterState } from './state.js';
import { ModelViolation } from './violation.js';

export { ModelViolation } from './violation.js';

type EventType = LoggedEvent['type'];
type EventOf<T extends EventType> = Extract<LoggedEvent, { type: T }>;
type EventReducer<T extends EventType> = (state: ClusterState, event: EventOf<T>) => void;

/** Narration of a run (steps, expectations, shell lines) changes nothing in the store. */
const narration = (): void => undefined;

/**
 * The reducer of every event type, by family. The mapped type is the exhaustiveness check: a new
 * event type without an entry, or a reducer that does not accept its event, fails to compile.
 */
const REDUCERS: { readonly [T in EventType]: EventReducer<T> } = {
  'cluster/initialized': initializeCluster,
  'node/joined': applyNodeEvent,
  'node/availabilityChanged': applyNodeEvent,
  'node/statusChanged': applyNodeEvent,
  'node/labelsChanged': applyNodeEvent,
  'node/descriptionChanged': applyNodeEvent,
  'node/roleChanged': applyNodeEvent,
  'node/removed': applyNodeEvent,
  'node/imagePulled': applyNodeEvent,
  'node/attachmentsChanged': applyNodeEvent,
  'image/built': applyImageEvent,
  'image/pushed': applyImageEvent,
  'container/created': applyContainerEvent,
  'container/logged': applyContainerEvent,
  'container/stopRequested': applyContainerEvent,
  'container/exited': applyContainerEvent,
  'container/removed': applyContainerEvent,
  'volume/created': applyVolumeEvent,
  'volume/removed': applyVolumeEvent,
  'network/created': applyNetworkEvent,
  'network/removed': applyNetworkEvent,
  // A task's network attachments are IPAM bookings, which reduce-networks.ts owns.
  'task/networksAllocated': applyNetworkEvent,
  // A routed request is traffic, not network bookkeeping.
  'network/requestRouted': applyTrafficEvent,
  'service/created': applyServiceEvent,
  'service/updated': applyServiceEvent,
  'service/updateStatusChanged': applyServiceEvent,
  'service/removed': applyServiceEvent,
  'task/created': applyTaskEvent,
  'task/stateChanged': applyTaskEvent,
  'task/assigned': applyTaskEvent,
  'task/unschedulable': applyTaskEvent,
  'task/statusRefreshed': applyTaskEvent,
  'task/desiredStateChanged': applyTaskEvent,
  'task/removed': applyTaskEvent,
  'task/logged': applyTaskEvent,
  'clusterVolume/created': applyClusterVolumeEvent,
  'clusterVolume/updated': applyClusterVolumeEvent,
  'clusterVolume/provisioned': applyClusterVolumeEvent,
  'clusterVolume/publishChanged': applyClusterVolumeEvent,
  'clusterVolume/deleteRequested': applyClusterVolumeEvent,
  'clusterVolume/removed': applyClusterVolumeEvent,
  'fault/injected': applyFaultEvent,
  'fault/healed': applyWorldEvent,
  'raft/leaderElected': applyWorldEvent,
  'raft/leaderLost': applyWorldEvent,
  'raft/campaignStarted': applyWorldEvent,
  'raft/reachabilityChanged': applyWorldEvent,
  'raft/clusterForced': applyWorldEvent,
  'scenario/stepRan': narration,
  'scenario/expectationChecked': narration,
  'shell/commandRan': narration,
};

/** Returns the state after `event`, leaving `state` untouched (structural sharing via immer). */
export function reduce(state: ClusterState, event: LoggedEvent): ClusterState {
  return produce(state, (draft) => {
    applyEvent(draft, event);
  });
}

/** Applies `event` to `state` in place. */
export function applyEvent(state: ClusterState, event: LoggedEvent): void {
  if (event.t < state.now) {
    throw new ModelViolation(`event at ${event.t} ms is before the clock (${state.now} ms)`, event);
  }
  state.now = event.t;
  state.version += 1;
  // A type outside the union (a hand-edited log) moves the clock and changes nothing else.
  if (!Object.hasOwn(REDUCERS, event.type)) return;
  // The table pairs each type with its reducer; the compiler cannot follow that pairing through
  // a computed key, hence the widening cast.
  const reducer = REDUCERS[event.type] as EventReducer<EventType>;
  reducer(state, event);
}

function initializeCluster(state: ClusterState, event: EventOf<'cluster/initialized'>): void {
  state.cluster = {
    id: event.clusterId,
    createdAt: event.t,
    taskHistoryRetentionLimit: event.taskHistoryRetentionLimit,
    heartbeatPeriodMs: event.heartbeatPeriodMs,
  };
}

// A host fault also silences the node's containers, which the traffic fold must know.
function applyFaultEvent(state: ClusterState, event: EventOf<'fault/injected'>): void {
  applyWorldEvent(state, event);
  noteContainerLoss(state, event);
}
