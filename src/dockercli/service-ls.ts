/**
 * `docker service ls`: one row per service, sorted by name in natural order. REPLICAS is
 * `running/desired` as the daemon's ListServiceStatuses counts them: running is every task
 * observed RUNNING whatever its desired state (so `4/3` during a start-first update), desired is
 * the replica count, or for a global service the tasks whose desired state is RUNNING.
 */
import { compareNatural } from '../model/natural-sort.js';
import { formatReplicas, modeName, replicaCount } from '../model/queries.js';
import type { ClusterState } from '../model/state.js';
import type { PortConfig, Service } from '../model/types.js';
import { daemonErrorLine, failure, type DockerCommand } from './command.js';
import { managerGate } from './daemon.js';
import { boolFlag, stringFlag } from './flag-kinds.js';
import { LIST_FORMAT_HELP } from './help-texts.js';
import { displayImage, truncateId } from './image-display.js';
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
import { GoStruct } from './template/values.js';

const TABLE = 'table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}';
const RAW =
  'id: {{.ID}}\\nname: {{.Name}}\\nmode: {{.Mode}}\\nreplicas: {{.Replicas}}\\n' +
  'image: {{.Image}}\\nports: {{.Ports}}\\n';
const TITLES = {
  ID: 'ID',
  Name: 'NAME',
  Mode: 'MODE',
  Replicas: 'REPLICAS',
  Image: 'IMAGE',
  Ports: 'PORTS',
};

/** `docker service ls` */
export const serviceLs: DockerCommand = {
  path: ['service', 'ls'],
  aliases: ['list'],
  use: 'ls [OPTIONS]',
  short: 'List services',
  help: {
    aliases: 'docker service ls, docker service list',
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
    const invalid = invalidFilter(filters, ['id', 'label', 'mode', 'name', 'runtime']);
    if (invalid) return failure(invalid);
    const services = ctx.state.serviceIds
      .map((id) => ctx.state.services[id]!)
      .filter((service) => serviceMatches(service, filters))
      .sort((a, b) => compareNatural(a.spec.name, b.spec.name));
    const format = listFormat(parsed, { table: TABLE, raw: { normal: RAW, quiet: 'id: {{.ID}}' } });
    return printRows(
      format,
      services.map((service) => serviceRow(ctx.state, service)),
      TITLES,
    );
  },
};

function serviceMatches(service: Service, filters: Filters): boolean {
  // The mode filter takes the API's words (`replicated-job`) where MODE shows `replicated job`.
  const mode = modeName(service).replace(' ', '-');
  return (
    matchesPrefix(filters, 'id', service.id) &&
    matchesPrefix(filters, 'name', service.spec.name) &&
    matchesLabels(filters, 'label', service.spec.labels) &&
    (filters.get('mode')?.includes(mode) ?? true) &&
    (filters.get('runtime')?.includes('container') ?? true)
  );
}

function serviceRow(state: ClusterState, service: Service): GoStruct {
  const replicas = formatReplicas(service, replicaCount(state, service));
  return new GoStruct(
    '*service.serviceContext',
    [
      { name: 'ID', value: truncateId(service.id) },
      { name: 'Name', value: service.spec.name },
      { name: 'Mode', value: modeName(service) },
      { name: 'Replicas', value: replicas },
      { name: 'Image', value: displayImage(service.spec.task.container.image) },
      { name: 'Ports', value: ingressPorts(service.endpointPorts) },
    ],
    true,
  );
}

/**
 * Ingress ports compacted into ranges, as the CLI does: sorted by protocol then published port,
 * consecutive published and target ports merge (`*:80-81->80-81/tcp`), host-mode ports are left
 * out. The CLI compares unsigned numbers, so a port below the previous one starts a new range.
 */
export function ingressPorts(ports: readonly PortConfig[]): string {
  const sorted = [...ports].sort((a, b) =>
    a.protocol === b.protocol
      ? a.publishedPort - b.publishedPort
      : a.protocol < b.protocol
        ? -1
        : 1,
  );
  const ranges: string[] = [];
  let current: {
    pStart: number;
    pEnd: number;
    tStart: number;
    tEnd: number;
    protocol: string;
  } | null = null;
  const gap = (next: number, end: number) => next - end > 1 || next - end < 0;
  for (const port of sorted) {
    if (port.publishMode !== 'ingress') continue;
    const isRange = current !== null && current.tEnd !== current.tStart;
    if (
      current === null ||
      port.protocol !== current.protocol ||
      gap(port.publishedPort, current.pEnd) ||
      gap(port.targetPort, current.tEnd) ||
      (isRange && port.targetPort <= current.tEnd)
    ) {
      if (current && current.pStart > 0) ranges.push(rangeText(current));
      current = {
        pStart: port.publishedPort,
        pEnd: port.publishedPort,
        tStart: port.targetPort,
        tEnd: port.targetPort,
        protocol: port.protocol,
      };
      continue;
    }
    current.pEnd = port.publishedPort;
    current.tEnd = port.targetPort;
  }
  if (current && current.pStart > 0) ranges.push(rangeText(current));
  return ranges.join(', ');
}

function rangeText(r: {
  pStart: number;
  pEnd: number;
  tStart: number;
  tEnd: number;
  protocol: string;
}): string {
  const published = r.pEnd > r.pStart ? `${r.pStart}-${r.pEnd}` : String(r.pStart);
  const target = r.tEnd > r.tStart ? `${r.tStart}-${r.tEnd}` : String(r.tStart);
  return `*:${published}->${target}/${r.protocol}`;
}
