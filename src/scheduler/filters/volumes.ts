/**
 * VolumesFilter (SWARM.md 5.2 item 8, swarmkit `filter.go`): on when the task mounts a cluster
 * (CSI) volume; the node must have a volume that fits one of those mounts (volumes-set.ts says
 * what fits). swarmkit appends it after the default filters, so it is the last of the pipeline.
 *
 * Quirk kept: swarmkit's check passes as soon as ANY of the task's cluster mounts has a volume
 * on the node, not all of them; the choice made at assignment then finds none for the other
 * mount and the task is assigned without volumes (volumes-set.ts chooseAndReserve).
 */
import type { Mount } from '../../model/types.js';
import { countNodes, type Filter } from './filter.js';
import { VolumeSet } from './volumes-set.js';

/** A fresh VolumesFilter reading `volumes` (the pass's volume set; empty when none). */
export function volumesFilter(volumes: VolumeSet = new VolumeSet()): Filter {
  let mounts: Mount[] = [];
  return {
    name: 'volumes',
    appliesTo(task) {
      mounts = (task.spec.container.mounts ?? []).filter((mount) => mount.type === 'cluster');
      return mounts.length > 0;
    },
    check: (_node, info) => mounts.some((mount) => volumes.available(mount, info) !== null),
    explain: (count) => `cannot fulfill requested CSI volume mounts on ${countNodes(count)}`,
  };
}
