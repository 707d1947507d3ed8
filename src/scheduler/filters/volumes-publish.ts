/**
 * The publish status the scheduler writes on cluster volumes (swarmkit `scheduler.go`
 * applySchedulingDecisions and `volumes.go` freeVolumes):
 * - with each assignment, a volume not yet published to the task's node gets a
 *   `pending-publish` entry for it (the CSI volume manager then publishes it: src/csi);
 * - after every pass, even one with nothing to place, a volume `published` on a node where no
 *   task uses it any more moves to `pending-node-unpublish` (the node then unstages it).
 */
import type { SimContext } from '../../engine/simulation.js';
import type { VolumeAttachment } from '../../model/types.js';
import { VolumeSet } from './volumes-set.js';

/** Adds `pending-publish` for `nodeId` to each chosen volume that has no entry for it. */
export function requestPublish(
  ctx: SimContext,
  nodeId: string,
  attachments: readonly VolumeAttachment[],
): void {
  for (const { id } of attachments) {
    const volume = ctx.state.clusterVolumes?.[id];
    if (!volume || volume.publishStatus.some((status) => status.nodeId === nodeId)) continue;
    ctx.emit({
      type: 'clusterVolume/publishChanged',
      volumeId: id,
      node: nodeId,
      state: 'pending-publish',
      message: '',
    });
  }
}

/** Moves every published volume no task uses on its node to `pending-node-unpublish`. */
export function freeVolumes(ctx: SimContext): void {
  if ((ctx.state.clusterVolumeIds ?? []).length === 0) return;
  const freed: { volumeId: string; node: string }[] = [];
  for (const { volume, usersOn } of VolumeSet.build(ctx.state).volumes()) {
    for (const status of volume.publishStatus) {
      if (status.state === 'published' && usersOn(status.nodeId) === 0) {
        freed.push({ volumeId: volume.id, node: status.nodeId });
      }
    }
  }
  for (const { volumeId, node } of freed) {
    ctx.emit({
      type: 'clusterVolume/publishChanged',
      volumeId,
      node,
      state: 'pending-node-unpublish',
      message: '',
    });
  }
}
