/**
 * What a node's engine checks in a task's mounts (SWARM.md 7.2 for the rejection flow):
 *
 * - When the agent first resolves the task, moby's executor validates the mounts
 *   (`daemon/cluster/executor/container/validate.go`): a relative target, a relative bind source,
 *   an absolute volume source or a tmpfs source makes the task REJECTED at once with the message
 *   `resolving controller failed`.
 * - When the container is created (PREPARING), the engine refuses a bind source that does not
 *   exist on the node, and a named pipe on Linux: REJECTED, message `preparing`. The texts are
 *   those recorded on a real engine (test/fixtures/real-docker/mounts).
 *
 * - A `type=cluster` mount needs its CSI volume ready on the node before the container is
 *   created (moby `executor/container/controller.go` Prepare, waitClusterVolumes): published
 *   to the node by the manager and staged by the node's own plugin. The task waits in
 *   PREPARING, up to 5 minutes, then is REJECTED with `context deadline exceeded`. Only the
 *   volumes the scheduler attached to the task are awaited (Task.volumes). moby waits before
 *   the pull; swarmsim checks when the container is due, after it, then creates it (so a bind
 *   source missing too is refused after the wait).
 *
 * This file only decides (pure functions of the task, its node and the store); the task driver
 * (task-driver.ts) waits and reports the outcomes through the agent's status path.
 *
 * swarmsim has no file system: every node has the fixed set of host paths below (a usual Linux
 * Docker host, the Docker socket included, so the classic visualizer mount works), plus the
 * paths its scenario declares (Node.hostPaths). A path exists when it is one of those or a
 * directory above one of them; nothing else exists, even inside /tmp or /etc.
 */
import type { ClusterState } from '../model/state.js';
import type { Mount, Node, Task } from '../model/types.js';

/** How long the executor waits for a task's cluster volumes (moby's 5-minute context). */
export const CLUSTER_VOLUME_WAIT_MS = 5 * 60_000;
/** How often the wait looks again (the executor spins; swarmsim looks once a second). */
export const CLUSTER_VOLUME_POLL_MS = 1000;

/** Host paths every simulated node has. */
export const DEFAULT_HOST_PATHS: readonly string[] = [
  '/', '/bin', '/boot', '/dev', '/dev/null', '/dev/shm', '/etc', '/etc/hostname', '/etc/hosts',
  '/etc/localtime', '/etc/passwd', '/etc/group', '/etc/resolv.conf', '/etc/ssl', '/home', '/lib',
  '/media', '/mnt', '/opt', '/proc', '/root', '/run', '/run/docker.sock', '/sbin', '/srv', '/sys',
  '/sys/fs/cgroup', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local', '/usr/local/bin',
  '/usr/share', '/var', '/var/lib', '/var/lib/docker', '/var/lib/docker/volumes', '/var/log',
  '/var/run', '/var/run/docker.sock', '/var/tmp',
];

/** The path with `.`, `..`, repeated and trailing slashes resolved, as the kernel walks it. */
export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** Whether absolute `path` exists on `node`. */
export function hostPathExists(node: Pick<Node, 'hostPaths'>, path: string): boolean {
  const wanted = cleanPath(path);
  const known = [...DEFAULT_HOST_PATHS, ...(node.hostPaths ?? [])].map(cleanPath);
  return known.some((known) => known === wanted || known.startsWith(`${wanted}/`));
}

/** The executor's check of one mount; null when it passes. */
function resolveError(mount: Mount): string | null {
  if (!mount.target.startsWith('/') && mount.type !== 'npipe') {
    return `invalid mount target, must be an absolute path: ${mount.target}`;
  }
  switch (mount.type) {
    case 'bind':
      return mount.source.startsWith('/')
        ? null
        : `invalid bind mount source, must be an absolute path: ${mount.source}`;
    case 'volume':
      return mount.source.startsWith('/')
        ? `invalid volume mount source, must not be an absolute path: ${mount.source}`
        : null;
    case 'tmpfs':
      return mount.source === '' ? null : 'invalid tmpfs source, source must be empty';
    case 'npipe':
      return mount.source === '' ? 'invalid npipe source, source must not be empty' : null;
    case 'cluster':
      return null;
    default:
      return `invalid mount type: ${String(mount.type)}`;
  }
}

/** Why the node's executor refuses the task's mounts (first failing mount), or null. */
export function mountResolveError(task: Task): string | null {
  for (const mount of task.spec.container.mounts ?? []) {
    const error = resolveError(mount);
    if (error !== null) return error;
  }
  return null;
}

/** Why the engine cannot create the task's container on `node` because of a mount, or null. */
export function mountCreateError(node: Pick<Node, 'hostPaths'>, task: Task): string | null {
  for (const mount of task.spec.container.mounts ?? []) {
    if (mount.type === 'bind' && !hostPathExists(node, mount.source)) {
      const config = 'invalid mount config for type "bind"';
      return `${config}: bind source path does not exist: ${mount.source}`;
    }
    if (mount.type === 'npipe') return 'invalid mount config for type "npipe": mount type unknown';
  }
  return null;
}

/** Whether each cluster volume of `task` is published to its node, which runs the plugin. */
export function clusterVolumesReady(state: ClusterState, task: Task): boolean {
  const plugins = state.nodes[task.nodeId]?.description.csiPlugins ?? [];
  return (task.volumes ?? []).every((attachment) => {
    const volume = state.clusterVolumes?.[attachment.id];
    if (!volume || !plugins.some((plugin) => plugin.name === volume.spec.driver.name)) {
      return false;
    }
    return volume.publishStatus.some(
      (status) => status.nodeId === task.nodeId && status.state === 'published',
    );
  });
}
