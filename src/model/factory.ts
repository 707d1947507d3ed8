/**
 * Builders for objects with swarmkit's defaults filled in, so callers state only what differs.
 */
import {
  DEFAULT_ENGINE_VERSION,
  DEFAULT_NODE_MEMORY_BYTES,
  DEFAULT_NODE_NANO_CPUS,
  DEFAULT_REPLICAS,
  DEFAULT_RESTART_POLICY,
  DEFAULT_STOP_GRACE_PERIOD_MS,
} from './defaults.js';
import type {
  Node,
  NodeCsiPlugin,
  NodeRole,
  PluginDescription,
  ServiceSpec,
  SimTime,
  Task,
  TaskOrigin,
  TaskSpec,
} from './types.js';

/**
 * The plugins a stock engine reports (those of the recorded Engine 20.10 nodes): the
 * built-in log drivers, network drivers and the `local` volume driver, sorted by type then name.
 */
export const DEFAULT_ENGINE_PLUGINS: readonly PluginDescription[] = [
  ...[
    'awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'logentries',
    'splunk', 'syslog',
  ].map((name) => ({ type: 'Log', name })),
  ...['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'].map((name) => ({
    type: 'Network',
    name,
  })),
  { type: 'Volume', name: 'local' },
];

/** The plugins `node`'s engine reports: its own list, else the stock engine's. */
export function enginePlugins(node: Pick<Node, 'description'>): readonly PluginDescription[] {
  return node.description.plugins ?? DEFAULT_ENGINE_PLUGINS;
}

/**
 * The stock plugins plus `extra` (duplicates dropped), sorted by type then name as the engine
 * sorts what it reports.
 */
export function withExtraPlugins(extra: readonly PluginDescription[]): PluginDescription[] {
  const all = [...DEFAULT_ENGINE_PLUGINS, ...extra].map((plugin) => ({ ...plugin }));
  const same = (a: PluginDescription, b: PluginDescription) =>
    a.type === b.type && a.name === b.name;
  const unique = all.filter((plugin, index) => all.findIndex((o) => same(o, plugin)) === index);
  return unique.sort(
    (a, b) => compareCodeUnits(a.type, b.type) || compareCodeUnits(a.name, b.name),
  );
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface NodeOptions {
  id: string;
  hostname: string;
  role: NodeRole;
  addr: string;
  /** Default 2 CPUs (DEFAULT_NODE_NANO_CPUS). */
  nanoCPUs?: number;
  /** MemTotal in bytes; default a "2 GB" VM (DEFAULT_NODE_MEMORY_BYTES). */
  memoryBytes?: number;
  labels?: Record<string, string>;
  engineLabels?: Record<string, string>;
  os?: string;
  architecture?: string;
  engineVersion?: string;
  availability?: Node['availability'];
  /** Whether this manager is the raft leader. */
  leader?: boolean;
  /** Plugins installed beside the stock ones (`docker plugin install`); none by default. */
  plugins?: PluginDescription[];
  /** Host paths beside the default Linux tree, for bind mounts (Node.hostPaths). */
  hostPaths?: string[];
  /** CSI node plugins the engine runs; none by default, as on a stock engine. */
  csiPlugins?: NodeCsiPlugin[];
}

export function buildNode(options: NodeOptions, now: SimTime): Node {
  return {
    id: options.id,
    version: 0,
    createdAt: now,
    updatedAt: now,
    labels: { ...options.labels },
    desiredRole: options.role,
    role: options.role,
    availability: options.availability ?? 'active',
    description: {
      hostname: options.hostname,
      platform: { os: options.os ?? 'linux', architecture: options.architecture ?? 'x86_64' },
      resources: {
        nanoCPUs: options.nanoCPUs ?? DEFAULT_NODE_NANO_CPUS,
        memoryBytes: options.memoryBytes ?? DEFAULT_NODE_MEMORY_BYTES,
      },
      engineVersion: options.engineVersion ?? DEFAULT_ENGINE_VERSION,
      engineLabels: { ...options.engineLabels },
      // Only set when the engine has more than the stock plugins, so default nodes (and the
      // event logs that carry them) look as they did before the field existed.
      ...(options.plugins?.length ? { plugins: withExtraPlugins(options.plugins) } : {}),
      ...(options.csiPlugins?.length ? { csiPlugins: structuredClone(options.csiPlugins) } : {}),
    },
    status: { state: 'ready', message: '', addr: options.addr },
    managerStatus:
      options.role === 'manager'
        ? {
            leader: options.leader ?? false,
            reachability: 'reachable',
            addr: `${options.addr}:2377`,
          }
        : null,
    images: [],
    ...(options.hostPaths?.length ? { hostPaths: [...options.hostPaths] } : {}),
  };
}

/** A task spec running `image` with every other field at its default. */
export function defaultTaskSpec(image: string): TaskSpec {
  return {
    container: {
      image,
      command: [],
      args: [],
      env: [],
      labels: {},
      stopGracePeriodMs: DEFAULT_STOP_GRACE_PERIOD_MS,
      hostname: '',
      dir: '',
      user: '',
    },
    resources: {
      limits: { nanoCPUs: 0, memoryBytes: 0 },
      reservations: { nanoCPUs: 0, memoryBytes: 0 },
    },
    restart: { ...DEFAULT_RESTART_POLICY },
    placement: { constraints: [], preferences: [], maxReplicas: 0, platforms: [] },
    forceUpdate: 0,
  };
}

/** A replicated service spec (1 replica unless given) with every other field at its default. */
export function defaultServiceSpec(
  name: string,
  image: string,
  replicas = DEFAULT_REPLICAS,
): ServiceSpec {
  return {
    name,
    labels: {},
    mode: { replicated: { replicas } },
    task: defaultTaskSpec(image),
    update: null,
    rollback: null,
    endpoint: { mode: 'vip', ports: [] },
  };
}

export interface NewTaskOptions {
  id: string;
  serviceId: string;
  spec: ServiceSpec;
  specVersion: number;
  slot: number;
  /** Pre-assigned node (global services); empty for replicated tasks. */
  nodeId?: string;
  desiredState?: Task['desiredState'];
  origin: TaskOrigin;
}

/** A task in state NEW, "created", built from the service spec (swarmkit's NewTask). */
export function buildTask(options: NewTaskOptions, now: SimTime): Task {
  return {
    id: options.id,
    version: 0,
    createdAt: now,
    serviceId: options.serviceId,
    serviceName: options.spec.name,
    slot: options.slot,
    nodeId: options.nodeId ?? '',
    // Specs are immutable once built (updates replace them whole), so tasks share them.
    spec: options.spec.task,
    specVersion: options.specVersion,
    endpoint: options.spec.endpoint,
    desiredState: options.desiredState ?? 'running',
    status: { state: 'new', timestamp: now, message: 'created', err: '', exitCode: null },
    transitions: [{ state: 'new', at: now }],
    origin: options.origin,
  };
}

/** Replica count of a replicated spec, or null for a global one. */
export function replicasOf(spec: ServiceSpec): number | null {
  return 'replicated' in spec.mode ? spec.mode.replicated.replicas : null;
}
