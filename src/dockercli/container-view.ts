/**
 * The container behind a task, as the node's engine would list it, derived from the task's
 * recorded transitions: created when the task became READY (the agent creates the container
 * while preparing), started when it became RUNNING, exited when it reached a terminal state.
 */
import {
  catalogueImage,
  containerArgv,
  type CatalogueImage,
} from '../agent/image-catalogue.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import { humanDuration } from './clock.js';

/** A task's container: its engine state and the times that define its STATUS column. */
export interface ContainerView {
  task: Task;
  /** `created`, `running` or `exited`. */
  state: 'created' | 'running' | 'exited';
  /** Virtual time the container was created. */
  createdAt: number;
  /** docker's STATUS text at virtual time `now`. */
  status(now: number): string;
}

/** The task's container, or null when none was created yet (or ever). */
export function containerState(task: Task): ContainerView | null {
  const created = task.transitions.find(
    (t) => compareTaskStates(t.state, 'ready') >= 0 && !isTerminal(t.state),
  );
  if (!created) return null;
  const started = task.transitions.find((t) => t.state === 'running');
  const ended = isTerminal(task.status.state) ? task.status.timestamp : null;
  if (ended !== null && started) {
    const code = task.status.exitCode ?? 0;
    return {
      task,
      state: 'exited',
      createdAt: created.at,
      status: (now) => `Exited (${code}) ${humanDuration(now - ended)} ago`,
    };
  }
  if (started) {
    return {
      task,
      state: 'running',
      createdAt: created.at,
      status: (now) => `Up ${humanDuration(now - started.at)}`,
    };
  }
  return { task, state: 'created', createdAt: created.at, status: () => 'Created' };
}

/**
 * The container's command as the daemon lists it (moby `daemon/list.go`): Path, then the Args
 * joined by spaces, an argument holding a space wrapped in single quotes. Path and Args are the
 * image's entrypoint and CMD as the service's `--entrypoint` and arguments override them.
 */
export function containerCommand(task: Task, known?: CatalogueImage): string {
  const { image, command, args } = task.spec.container;
  const [path = '', ...rest] = known
    ? containerArgv(image, command, args, known)
    : containerArgv(image, command, args);
  const quoted = rest.map((arg) => (arg.includes(' ') ? `'${arg}'` : arg));
  return quoted.length > 0 ? `${path} ${quoted.join(' ')}` : path;
}

/** One row of the container's port list: an exposed port, or one address's binding of it. */
interface PortRow {
  privatePort: number;
  /** '' when the port is exposed but not bound. */
  ip: string;
  publicPort: number;
  type: string;
}

/** A host binding of a container port; `ip` '' binds both 0.0.0.0 and ::. */
export interface PortBinding {
  ip: string;
  publicPort: number;
  privatePort: number;
  type: string;
}

/**
 * docker's PORTS column (the CLI's DisplayablePorts): the image's exposed ports that nothing
 * binds (ports published through the routing mesh are not bound on the container), and the
 * host-mode bindings on both address families. Sorted by container port, then address;
 * consecutive ports with the same address (or none) merge into a range, and a binding to
 * another host port is listed after the rest as `0.0.0.0:8080->80/tcp`.
 */
export function containerPorts(task: Task, known?: CatalogueImage): string {
  const bindings = task.endpoint.ports
    .filter((port) => port.publishMode === 'host')
    .map((port) => ({
      ip: '',
      publicPort: port.publishedPort,
      privatePort: port.targetPort,
      type: port.protocol,
    }));
  const image = known ?? catalogueImage(task.spec.container.image);
  return portsColumn(bindings, image?.exposedPorts ?? []);
}

/** The PORTS column of a container with these host bindings and image `exposed` ports. */
export function portsColumn(bindings: readonly PortBinding[], exposed: readonly string[]): string {
  const rows: PortRow[] = [];
  const bound = new Set<string>();
  for (const binding of bindings) {
    bound.add(`${binding.privatePort}/${binding.type}`);
    for (const ip of binding.ip === '' ? ['0.0.0.0', '::'] : [binding.ip]) {
      rows.push({ ...binding, ip });
    }
  }
  for (const port of exposed) {
    const [number = '', type = 'tcp'] = port.split('/');
    if (!bound.has(port)) rows.push({ privatePort: Number(number), ip: '', publicPort: 0, type });
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => a.privatePort - b.privatePort || order(a.ip, b.ip) ||
    a.publicPort - b.publicPort || order(a.type, b.type));
  return displayPorts(rows);
}

function displayPorts(rows: readonly PortRow[]): string {
  const keys: string[] = [];
  const groups: Record<string, { ip: string; type: string; first: number; last: number }> = {};
  const result: string[] = [];
  const mappings: string[] = [];
  const form = (g: { ip: string; type: string; first: number; last: number }) => {
    const range = g.first === g.last ? `${g.first}` : `${g.first}-${g.last}`;
    return `${g.ip ? `${hostPort(g.ip, range)}->${range}` : range}/${g.type}`;
  };
  for (const row of rows) {
    if (row.ip !== '' && row.publicPort !== row.privatePort) {
      mappings.push(`${hostPort(row.ip, `${row.publicPort}`)}->${row.privatePort}/${row.type}`);
      continue;
    }
    const key = `${row.ip}/${row.type}`;
    const group = groups[key];
    if (!group) keys.push(key);
    else if (row.privatePort === group.last + 1) {
      group.last = row.privatePort;
      continue;
    } else result.push(form(group));
    groups[key] = { ip: row.ip, type: row.type, first: row.privatePort, last: row.privatePort };
  }
  for (const key of keys) result.push(form(groups[key]!));
  return [...result, ...mappings].join(', ');
}

/** Go's net.JoinHostPort: an IPv6 address goes in brackets. */
function hostPort(ip: string, port: string): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
