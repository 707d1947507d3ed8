/**
 * `docker network ls` on the session's node: the networks its engine knows (network-view.ts),
 * sorted by name. Predefined local networks' IDs are derived from the node ID, so they are
 * stable for a seed; swarm and created networks carry their own.
 */
import { goTimeAt } from './clock.js';
import { type DockerCommand, failure, sessionEngine } from './command.js';
import { boolFlag, stringFlag } from './flag-kinds.js';
import { lastValue } from './flags.js';
import { LIST_FORMAT_HELP } from './help-texts.js';
import {
  filterFlag,
  filtersOf,
  invalidFilter,
  listFormat,
  matchesLabels,
  matchesPrefix,
  printRows,
} from './list-support.js';
import { nodeNetworks, type NetworkView } from './network-view.js';
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
    const engine = sessionEngine(ctx, session);
    if ('exitCode' in engine) return engine;
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
    const networks = nodeNetworks(ctx.state, engine.node)
      .filter((net) => matchesPrefix(filters, 'id', net.id))
      .filter((net) => filters.get('name')?.some((name) => net.name.includes(name)) ?? true)
      .filter((net) => filters.get('driver')?.includes(net.driver) ?? true)
      .filter((net) => filters.get('scope')?.includes(net.scope) ?? true)
      .filter((net) => matchesLabels(filters, 'label', net.network?.labels ?? {}))
      .filter((net) => filters.get('type')?.includes(net.network ? 'custom' : 'builtin') ?? true);
    const rows = networks.map((net) => networkRow(net, trunc));
    return printRows(listFormat(parsed, { table: TABLE }), rows, TITLES);
  },
};

function networkRow(net: NetworkView, trunc: boolean): GoStruct {
  const labels = net.network?.labels ?? {};
  const labelText = Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
  return new GoStruct(
    '*formatter.networkContext',
    [
      { name: 'ID', value: trunc ? net.id.slice(0, 12) : net.id },
      { name: 'Name', value: net.name },
      { name: 'Driver', value: net.driver },
      { name: 'Scope', value: net.scope },
      { name: 'IPv4', value: 'false' },
      { name: 'IPv6', value: 'false' },
      { name: 'Internal', value: String(net.network?.internal ?? false) },
      { name: 'Labels', value: labelText },
      { name: 'CreatedAt', value: formatGoTime(goTimeAt(net.createdAt)) },
    ],
    true,
  );
}
