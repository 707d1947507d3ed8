/**
 * `docker info` on the session's node. The Swarm section is computed from the simulation (node
 * ID, role, cluster ID, manager and node counts, task history limit, heartbeat period, manager
 * addresses); container counts come from the node's tasks. The rest describes a plausible
 * Debian engine with the node's engine version, CPUs and memory: the layout is the docker 28
 * client's, the fixed values (storage driver, kernel, runtimes) are swarmsim's choice.
 * `--format` sees a subset of the Engine API's Info fields (listed in `infoObject`).
 * On a machine outside the swarm (the shell's laptop before `docker swarm init`, or a machine
 * that left) it prints the engine's `Swarm: inactive` form for that machine.
 */
import type { ClusterState } from '../model/state.js';
import { listNodes, tasksOnNode } from '../model/state.js';
import type { Node } from '../model/types.js';
import { bytesSize, humanDuration } from './clock.js';
import { sessionEngine, type DockerCommand } from './command.js';
import { containerState } from './container-view.js';
import { swarmId } from './engine-ids.js';
import { stringFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { INSPECT_FORMAT_HELP } from './help-texts.js';
import {
  compileTemplate,
  runTemplate,
  TemplateError,
  templateErrorText,
} from './template/index.js';
import { GoNil, GoStruct } from './template/values.js';
import { enginePlugins } from '../model/factory.js';
import { pluginsByType } from './node-object.js';

/** `docker info` */
export const systemInfo: DockerCommand = {
  path: ['info'],
  use: 'info [OPTIONS]',
  short: 'Display system-wide information',
  help: { aliases: 'docker system info, docker info', options: INSPECT_FORMAT_HELP },
  flags: [stringFlag('format', 'f')],
  args: { none: true },
  run(ctx, parsed, session) {
    const engine = sessionEngine(ctx, session);
    if ('exitCode' in engine) return engine;
    const { node, inSwarm } = engine;
    const format = lastValue<string>(parsed, 'format') ?? '';
    if (format === '') {
      return { stdout: infoText(ctx.state, node, inSwarm), stderr: '', exitCode: 0 };
    }
    try {
      const template = compileTemplate(format === 'json' ? '{{json .}}' : format);
      return {
        stdout: `${runTemplate(template, infoObject(ctx.state, node, inSwarm))}\n`,
        stderr: '',
        exitCode: 0,
      };
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      const parseError = error.partial === undefined;
      return {
        stdout: parseError ? '' : `${error.partial}\n`,
        stderr: `${parseError ? templateErrorText(error) : error.message}\n`,
        exitCode: parseError ? 64 : 1,
      };
    }
  },
};

interface Counts {
  total: number;
  running: number;
  stopped: number;
}

function containerCounts(state: ClusterState, node: Node): Counts {
  const views = tasksOnNode(state, node.id)
    .map(containerState)
    .filter((view) => view !== null);
  const running = views.filter((view) => view.state === 'running').length;
  return { total: views.length, running, stopped: views.length - running };
}

function managers(state: ClusterState): Node[] {
  return listNodes(state).filter((node) => node.managerStatus !== null);
}

function infoObject(state: ClusterState, node: Node, inSwarm: boolean): GoStruct {
  const counts = containerCounts(state, node);
  const swarm = inSwarm ? swarmObject(state, node) : inactiveSwarmObject();
  return systemObject(node, counts, swarm);
}

/**
 * Whether the node runs a manager that answers cluster calls (moby `IsActiveManager`). A manager
 * a forced new cluster removed from raft has stopped its manager until it rejoins: its engine
 * reports what a worker's does (recorded: `active managers=0 nodes=0 control=false err=`).
 */
function isActiveManager(node: Node): boolean {
  return node.role === 'manager' && node.managerStatus !== null;
}

/** `Info.Swarm` of a member node. */
function swarmObject(state: ClusterState, node: Node): GoStruct {
  const isManager = isActiveManager(node);
  // moby fills the cluster part only from an active manager's control API.
  const cluster = isManager
    ? new GoStruct('*swarm.ClusterInfo', [{ name: 'ID', value: state.cluster?.id ?? '' }])
    : new GoNil('*swarm.ClusterInfo');
  return new GoStruct('swarm.Info', [
    { name: 'NodeID', value: node.id },
    { name: 'NodeAddr', value: node.status.addr },
    { name: 'LocalNodeState', value: 'active' },
    { name: 'ControlAvailable', value: isManager },
    { name: 'Error', value: '' },
    { name: 'Nodes', value: isManager ? state.nodeIds.length : 0 },
    { name: 'Managers', value: isManager ? managers(state).length : 0 },
    { name: 'Cluster', value: cluster },
  ]);
}

/** `Info.Swarm` of an engine outside any swarm. */
function inactiveSwarmObject(): GoStruct {
  return new GoStruct('swarm.Info', [
    { name: 'NodeID', value: '' },
    { name: 'NodeAddr', value: '' },
    { name: 'LocalNodeState', value: 'inactive' },
    { name: 'ControlAvailable', value: false },
    { name: 'Error', value: '' },
    { name: 'Nodes', value: 0 },
    { name: 'Managers', value: 0 },
    { name: 'Cluster', value: new GoNil('*swarm.ClusterInfo') },
  ]);
}

function systemObject(node: Node, counts: Counts, swarm: GoStruct): GoStruct {
  return new GoStruct('system.Info', [
    { name: 'ID', value: swarmId(`${node.id}/engine`) },
    { name: 'Containers', value: counts.total },
    { name: 'ContainersRunning', value: counts.running },
    { name: 'ContainersPaused', value: 0 },
    { name: 'ContainersStopped', value: counts.stopped },
    { name: 'Images', value: Math.max(1, node.images.length) },
    { name: 'Driver', value: 'overlay2' },
    { name: 'KernelVersion', value: '6.1.0-swarmsim' },
    { name: 'OperatingSystem', value: 'Debian GNU/Linux 12 (bookworm)' },
    { name: 'OSType', value: node.description.platform.os },
    { name: 'Architecture', value: node.description.platform.architecture },
    { name: 'NCPU', value: Math.trunc(node.description.resources.nanoCPUs / 1e9) },
    { name: 'MemTotal', value: node.description.resources.memoryBytes },
    { name: 'Name', value: node.description.hostname },
    { name: 'ServerVersion', value: node.description.engineVersion },
    { name: 'Swarm', value: swarm },
  ]);
}

function infoText(state: ClusterState, node: Node, inSwarm: boolean): string {
  const counts = containerCounts(state, node);
  // The node's own engine plugins (a scenario may add some), as `node inspect` shows them.
  const groups = pluginsByType(enginePlugins(node));
  const plugin = (type: string) => groups.find((p) => p.type === type)?.names.join(' ') ?? '';
  const lines = [
    'Client:',
    ' Version:    28.2.2',
    ' Context:    default',
    ' Debug Mode: false',
    '',
    'Server:',
    ` Containers: ${counts.total}`,
    `  Running: ${counts.running}`,
    '  Paused: 0',
    `  Stopped: ${counts.stopped}`,
    ` Images: ${Math.max(1, node.images.length)}`,
    ` Server Version: ${node.description.engineVersion}`,
    ' Storage Driver: overlay2',
    '  Backing Filesystem: extfs',
    '  Supports d_type: true',
    '  Native Overlay Diff: true',
    '  userxattr: false',
    ' Logging Driver: json-file',
    ' Cgroup Driver: cgroupfs',
    ' Cgroup Version: 1',
    ' Plugins:',
    `  Volume: ${plugin('Volume')}`,
    `  Network: ${plugin('Network')}`,
    `  Log: ${plugin('Log')}`,
    ...(inSwarm ? [' Swarm: active', ...swarmLines(state, node)] : [' Swarm: inactive']),
    ' Runtimes: io.containerd.runc.v2 io.containerd.runtime.v1.linux runc',
    ' Default Runtime: runc',
    ' Init Binary: docker-init',
    ' containerd version: 1.6.20',
    ' runc version: 1.1.5',
    ' init version: ',
    ' Security Options:',
    '  seccomp',
    '   Profile: default',
    ' Kernel Version: 6.1.0-swarmsim',
    ' Operating System: Debian GNU/Linux 12 (bookworm)',
    ` OSType: ${node.description.platform.os}`,
    ` Architecture: ${node.description.platform.architecture}`,
    ` CPUs: ${Math.trunc(node.description.resources.nanoCPUs / 1e9)}`,
    ` Total Memory: ${bytesSize(node.description.resources.memoryBytes)}`,
    ` Name: ${node.description.hostname}`,
    ` ID: ${engineId(node)}`,
    ' Docker Root Dir: /var/lib/docker',
    ' Debug Mode: false',
    ' Experimental: false',
    ' Insecure Registries:',
    '  127.0.0.0/8',
    ' Live Restore Enabled: false',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/** The engine's `ID`: twelve colon-separated groups of four characters, derived from the node. */
function engineId(node: Node): string {
  const raw = (swarmId(`${node.id}/engine-a`) + swarmId(`${node.id}/engine-b`)).toUpperCase();
  return Array.from({ length: 12 }, (_, i) => raw.slice(i * 4, i * 4 + 4)).join(':');
}

function swarmLines(state: ClusterState, node: Node): string[] {
  const isManager = isActiveManager(node);
  const lines = [`  NodeID: ${node.id}`, `  Is Manager: ${isManager}`];
  if (isManager) {
    const cluster = state.cluster;
    lines.push(
      `  ClusterID: ${cluster?.id ?? ''}`,
      `  Managers: ${managers(state).length}`,
      `  Nodes: ${state.nodeIds.length}`,
      '  Data Path Port: 4789',
      '  Orchestration:',
      `   Task History Retention Limit: ${cluster?.taskHistoryRetentionLimit ?? 5}`,
      '  Raft:',
      '   Snapshot Interval: 10000',
      '   Number of Old Snapshots to Retain: 0',
      '   Heartbeat Tick: 1',
      '   Election Tick: 10',
      '  Dispatcher:',
      `   Heartbeat Period: ${humanDuration(cluster?.heartbeatPeriodMs ?? 5000)}`,
      '  CA Configuration:',
      '   Expiry Duration: 3 months',
      '   Force Rotate: 0',
      '  Autolock Managers: false',
      '  Root Rotation In Progress: false',
    );
  }
  const addresses = managers(state)
    .map((manager) => manager.managerStatus!.addr)
    .sort();
  lines.push(
    `  Node Address: ${node.status.addr}`,
    '  Manager Addresses:',
    ...addresses.map((a) => `   ${a}`),
  );
  return lines;
}
