/**
 * `docker service inspect --pretty`: the human page of a service, laid out line for line as the
 * docker 28 client's template lays it out (tabs included). The spec is read with defaults
 * inserted, so UpdateConfig and RollbackConfig always appear. Sections for things swarmsim does
 * not model (secrets, healthchecks) never appear.
 */
import { formatGoG } from '../api/go-format.js';
import type { Service, UpdateConfig } from '../model/types.js';
import { DEFAULT_UPDATE_CONFIG } from '../model/defaults.js';
import { bytesSize, humanDuration } from './clock.js';
import { mountPrettyLines } from './mount-object.js';
import { logDriverPrettyLines } from './log-driver.js';
import { formatGoFloat } from './template/go-print.js';
import { formatGoDuration } from './template/go-time.js';
import { GoDuration, GoFloat } from './template/values.js';

/**
 * The page for one service, with the blank first and last lines docker prints; `networkName`
 * names a network ID as the client does (the ID itself when it finds no such network).
 */
export function servicePretty(
  service: Service,
  now: number,
  networkName: (id: string) => string = (id) => id,
): string {
  const spec = service.spec;
  const lines = ['', `ID:\t\t${service.id}`, `Name:\t\t${spec.name}`];
  const labels = Object.keys(spec.labels).sort();
  if (labels.length > 0) {
    lines.push(
      'Labels:',
      ...labels.map((k) => ` ${k}${spec.labels[k] ? `=${spec.labels[k]}` : ''}`),
    );
  }
  if ('replicated' in spec.mode) {
    lines.push('Service Mode:\tReplicated', ` Replicas:\t${spec.mode.replicated.replicas}`);
  } else if ('global' in spec.mode) {
    lines.push('Service Mode:\tGlobal');
  }
  // docker's pretty template has no branch for jobs: it prints no Service Mode line for them.
  lines.push(...updateStatusLines(service, now), ...placementLines(service));
  lines.push(
    ...configLines('UpdateConfig', 'Update order:     ', spec.update ?? DEFAULT_UPDATE_CONFIG),
  );
  lines.push(
    ...configLines('RollbackConfig', 'Rollback order:   ', spec.rollback ?? DEFAULT_UPDATE_CONFIG),
  );
  lines.push(...containerLines(service), ...mountPrettyLines(spec.task.container.mounts));
  lines.push(...logDriverPrettyLines(spec.task.logDriver));
  lines.push(...resourceLines(service));
  const networks = spec.task.networks ?? [];
  if (networks.length > 0) {
    lines.push(`Networks:${networks.map((config) => ` ${networkName(config.target)}`).join('')} `);
  }
  lines.push(`Endpoint Mode:\t${spec.endpoint.mode}`);
  if (service.endpointPorts.length > 0) {
    lines.push('Ports:');
    for (const port of service.endpointPorts) {
      lines.push(
        ` PublishedPort = ${port.publishedPort}`,
        `  Protocol = ${port.protocol}`,
        `  TargetPort = ${port.targetPort}`,
        `  PublishMode = ${port.publishMode}`,
      );
    }
    lines[lines.length - 1] += ' ';
  }
  return `${lines.join('\n')}\n\n`;
}

function updateStatusLines(service: Service, now: number): string[] {
  const status = service.updateStatus;
  if (!status) return [];
  const lines = ['UpdateStatus:', ` State:\t\t${status.state}`];
  if (status.startedAt !== null)
    lines.push(` Started:\t${humanDuration(now - status.startedAt)} ago`);
  if (status.state === 'completed' && status.completedAt !== null) {
    lines.push(` Completed:\t${humanDuration(now - status.completedAt)} ago`);
  }
  lines.push(` Message:\t${status.message}`);
  return lines;
}

function placementLines(service: Service): string[] {
  const placement = service.spec.task.placement;
  const lines = ['Placement:'];
  if (placement.constraints.length > 0)
    lines.push(` Constraints:\t[${placement.constraints.join(' ')}]`);
  if (placement.preferences.length > 0) {
    const prefs = placement.preferences.map((preference) => `spread=${preference.spread}`);
    lines.push(` Preferences:   [${prefs.join(' ')}]`);
  }
  if (placement.maxReplicas > 0) lines.push(` Max Replicas Per Node:   ${placement.maxReplicas}`);
  return lines;
}

function configLines(title: string, orderLabel: string, config: Readonly<UpdateConfig>): string[] {
  const lines = [`${title}:`, ` Parallelism:\t${config.parallelism}`];
  if (config.delayMs > 0)
    lines.push(` Delay:\t\t${formatGoDuration(new GoDuration(config.delayMs * 1e6))}`);
  lines.push(` On failure:\t${config.failureAction}`);
  if (config.monitorMs > 0) {
    lines.push(` Monitoring Period: ${formatGoDuration(new GoDuration(config.monitorMs * 1e6))}`);
  }
  lines.push(
    ` Max failure ratio: ${formatGoFloat(new GoFloat(config.maxFailureRatio, 32))}`,
    ` ${orderLabel} ${config.order}`,
  );
  return lines;
}

function containerLines(service: Service): string[] {
  const container = service.spec.task.container;
  const lines = ['ContainerSpec:', ` Image:\t\t${container.image}`];
  if (container.args.length > 0)
    lines.push(` Args:\t\t${container.args.map((arg) => `${arg} `).join('')}`);
  if (container.env.length > 0)
    lines.push(` Env:\t\t${container.env.map((env) => `${env} `).join('')}`);
  if (container.dir) lines.push(` Dir:\t\t${container.dir}`);
  lines.push(' Init:\t\tfalse');
  if (container.user) lines.push(` User: ${container.user}`);
  return lines;
}

function resourceLines(service: Service): string[] {
  const { reservations, limits } = service.spec.task.resources;
  const lines = ['Resources:'];
  const amounts = (title: string, nanoCPUs: number, memoryBytes: number) => {
    if (nanoCPUs <= 0 && memoryBytes <= 0) return;
    lines.push(` ${title}:`);
    if (nanoCPUs > 0) lines.push(`  CPU:\t\t${formatGoG(nanoCPUs / 1e9)}`);
    if (memoryBytes > 0) lines.push(`  Memory:\t${bytesSize(memoryBytes)}`);
  };
  amounts('Reservations', reservations.nanoCPUs, reservations.memoryBytes);
  amounts('Limits', limits.nanoCPUs, limits.memoryBytes);
  return lines;
}
