/**
 * What the scheduler knows of cluster (CSI) volumes (swarmkit's `manager/scheduler/volumes.go`):
 * the volumes the plugin has created, which tasks use each one and on which node, and the choice
 * of a volume for a task's `type=cluster` mount on a node. Built from the state once per pass
 * and updated as the pass assigns tasks, like the node infos.
 *
 * A volume fits a mount on a node when (`checkVolume`):
 * - its availability is `active` (pause and drain take no new users);
 * - scope `single`: every current user runs on this node;
 * - sharing `none`: nobody uses it; `readonly`: the mount is read-only; `onewriter`: a writable
 *   mount needs no other writer; `all`: anything goes;
 * - the node lies in its accessible topology, read from the node's plugin of the volume's
 *   driver. Quirk kept: a node that runs no such plugin has no topology, and swarmkit takes
 *   that as a fit, so the scheduler may place a task where the volume cannot be staged (the
 *   node then fails to prepare the task: src/agent/mounts.ts). MaxVolumesPerNode is reported
 *   by nodes and never read by swarmkit's scheduler, so it limits nothing here either.
 * A `group:NAME` source takes the first fitting volume of the group. swarmkit walks a Go map,
 * in no fixed order; swarmsim walks the group in volume creation order.
 */
import type { ClusterState } from '../../model/state.js';
import type {
  ClusterVolume,
  Mount,
  Task,
  VolumeAttachment,
  VolumeTopology,
} from '../../model/types.js';
import { holdsResources, type NodeInfo } from '../node-info.js';

/** One task's use of a volume. */
interface VolumeUse {
  nodeId: string;
  readOnly: boolean;
}

interface VolumeEntry {
  volume: ClusterVolume;
  /** Users by task id; looked up and counted, never walked for a decision's order. */
  users: Map<string, VolumeUse>;
}

const GROUP_PREFIX = 'group:';

/** Whether `top` (a node's) lies in one of the `accessible` topologies (swarmkit IsInTopology). */
export function isInTopology(
  top: VolumeTopology | null,
  accessible: readonly VolumeTopology[],
): boolean {
  if (top === null || accessible.length === 0) return true;
  return accessible.some((topology) =>
    Object.entries(topology).every(([segment, value]) => top[segment] === value),
  );
}

/** Whether a task's spec mounts a cluster volume. */
export function hasClusterMounts(task: Pick<Task, 'spec'>): boolean {
  return (task.spec.container.mounts ?? []).some((mount) => mount.type === 'cluster');
}

/** The scheduler's volume set for one pass. */
export class VolumeSet {
  private readonly byId = new Map<string, VolumeEntry>();
  private readonly byName = new Map<string, string>();
  /** Volume ids per group, in creation order. */
  private readonly byGroup = new Map<string, string[]>();

  /** The created volumes of `state` and the tasks holding them (assigned..running). */
  static build(state: ClusterState): VolumeSet {
    const set = new VolumeSet();
    const ids = state.clusterVolumeIds ?? [];
    if (ids.length === 0) return set;
    for (const id of ids) set.add(state.clusterVolumes![id]!);
    for (const serviceId of state.serviceIds) {
      for (const taskId of state.tasksByService[serviceId] ?? []) {
        const task = state.tasks[taskId]!;
        if (task.volumes && holdsResources(task)) set.reserveTask(task);
      }
    }
    return set;
  }

  /** Volumes in creation order, each with how many tasks use it per node. */
  *volumes(): Generator<{ volume: ClusterVolume; usersOn: (nodeId: string) => number }> {
    for (const entry of this.byId.values()) {
      const usersOn = (nodeId: string) =>
        [...entry.users.values()].filter((use) => use.nodeId === nodeId).length;
      yield { volume: entry.volume, usersOn };
    }
  }

  /** The volume that fits `mount` on the node, or null (swarmkit isVolumeAvailableOnNode). */
  available(mount: Mount, info: NodeInfo): string | null {
    if (mount.source.startsWith(GROUP_PREFIX)) {
      const group = this.byGroup.get(mount.source.slice(GROUP_PREFIX.length)) ?? [];
      return group.find((id) => this.fits(id, info, mount.readOnly)) ?? null;
    }
    const id = this.byName.get(mount.source);
    return id !== undefined && this.fits(id, info, mount.readOnly) ? id : null;
  }

  /**
   * Chooses and reserves a volume for each cluster mount of `task` on the node. When one mount
   * finds none, swarmkit logs the error and assigns the task without any volume: so does this
   * (an empty list), after releasing what it had reserved.
   */
  chooseAndReserve(task: Task, info: NodeInfo): VolumeAttachment[] {
    const chosen: VolumeAttachment[] = [];
    for (const mount of task.spec.container.mounts ?? []) {
      if (mount.type !== 'cluster') continue;
      const id = this.available(mount, info);
      if (id === null) {
        for (const attachment of chosen) this.byId.get(attachment.id)?.users.delete(task.id);
        return [];
      }
      this.reserve(id, task.id, info.node.id, mount.readOnly);
      chosen.push({ id, source: mount.source, target: mount.target });
    }
    return chosen;
  }

  private add(volume: ClusterVolume): void {
    // Only a volume the plugin created can be scheduled.
    if (!volume.info || volume.info.volumeId === '') return;
    this.byId.set(volume.id, { volume, users: new Map() });
    this.byName.set(volume.spec.name, volume.id);
    const group = this.byGroup.get(volume.spec.group);
    if (group) group.push(volume.id);
    else this.byGroup.set(volume.spec.group, [volume.id]);
  }

  /** Books the volumes a placed task holds (swarmkit reserveTaskVolumes). */
  private reserveTask(task: Task): void {
    for (const attachment of task.volumes ?? []) {
      const mount = (task.spec.container.mounts ?? []).find(
        (m) => m.source === attachment.source && m.target === attachment.target,
      );
      if (mount) this.reserve(attachment.id, task.id, task.nodeId, mount.readOnly);
    }
  }

  private reserve(volumeId: string, taskId: string, nodeId: string, readOnly: boolean): void {
    this.byId.get(volumeId)?.users.set(taskId, { nodeId, readOnly });
  }

  private fits(id: string, info: NodeInfo, readOnly: boolean): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    const { spec } = entry.volume;
    if (spec.availability !== 'active') return false;
    const uses = [...entry.users.values()];
    if (spec.accessMode.scope === 'single' && uses.some((use) => use.nodeId !== info.node.id)) {
      return false;
    }
    switch (spec.accessMode.sharing) {
      case 'none':
        if (uses.length > 0) return false;
        break;
      case 'onewriter':
        if (!readOnly && uses.some((use) => !use.readOnly)) return false;
        break;
      case 'readonly':
        if (!readOnly) return false;
        break;
      case 'all':
        break;
    }
    const plugin = info.node.description.csiPlugins?.find((p) => p.name === spec.driver.name);
    return isInTopology(plugin ? plugin.topology : null, entry.volume.info!.accessibleTopology);
  }
}
