/**
 * `docker ps` (`docker container ls`) on the session's node: the containers of the tasks
 * assigned there. A task has a container once it was prepared (state READY); the container runs
 * from the task's RUNNING until its terminal state, and is removed with the task from the store.
 * Beside them the engine's standalone containers (`docker run`, container-standalone-row.ts).
 * Containers are listed newest first, running ones only unless `-a`.
 */
import { imageConfigFor } from '../agent/image-config.js';
import { quoteGo } from '../api/go-format.js';
import type { ClusterState } from '../model/state.js';
import { tasksOnNode } from '../model/state.js';
import { humanDuration, SIM_EPOCH_UNIX_MS, unixSecondsAt } from './clock.js';
import { failure, type CommandOutput, type DockerCommand } from './command.js';
import { containerId } from './engine-ids.js';
import { standaloneEntries, type PsEntry } from './container-standalone-row.js';
import { sessionHost } from './image-store.js';
import { boolFlag, stringFlag, unsupportedFlag } from './flag-kinds.js';
import { lastValue, type FlagDef } from './flags.js';
import { LIST_FORMAT_HELP } from './help-texts.js';
import { containerImage, truncateId } from './image-display.js';
import { taggedImage } from './image-resolve.js';
import { filterFlag, filtersOf, invalidFilter, listFormat, printRows } from './list-support.js';
import { createdServiceName, ellipsis, fullTaskName } from './task-rows.js';
import { formatGoTimeSeconds } from './template/go-time.js';
import { containerMountNames, localVolumeCount } from './volume-ls.js';
import { GoNil, GoStruct } from './template/values.js';
import { goTimeAt } from './clock.js';
import {
  containerCommand,
  containerPorts,
  containerState,
  type ContainerView,
} from './container-view.js';

const TABLE =
  'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
const TITLES = {
  ID: 'CONTAINER ID',
  Names: 'NAMES',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  LocalVolumes: 'LOCAL VOLUMES',
  Networks: 'NETWORKS',
  Platform: 'PLATFORM',
};

/** The states `--filter status=` accepts (moby's container.IsValidStateString). */
const CONTAINER_STATES = [
  'paused',
  'restarting',
  'removing',
  'running',
  'dead',
  'created',
  'exited',
];

/** pflag's IntVar: strconv.ParseInt(text, 0, 64). */
function intFlag(name: string, short: string): FlagDef {
  return {
    name,
    short,
    parse(raw) {
      const match = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/.exec(raw);
      if (!match) return { error: `strconv.ParseInt: parsing ${quoteGo(raw)}: invalid syntax` };
      const value = Number(match[2]!.replace(/^0[oO]/, '0o'));
      return { value: match[1] === '-' ? -value : value };
    },
  };
}

const FLAGS = [
  boolFlag('all', 'a'),
  filterFlag(),
  stringFlag('format'),
  intFlag('last', 'n'),
  boolFlag('latest', 'l'),
  boolFlag('no-trunc'),
  boolFlag('quiet', 'q'),
  unsupportedFlag('size', { bool: true, short: 's' }),
];

const HELP = {
  aliases: 'docker container ls, docker container list, docker container ps, docker ps',
  options:
    '  -a, --all             Show all containers (default shows just running)\n' +
    '  -f, --filter filter   Filter output based on conditions provided\n' +
    LIST_FORMAT_HELP +
    '  -n, --last int        Show n last created containers (includes all\n' +
    '                        states) (default -1)\n' +
    '  -l, --latest          Show the latest created container (includes all\n' +
    '                        states)\n' +
    "      --no-trunc        Don't truncate output\n" +
    '  -q, --quiet           Only display container IDs\n' +
    '  -s, --size            Display total file sizes\n',
};

function runPs(
  ctx: { state: ClusterState; now: number },
  parsed: Parameters<DockerCommand['run']>[1],
  nodeId: string,
  host: string,
): CommandOutput {
  const filters = filtersOf(parsed);
  const invalid = invalidFilter(filters, [
    'ancestor',
    'before',
    'exited',
    'expose',
    'health',
    'id',
    'isolation',
    'is-task',
    'label',
    'name',
    'network',
    'publish',
    'since',
    'status',
    'volume',
  ]);
  if (invalid) return failure(invalid);
  let last = lastValue<number>(parsed, 'last') ?? -1;
  if ((lastValue<boolean>(parsed, 'latest') ?? false) && last === -1) last = 1;
  const statuses = filters.get('status');
  const badStatus = statuses?.find((status) => !CONTAINER_STATES.includes(status));
  if (badStatus !== undefined) {
    return failure(`Error response from daemon: Invalid filter 'status=${badStatus}'`);
  }
  // A status filter lists stopped containers too, as the daemon does.
  const all = (lastValue<boolean>(parsed, 'all') ?? false) || last > 0 || statuses !== undefined;
  const noTrunc = lastValue<boolean>(parsed, 'no-trunc') ?? false;
  let entries = psEntries(ctx, nodeId, host, !noTrunc);
  entries = entries.filter((entry) => all || entry.state === 'running');
  if (statuses) entries = entries.filter((entry) => statuses.includes(entry.state));
  const names = filters.get('name');
  if (names) entries = entries.filter((entry) => names.some((name) => entry.name.includes(name)));
  const ids = filters.get('id');
  if (ids) entries = entries.filter((entry) => ids.some((id) => entry.id.startsWith(id)));
  if (last > 0) entries = entries.slice(0, last);
  const format = listFormat(parsed, { table: TABLE });
  return printRows(format, entries.map((entry) => entry.row()), TITLES);
}

/** The engine's containers, newest first: the tasks' on its node and its standalone ones. */
function psEntries(
  ctx: { state: ClusterState; now: number },
  nodeId: string,
  host: string,
  trunc: boolean,
): PsEntry[] {
  const tasks = tasksOnNode(ctx.state, nodeId)
    .map((task) => containerState(task))
    .filter((view): view is ContainerView => view !== null)
    .map((view) => ({
      createdAt: view.createdAt,
      key: view.task.id,
      id: containerId(view.task.id),
      name: fullTaskName(ctx.state, view.task),
      state: view.state,
      row: () => containerRow(ctx.state, ctx.now, view, trunc),
    }));
  const standalone = standaloneEntries(ctx, host, trunc);
  // Newest first. At the same virtual instant (the daemon's clock has nanoseconds): standalone
  // containers by creation order, then tasks by ID, as a stable stand-in ('~' sorts last).
  return [...tasks, ...standalone].sort(
    (a, b) => b.createdAt - a.createdAt || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0),
  );
}

/** `docker ps` */
export const containerPs: DockerCommand = {
  path: ['ps'],
  use: 'ps [OPTIONS]',
  short: 'List containers',
  help: HELP,
  flags: FLAGS,
  args: { none: true },
  run: (ctx, parsed, session) => runPs(ctx, parsed, session.nodeId, sessionHost(ctx, session)),
};

/** `docker container ls` (also `list` and `ps`) */
export const containerLs: DockerCommand = {
  ...containerPs,
  path: ['container', 'ls'],
  aliases: ['ps', 'list'],
  use: 'ls [OPTIONS]',
};

function containerRow(
  state: ClusterState,
  now: number,
  view: ContainerView,
  trunc: boolean,
): GoStruct {
  const task = view.task;
  const container = task.spec.container;
  // A built or pushed image brings its own CMD and EXPOSE (src/agent/image-config.ts).
  const config = imageConfigFor(state, task.nodeId, container.image);
  const command = containerCommand(task, config);
  // The engine's executor creates the container from the spec's image with a tag always set.
  const image = taggedImage(container.image);
  const created = unixSecondsAt(view.createdAt);
  const age = SIM_EPOCH_UNIX_MS + now - created * 1000;
  const labels = {
    'com.docker.swarm.node.id': task.nodeId,
    'com.docker.swarm.service.id': task.serviceId,
    'com.docker.swarm.service.name': createdServiceName(state, task),
    'com.docker.swarm.task': '',
    'com.docker.swarm.task.id': task.id,
    'com.docker.swarm.task.name': fullTaskName(state, task),
  };
  const id = containerId(task.id);
  return new GoStruct(
    '*formatter.ContainerContext',
    [
      { name: 'ID', value: trunc ? truncateId(id) : id },
      { name: 'Names', value: fullTaskName(state, task) },
      { name: 'Image', value: trunc ? containerImage(image) : image },
      { name: 'Command', value: quoteGo(trunc ? ellipsis(command, 20) : command) },
      {
        name: 'CreatedAt',
        value: formatGoTimeSeconds(goTimeAt(created * 1000 - SIM_EPOCH_UNIX_MS)),
      },
      { name: 'RunningFor', value: `${humanDuration(age)} ago` },
      { name: 'Ports', value: containerPorts(task, config) },
      { name: 'State', value: view.state },
      { name: 'Status', value: view.status(now) },
      { name: 'Size', value: '0B' },
      {
        name: 'Labels',
        value: Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .sort()
          .join(','),
      },
      { name: 'Mounts', value: containerMountNames(task, trunc) },
      { name: 'LocalVolumes', value: String(localVolumeCount(task)) },
      {
        name: 'Networks',
        value: task.endpoint.ports.some((p) => p.publishMode === 'ingress') ? 'ingress' : 'bridge',
      },
      { name: 'Platform', value: new GoNil('*formatter.Platform') },
    ],
    true,
  );
}
