/**
 * The CSI volume manager (swarmkit `manager/csi/manager.go`), with the node-side steps that
 * report back through the dispatcher: it walks each cluster volume through the plugin's calls,
 * one step per call, each taking CSI_RPC_MS.
 *
 * - A new volume is created by the plugin of its driver on the leader (the controller plugin,
 *   found through the leader's engine: swarmsim takes the leader's `csiPlugins`). Without it the
 *   volume stays "pending creation" and is tried again on every node change.
 * - `pending-publish` on a node: ControllerPublishVolume. It needs the node's CSI node id, which
 *   only a node running the plugin reports; otherwise the entry keeps its state with the
 *   plugin's error as message and is retried on node changes. Otherwise `published`.
 * - `pending-node-unpublish`: the node unpublishes and unstages the volume and reports it, which
 *   needs the node up; the dispatcher then writes `pending-controller-unpublish`.
 * - `pending-controller-unpublish`: ControllerUnpublishVolume, and the entry is gone.
 * - A volume marked for deletion is deleted by the plugin and leaves the store.
 *
 * The plugin itself is not simulated beyond its answers: the volume it creates is accessible
 * from the first preferred topology, else the first requisite one, else everywhere, with the
 * required capacity (else the limit), and every call succeeds when its plugin is there.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import { listClusterVolumes } from '../model/reduce-cluster-volumes.js';
import type { ClusterState } from '../model/state.js';
import type { ClusterVolume, VolumeInfo, VolumePublishStatus } from '../model/types.js';

/** How long one call to a CSI plugin takes (swarmsim's figure; swarmkit allows 15 s). */
export const CSI_RPC_MS = 50;

/** swarmkit's error when a node runs no node plugin of the volume's driver. */
export const NO_CSI_NODE_ID =
  'error publishing volume: rpc error: code = FailedPrecondition desc = ' +
  'CSI node ID not found for given Swarm node ID';

/** Whether `nodeId`'s engine runs the CSI plugin `driver`. */
export function nodeRunsPlugin(state: ClusterState, nodeId: string, driver: string): boolean {
  const plugins = state.nodes[nodeId]?.description.csiPlugins ?? [];
  return plugins.some((plugin) => plugin.name === driver);
}

/** Whether the leader's engine has the controller plugin `driver`. */
function controllerAvailable(state: ClusterState, driver: string): boolean {
  const leader = state.world.raft.leaderId;
  return leader !== null && nodeRunsPlugin(state, leader, driver);
}

/** The plugin's answer to CreateVolume. */
function createdInfo(volume: ClusterVolume, serial: string): VolumeInfo {
  const requirements = volume.spec.accessibilityRequirements;
  const place = requirements?.preferred[0] ?? requirements?.requisite[0];
  const range = volume.spec.capacityRange;
  return {
    volumeId: `${volume.spec.driver.name}-${serial}`,
    capacityBytes: range ? range.requiredBytes || range.limitBytes : 0,
    accessibleTopology: place ? [{ ...place }] : [],
  };
}

/** The next step for one node's entry, or null when it waits. */
function publishStep(
  state: ClusterState,
  volume: ClusterVolume,
  status: VolumePublishStatus,
): Pick<VolumePublishStatus, 'state' | 'message'> | { state: null; message: '' } | null {
  switch (status.state) {
    case 'pending-publish':
      if (nodeRunsPlugin(state, status.nodeId, volume.spec.driver.name)) {
        return { state: 'published', message: '' };
      }
      return status.message === NO_CSI_NODE_ID
        ? null
        : { state: 'pending-publish', message: NO_CSI_NODE_ID };
    case 'published':
      return null;
    case 'pending-node-unpublish':
      return state.nodes[status.nodeId]?.status.state === 'ready'
        ? { state: 'pending-controller-unpublish', message: '' }
        : null;
    case 'pending-controller-unpublish':
      return { state: null, message: '' };
  }
}

/** Does whatever the volume needs now (swarmkit handleVolume). */
function handleVolume(ctx: SimContext, volumeId: string): void {
  const volume = ctx.state.clusterVolumes?.[volumeId];
  if (!volume) return;
  const driver = volume.spec.driver.name;
  if (!volume.info) {
    if (!controllerAvailable(ctx.state, driver)) return;
    const info = createdInfo(volume, ctx.newId('volume').slice(0, 12));
    ctx.emit({ type: 'clusterVolume/provisioned', volumeId, info });
    return;
  }
  if (volume.pendingDelete) {
    if (controllerAvailable(ctx.state, driver)) {
      ctx.emit({ type: 'clusterVolume/removed', volumeId });
    }
    return;
  }
  const steps = volume.publishStatus.map((status) => ({
    node: status.nodeId,
    step: publishStep(ctx.state, volume, status),
  }));
  for (const { node, step } of steps) {
    if (step === null) continue;
    ctx.emit({ type: 'clusterVolume/publishChanged', volumeId, node, ...step });
  }
}

/** The CSI volume manager; run it on the leader only (swarm.ts wraps it). */
export function createCsiManager(): Component {
  // Volumes with a call under way; a later change to one of them waits for that call.
  const queued = new Set<string>();
  const enqueue = (ctx: SimContext, volumeId: string): void => {
    if (queued.has(volumeId)) return;
    queued.add(volumeId);
    ctx.at(ctx.now + CSI_RPC_MS, 'csi: handle volume', (later) => {
      queued.delete(volumeId);
      handleVolume(later, volumeId);
    });
  };
  const enqueueAll = (ctx: SimContext): void => {
    for (const volume of listClusterVolumes(ctx.state)) enqueue(ctx, volume.id);
  };
  return {
    name: 'csi',
    onEvent(ctx, event) {
      switch (event.type) {
        case 'clusterVolume/created':
          return enqueue(ctx, event.volume.id);
        case 'clusterVolume/provisioned':
        case 'clusterVolume/publishChanged':
        case 'clusterVolume/deleteRequested':
          return enqueue(ctx, event.volumeId);
        case 'node/joined':
        case 'node/statusChanged':
        case 'node/descriptionChanged':
        case 'raft/leaderElected':
          return enqueueAll(ctx);
        default:
          return;
      }
    },
  };
}
