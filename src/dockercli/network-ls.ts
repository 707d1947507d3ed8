/**
 * `docker network ls` on the session's node: the swarm's `ingress` overlay (it exists on every
 * node of a swarm) and the node's local networks (`bridge`, `docker_gwbridge`, `host`, `none`),
 * sorted by name. IDs are derived from the cluster and node IDs, so they are stable for a seed.
 * User-defined overlay networks are not simulated.
 */
import { goTimeAt } from './clock.js';
import { failure, type DockerCommand } from './command.js';
import { ingressNetworkId, localNetworkId } from './engine-ids.js';
import { boolFlag, stringFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { LIST_FORMAT_HELP } from './help-texts.js';
import {
  filterFlag,
  filtersOf,
  invalidFilter,
  listFormat,
  matchesPrefix,
  printRows,
} from './list-support.js';
import { formatGoTime } from './template/go-time.js';
import { GoStruct } from './template/values.js';

const TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';
const TITLES = {
  ID: 'NETWORK ID',
  Name: 'NAME',
  Driver: 'DRIVER',
  Scope: 'SCOPE',
  IPv4: 'IPV4',
  IPv6: 'IPV6',
  Internal: 'INTERNAL',
  Labels: 'LABELS',
  CreatedAt: 'CREATED AT',
};

const LOCAL_NETWORKS = [
  { name: 'bridge', driver: 'bridge' },
  { name: 'docker_gwbridge', driver: 'bridge' },
  { name: 'host', driver: 'host' },
  { name: 'none', driver: 'null' },
];

/** `docker network ls` */
export const networkLs: DockerCommand = {
  path: ['network', 'ls'],
  aliases: ['list'],
  use: 'ls [OPTIONS]',
  short: 'List networks',
  help: {
    aliases: 'docker network ls, docker network list',
    options:
      '  -f, --filter filter   Provide filter values (e.g. "driver=bridge")\n' +
      LIST_FORMAT_HELP +
      '      --no-trunc        Do not truncate the output\n' +
      '  -q, --quiet           Only display network IDs\n',
  },
  flags: [filterFlag(), stringFlag('format'), boolFlag('no-trunc'), boolFlag('quiet', 'q')],
  args: { none: true },
  run(ctx, parsed, session) {
    const node = ctx.state.nodes[session.nodeId];
    if (!node) return failure(`swarmsim: node ${session.nodeId} is not in the swarm`);
    const filters = filtersOf(parsed);
    const invalid = invalidFilter(filters, [
      'dangling',
      'driver',
      'id',
      'label',
      'name',
      'scope',
      'type',
    ]);
    if (invalid) return failure(invalid);
    const trunc = !(lastValue<boolean>(parsed, 'no-trunc') ?? false);
    const networks = [
      ...LOCAL_NETWORKS.map((net) => ({
        ...net,
        id: localNetworkId(node.id, net.name),
        scope: 'local',
      })),
      { name: 'ingress', driver: 'overlay', id: ingressNetworkId(ctx.state), scope: 'swarm' },
    ]
      .filter((net) => matchesPrefix(filters, 'id', net.id))
      .filter((net) => filters.get('name')?.some((name) => net.name.includes(name)) ?? true)
      .filter((net) => filters.get('driver')?.includes(net.driver) ?? true)
      .filter((net) => filters.get('scope')?.includes(net.scope) ?? true)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const rows = networks.map(
      (net) =>
        new GoStruct(
          '*formatter.networkContext',
          [
            { name: 'ID', value: trunc ? net.id.slice(0, 12) : net.id },
            { name: 'Name', value: net.name },
            { name: 'Driver', value: net.driver },
            { name: 'Scope', value: net.scope },
            { name: 'IPv4', value: 'false' },
            { name: 'IPv6', value: 'false' },
            { name: 'Internal', value: 'false' },
            { name: 'Labels', value: '' },
            { name: 'CreatedAt', value: formatGoTime(goTimeAt(node.createdAt)) },
          ],
          true,
        ),
    );
    return printRows(listFormat(parsed, { table: TABLE }), rows, TITLES);
  },
};
