/**
 * The fold for named local volumes (state.volumes). A real engine keeps a named volume until
 * `docker volume rm`, whatever becomes of the containers that used it, so the index only grows
 * from task containers: a task's named `type=volume` mounts are recorded on its node when its
 * container is created (an observed state from READY to RUNNING, as container-view.ts reads
 * it). No event is added for that; `volume/created` and `volume/removed` are the CLI's.
 * Anonymous volumes are not kept here: swarm's executor removes a task container together with
 * its anonymous volumes (moby `daemon/cluster/executor/container/adapter.go`, RemoveVolume).
 */
import type { LoggedEvent } from './events.js';
import type { ClusterState, LocalVolume } from './state.js';
import { compareTaskStates } from './task-state.js';
import type { Task } from './types.js';
import { ModelViolation } from './violation.js';

type VolumeEvent = Extract<LoggedEvent, { type: `volume/${string}` }>;

/** Applies `volume/created` or `volume/removed` to `state` in place. */
export function applyVolumeEvent(state: ClusterState, event: VolumeEvent): void {
  const onNode = (state.volumes ??= {})[event.nodeId] ?? [];
  if (event.type === 'volume/created') {
    if (onNode.some((volume) => volume.name === event.volume.name)) {
      throw new ModelViolation(`volume ${event.volume.name} created twice`, event);
    }
    state.volumes[event.nodeId] = [...onNode, structuredClone(event.volume)];
    return;
  }
  if (!onNode.some((volume) => volume.name === event.name)) {
    throw new ModelViolation(`no volume ${event.name} to remove`, event);
  }
  state.volumes[event.nodeId] = onNode.filter((volume) => volume.name !== event.name);
}

/** Records the named volumes of `task`'s container on its node once the container exists. */
export function keepTaskVolumes(state: ClusterState, task: Task): void {
  const created =
    compareTaskStates(task.status.state, 'ready') >= 0 &&
    compareTaskStates(task.status.state, 'running') <= 0;
  if (!created || task.nodeId === '') return;
  for (const mount of task.spec.container.mounts ?? []) {
    if (mount.type !== 'volume' || mount.source === '') continue;
    const onNode = (state.volumes ??= {})[task.nodeId] ?? [];
    if (onNode.some((volume) => volume.name === mount.source)) continue;
    const volume: LocalVolume = {
      name: mount.source,
      driver: mount.volumeOptions?.driver?.name || 'local',
      labels: { ...mount.volumeOptions?.labels },
    };
    state.volumes[task.nodeId] = [...onNode, volume];
  }
}
