/**
 * `docker node ls`, `docker node inspect` and `docker node ps`. `node inspect` and `node ps`
 * accept `self` for the node the command runs on (the CLI looks it up in `docker info`).
 */
import { isApiError } from '../api/errors.js';
import { findNode } from '../api/lookup.js';
import { compareNatural } from '../model/natural-sort.js';
import type { ClusterState } from '../model/state.js';
import { tasksOnNode } from '../model/state.js';
import type { Node, Task } from '../model/types.js';
import { daemonErrorLine, failure, type DockerCommand, type DockerSession } from './command.js';
import { managerGate } from './daemon.js';
import { boolFlag, stringFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { INSPECT_FORMAT_HELP, LIST_FORMAT_HELP } from './help-texts.js';
import { inspectObjects, LookupFailure } from './inspect-support.js';
import {
  filterFlag,
  filtersOf,
  invalidFilter,
  listFormat,
  matchesLabels,
  matchesPrefix,
  printRows,
  type Filters,
} from './list-support.js';
import { nodeObject, nodePretty, prettyPrint } from './node-object.js';
import { swarmTlsInfo } from './swarm-ca.js';
import {
  printParsedTasks,
  selectTasks,
  taskListFlags,
  TASK_LIST_OPTIONS_HELP,
} from './service-ps.js';
import { GoStruct } from './template/values.js';

const NODE_TABLE =
  'table {{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t' +
  '{{.ManagerStatus}}\t{{.EngineVersion}}';
const NODE_RAW = {
  normal:
    'node_id: {{.ID}}\\nhostname: {{.Hostname}}\\nstatus: {{.Status}}\\n' +
    'availability: {{.Availability}}\\nmanager_status: {{.ManagerStatus}}\\n',
  quiet: 'node_id: {{.ID}}',
};
const NODE_TITLES = {
  ID: 'ID',
  Self: '',
  Hostname: 'HOSTNAME',
  Status: 'STATUS',
  Availability: 'AVAILABILITY',
  ManagerStatus: 'MANAGER STATUS',
  EngineVersion: 'ENGINE VERSION',
  TLSStatus: 'TLS STATUS',
};

/** `docker node ls` */
export const nodeLs: DockerCommand = {
  path: ['node', 'ls'],
  aliases: ['list'],
  use: 'ls [OPTIONS]',
  short: 'List nodes in the swarm',
  help: {
    aliases: 'docker node ls, docker node list',
    options:
      '  -f, --filter filter   Filter output based on conditions provided\n' +
      LIST_FORMAT_HELP +
      '  -q, --quiet           Only display IDs\n',
  },
  flags: [filterFlag(), stringFlag('format'), boolFlag('quiet', 'q')],
  args: { none: true },
  run(ctx, parsed, session) {
    const refused = managerGate(ctx, session);
    if (refused) return failure(daemonErrorLine(refused));
    const filters = filtersOf(parsed);
    const invalid = invalidFilter(filters, [
      'name',
      'id',
      'label',
      'role',
      'membership',
      'node.label',
    ]);
    if (invalid) return failure(invalid);
    for (const [name, allowed] of [
      ['role', ['manager', 'worker']],
      ['membership', ['accepted', 'pending']],
    ] as const) {
      const bad = filters
        .get(name)
        ?.find((v) => v !== '' && !(allowed as readonly string[]).includes(v.toLowerCase()));
      if (bad !== undefined)
        return failure(`Error response from daemon: Invalid ${name} filter: '${bad}'`);
    }
    const nodes = ctx.state.nodeIds
      .map((id) => ctx.state.nodes[id]!)
      .filter((node) => nodeMatches(node, filters))
      .sort((a, b) => compareNatural(a.description.hostname, b.description.hostname));
    const format = listFormat(parsed, { table: NODE_TABLE, raw: NODE_RAW });
    return printRows(
      format,
      nodes.map((node) => nodeRow(node, session)),
      NODE_TITLES,
    );
  },
};

function nodeMatches(node: Node, filters: Filters): boolean {
  const roles = (filters.get('role') ?? []).filter((v) => v !== '').map((v) => v.toLowerCase());
  const memberships = (filters.get('membership') ?? [])
    .filter((v) => v !== '')
    .map((v) => v.toLowerCase());
  return (
    matchesPrefix(filters, 'id', node.id) &&
    matchesPrefix(filters, 'name', node.description.hostname) &&
    matchesLabels(filters, 'label', node.description.engineLabels) &&
    matchesLabels(filters, 'node.label', node.labels) &&
    (roles.length === 0 || roles.includes(node.role)) &&
    (memberships.length === 0 || memberships.includes('accepted'))
  );
}

function nodeRow(node: Node, session: DockerSession): GoStruct {
  const manager = node.managerStatus;
  const managerStatus = manager ? (manager.leader ? 'Leader' : manager.reachability) : '';
  return new GoStruct(
    '*node.nodeContext',
    [
      { name: 'ID', value: node.id },
      { name: 'Self', value: node.id === session.nodeId },
      { name: 'Hostname', value: node.description.hostname },
      { name: 'Status', value: prettyPrint(node.status.state) },
      { name: 'Availability', value: prettyPrint(node.availability) },
      { name: 'ManagerStatus', value: prettyPrint(managerStatus) },
      { name: 'EngineVersion', value: node.description.engineVersion },
      { name: 'TLSStatus', value: 'Ready' },
    ],
    true,
  );
}

/** `self` is the session's node; anything else goes to the daemon's lookup. */
function lookUpNodeRef(state: ClusterState, session: DockerSession, ref: string): Node | string {
  const node = findNode(state, ref === 'self' ? session.nodeId : ref);
  return isApiError(node) ? daemonErrorLine(node) : node;
}

/** `docker node inspect [--pretty] [--format] self|NODE...` */
export const nodeInspect: DockerCommand = {
  path: ['node', 'inspect'],
  use: 'inspect [OPTIONS] self|NODE [NODE...]',
  short: 'Display detailed information on one or more nodes',
  help: {
    options:
      INSPECT_FORMAT_HELP +
      '      --pretty          Print the information in a human friendly format\n',
  },
  flags: [stringFlag('format', 'f'), boolFlag('pretty')],
  args: { atLeast: 1 },
  run(ctx, parsed, session) {
    const pretty = lastValue<boolean>(parsed, 'pretty') ?? false;
    const format = pretty ? 'pretty' : (lastValue<string>(parsed, 'format') ?? '');
    if (format.startsWith('pretty') && format !== 'pretty') {
      return failure('cannot supply extra formatting options to the pretty template');
    }
    const refused = managerGate(ctx, session);
    const find = (ref: string): Node | string =>
      refused ? daemonErrorLine(refused) : lookUpNodeRef(ctx.state, session, ref);
    const tls = ctx.state.cluster ? swarmTlsInfo(ctx.state.cluster) : null;
    if (format === 'pretty') {
      const pages: string[] = [];
      for (const ref of parsed.args) {
        const node = find(ref);
        if (typeof node === 'string') return failure(node);
        pages.push(`${nodePretty(node, tls)}\n`);
      }
      return { stdout: pages.join(''), stderr: '', exitCode: 0 };
    }
    return inspectObjects(parsed.args, format, (ref) => {
      const node = find(ref);
      return typeof node === 'string' ? new LookupFailure(node) : nodeObject(node, tls);
    });
  },
};

/** `docker node ps [NODE...]`: the tasks on the nodes, `self` by default. */
export const nodePs: DockerCommand = {
  path: ['node', 'ps'],
  use: 'ps [OPTIONS] [NODE...]',
  short: 'List tasks running on one or more nodes, defaults to current node',
  help: {
    options: TASK_LIST_OPTIONS_HELP,
  },
  flags: taskListFlags(),
  args: { atLeast: 0 },
  run(ctx, parsed, session) {
    const refs = parsed.args.length > 0 ? parsed.args : ['self'];
    const errors: string[] = [];
    const tasks: Task[] = [];
    const refused = managerGate(ctx, session);
    for (const ref of refs) {
      const node = refused ? daemonErrorLine(refused) : lookUpNodeRef(ctx.state, session, ref);
      if (typeof node === 'string') {
        errors.push(node);
        continue;
      }
      const selected = selectTasks(
        ctx.state,
        session,
        filtersOf(parsed),
        tasksOnNode(ctx.state, node.id),
      );
      if (typeof selected === 'string') errors.push(selected);
      else tasks.push(...selected);
    }
    let out = { stdout: '', stderr: '', exitCode: 0 };
    if (errors.length === 0 || tasks.length > 0)
      out = printParsedTasks(ctx.state, ctx.now, tasks, parsed);
    if (out.exitCode !== 0) errors.push(out.stderr.replace(/\n$/, ''));
    if (errors.length === 0) return out;
    return { stdout: out.stdout, stderr: `${errors.join('\n')}\n`, exitCode: 1 };
  },
};
