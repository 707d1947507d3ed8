/**
 * `docker volume ls` on the session's node: the local volumes its engine holds.
 *
 * Named volumes come from the node's volume index (state.volumes, reduce-volumes.ts): created
 * with the first task container that mounts one, or by `docker volume create`, and kept, as on a
 * real engine, after their containers are gone (`docker service rm`, trimmed task history)
 * until `docker volume rm`. An anonymous volume (no source) gets a 64-hex name derived from the
 * task and target and exists while its container does: the executor removes task containers
 * with their anonymous volumes.
 *
 * On a manager the daemon adds the swarm's cluster (CSI) volumes, unfiltered (dockerd passes
 * the filters to the swarm, which ignores them). `--cluster` keeps only those and prints them
 * as `table {{.Name}}\t{{.Group}}\t{{.Driver}}\t{{.Availability}}\t{{.Status}}`, even over
 * a `--format` (the client's quirk); a local volume's Group, Availability and Status are N/A.
 */
import { compareNatural } from '../model/natural-sort.js';
import { listClusterVolumes } from '../model/reduce-cluster-volumes.js';
import { tasksOnNode, type ClusterState } from '../model/state.js';
import type { ClusterVolume, Mount, Task } from '../model/types.js';
import { type DockerCommand, failure, sessionEngine } from './command.js';
import { containerState } from './container-view.js';
import { containerId, hexId } from './engine-ids.js';
import { boolFlag, stringFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { LIST_FORMAT_HELP } from './help-texts.js';
import { filterFlag, filtersOf, invalidFilter, matchesLabels, printRows } from './list-support.js';
import { ellipsis } from './task-rows.js';
import { GoStruct } from './template/values.js';
import { clusterVolumeStatus } from './volume-object.js';

const TABLE = 'table {{.Driver}}\t{{.Name}}';
const CLUSTER_TABLE = 'table {{.Name}}\t{{.Group}}\t{{.Driver}}\t{{.Availability}}\t{{.Status}}';
const TITLES = {
  Name: 'VOLUME NAME',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  Mountpoint: 'MOUNTPOINT',
  Labels: 'LABELS',
  Links: 'LINKS',
  Size: 'SIZE',
  Group: 'GROUP',
  Availability: 'AVAILABILITY',
  Status: 'STATUS',
};

/** One volume on a node. */
export interface NodeVolume {
  name: string;
  driver: string;
  labels: Record<string, string>;
  /** Whether a container that still exists uses it (the `dangling` filter). */
  inUse: boolean;
}

/** The name of the anonymous volume of `mount` in `task`'s container. */
export function anonymousVolumeName(task: Pick<Task, 'id'>, mount: Pick<Mount, 'target'>) {
  return hexId(`volume/${task.id}/${mount.target}`);
}

/** The volume a volume mount of `task` uses: its name, or the anonymous one's. */
function volumeName(task: Pick<Task, 'id'>, mount: Mount): string {
  return mount.source === '' ? anonymousVolumeName(task, mount) : mount.source;
}

/** The volumes on node `nodeId`, in docker's order (natural order of the names). */
export function nodeVolumes(state: ClusterState, nodeId: string): NodeVolume[] {
  const byName = new Map<string, NodeVolume>();
  for (const kept of state.volumes?.[nodeId] ?? []) {
    byName.set(kept.name, { ...kept, labels: { ...kept.labels }, inUse: false });
  }
  for (const task of tasksOnNode(state, nodeId)) {
    const container = containerState(task);
    if (!container) continue;
    for (const mount of task.spec.container.mounts ?? []) {
      if (mount.type !== 'volume') continue;
      const anonymous = mount.source === '';
      const name = volumeName(task, mount);
      const labels = anonymous
        ? { 'com.docker.volume.anonymous': '' }
        : { ...mount.volumeOptions?.labels };
      const volume = byName.get(name) ?? {
        name,
        driver: mount.volumeOptions?.driver?.name || 'local',
        labels,
        inUse: false,
      };
      volume.inUse ||= container.state !== 'exited';
      byName.set(name, volume);
    }
  }
  return [...byName.values()].sort((a, b) => compareNatural(a.name, b.name));
}

/**
 * The full ids of the task containers on `nodeId` that mount volume `name`, running or not:
 * docker refuses to remove a volume any existing container references.
 */
export function volumeUsers(state: ClusterState, nodeId: string, name: string): string[] {
  return tasksOnNode(state, nodeId)
    .filter((task) => containerState(task) !== null)
    .filter((task) =>
      (task.spec.container.mounts ?? []).some(
        (mount) => mount.type === 'volume' && volumeName(task, mount) === name,
      ),
    )
    .map((task) => containerId(task.id));
}

function volumeRow(volume: NodeVolume): GoStruct {
  const labels = Object.entries(volume.labels)
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join(',');
  return new GoStruct(
    '*formatter.volumeContext',
    [
      { name: 'Name', value: volume.name },
      { name: 'Driver', value: volume.driver },
      { name: 'Scope', value: 'local' },
      { name: 'Mountpoint', value: `/var/lib/docker/volumes/${volume.name}/_data` },
      { name: 'Labels', value: labels },
      { name: 'Links', value: 'N/A' },
      { name: 'Size', value: 'N/A' },
      { name: 'Group', value: 'N/A' },
      { name: 'Availability', value: 'N/A' },
      { name: 'Status', value: 'N/A' },
    ],
    true,
  );
}

function clusterRow(volume: ClusterVolume): GoStruct {
  const labels = Object.entries(volume.spec.labels)
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join(',');
  return new GoStruct(
    '*formatter.volumeContext',
    [
      { name: 'Name', value: volume.spec.name },
      { name: 'Driver', value: volume.spec.driver.name },
      { name: 'Scope', value: 'global' },
      { name: 'Mountpoint', value: '' },
      { name: 'Labels', value: labels },
      { name: 'Links', value: 'N/A' },
      { name: 'Size', value: 'N/A' },
      { name: 'Group', value: volume.spec.group },
      { name: 'Availability', value: volume.spec.availability },
      { name: 'Status', value: clusterVolumeStatus(volume) },
    ],
    true,
  );
}

/** `docker volume ls` */
export const volumeLs: DockerCommand = {
  path: ['volume', 'ls'],
  aliases: ['list'],
  use: 'ls [OPTIONS]',
  short: 'List volumes',
  help: {
    aliases: 'docker volume ls, docker volume list',
    options:
      '      --cluster         Display only cluster volumes, and use cluster volume\n' +
      '                        list formatting\n' +
      '  -f, --filter filter   Provide filter values (e.g. "dangling=true")\n' +
      LIST_FORMAT_HELP +
      '  -q, --quiet           Only display volume names\n',
  },
  flags: [boolFlag('cluster'), filterFlag(), stringFlag('format'), boolFlag('quiet', 'q')],
  args: { none: true },
  run(ctx, parsed, session) {
    const engine = sessionEngine(ctx, session);
    if ('exitCode' in engine) return engine;
    const node = engine.node;
    const filters = filtersOf(parsed);
    const invalid = invalidFilter(filters, ['dangling', 'driver', 'label', 'name']);
    if (invalid) return failure(invalid);
    const dangling = filters.get('dangling')?.map((value) => value === 'true' || value === '1');
    const cluster = lastValue<boolean>(parsed, 'cluster') ?? false;
    const local = nodeVolumes(ctx.state, node.id)
      .filter(() => !cluster)
      .filter((volume) => filters.get('name')?.some((name) => volume.name.includes(name)) ?? true)
      .filter((volume) => filters.get('driver')?.includes(volume.driver) ?? true)
      .filter((volume) => matchesLabels(filters, 'label', volume.labels))
      .filter((volume) => dangling?.some((wanted) => wanted !== volume.inUse) ?? true);
    const swarm = node.role === 'manager' ? listClusterVolumes(ctx.state) : [];
    const rows = [
      ...local.map((volume) => ({ name: volume.name, row: volumeRow(volume) })),
      ...swarm.map((volume) => ({ name: volume.spec.name, row: clusterRow(volume) })),
    ].sort((a, b) => compareNatural(a.name, b.name));
    const format = lastValue<string>(parsed, 'format') ?? '';
    const quiet = lastValue<boolean>(parsed, 'quiet') ?? false;
    const table = format === '' || format === 'table';
    let template = table ? (quiet ? '{{.Name}}' : TABLE) : format;
    if (cluster) template = quiet ? '{{.Name}}' : CLUSTER_TABLE;
    return printRows(template, rows.map((entry) => entry.row), TITLES);
  },
};

/**
 * `docker ps`'s MOUNTS column for a task's container: each bind source or volume name (tmpfs
 * mounts are left out), shortened to 15 characters unless `--no-trunc`.
 */
export function containerMountNames(task: Task, trunc: boolean): string {
  return (task.spec.container.mounts ?? [])
    .filter((mount) => mount.type === 'bind' || mount.type === 'volume')
    .map((mount) => {
      const anonymous = mount.type === 'volume' && mount.source === '';
      return anonymous ? anonymousVolumeName(task, mount) : mount.source;
    })
    .map((name) => (trunc ? ellipsis(name, 15) : name))
    .join(',');
}

/** `docker ps`'s LOCAL VOLUMES column: the container's volumes of the `local` driver. */
export function localVolumeCount(task: Task): number {
  const mounts = task.spec.container.mounts ?? [];
  const driver = (mount: Mount) => mount.volumeOptions?.driver?.name || 'local';
  return mounts.filter((mount) => mount.type === 'volume' && driver(mount) === 'local').length;
}
