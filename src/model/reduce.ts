/**
 * The fold: how each event changes the cluster state. `applyEvent` is an immer-style recipe: it
 * mutates the draft it is given and returns nothing. The engine applies it in place on its live
 * state (one copy of a 100k-task record per event would dominate a run); `reduce` wraps it in
 * immer's `produce` for callers that want persistent snapshots (the viewer, tests).
 *
 * An event that makes no sense in the current state (unknown id, a backward state move) is a bug
 * in whichever component emitted it, so it throws `ModelViolation` instead of being ignored.
 * This module moves the clock and the store version, then hands the event to its family's
 * reducer (reduce-*.ts).
 */
import { produce } from 'immer';
import type { ClusterInitialized, LoggedEvent } from './events.js';
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
  switch (event.type) {
    case 'cluster/initialized':
      return initializeCluster(state, event);
    case 'node/joined':
    case 'node/availabilityChanged':
    case 'node/statusChanged':
    case 'node/labelsChanged':
    case 'node/descriptionChanged':
    case 'node/roleChanged':
    case 'node/removed':
    case 'node/imagePulled':
    case 'node/attachmentsChanged':
      return applyNodeEvent(state, event);
    case 'image/built':
    case 'image/pushed':
      return applyImageEvent(state, event);
    case 'container/created':
    case 'container/logged':
    case 'container/stopRequested':
    case 'container/exited':
    case 'container/removed':
      return applyContainerEvent(state, event);
    case 'volume/created':
    case 'volume/removed':
      return applyVolumeEvent(state, event);
    case 'network/created':
    case 'network/removed':
    case 'task/networksAllocated':
      return applyNetworkEvent(state, event);
    case 'service/created':
    case 'service/updated':
    case 'service/updateStatusChanged':
    case 'service/removed':
      return applyServiceEvent(state, event);
    case 'task/created':
    case 'task/stateChanged':
    case 'task/assigned':
    case 'task/unschedulable':
    case 'task/statusRefreshed':
    case 'task/desiredStateChanged':
    case 'task/removed':
    case 'task/logged':
      return applyTaskEvent(state, event);
    case 'clusterVolume/created':
    case 'clusterVolume/updated':
    case 'clusterVolume/provisioned':
    case 'clusterVolume/publishChanged':
    case 'clusterVolume/deleteRequested':
    case 'clusterVolume/removed':
      return applyClusterVolumeEvent(state, event);
    case 'network/requestRouted':
      return applyTrafficEvent(state, event);
    case 'scenario/stepRan':
    case 'scenario/expectationChecked':
    case 'shell/commandRan':
      return;
    case 'fault/injected':
    case 'fault/healed':
    case 'raft/leaderElected':
    case 'raft/leaderLost':
    case 'raft/campaignStarted':
    case 'raft/reachabilityChanged':
    case 'raft/clusterForced':
      applyWorldEvent(state, event);
      if (event.type === 'fault/injected') noteContainerLoss(state, event);
      return;
  }
}

function initializeCluster(state: ClusterState, event: ClusterInitialized & { t: number }): void {
  state.cluster = {
    id: event.clusterId,
    createdAt: event.t,
    taskHistoryRetentionLimit: event.taskHistoryRetentionLimit,
    heartbeatPeriodMs: event.heartbeatPeriodMs,
  };
}
