/**
 * The `cluster:` block: either the shorthand `3 managers, 2 workers` or the long form
 * `{managers, workers, nodes, defaults}`. Counts are totals per role: listed nodes count first,
 * and the rest are generated as `manager1..`/`worker1..`, skipping names already used. Nodes are
 * ordered managers first (so the first one initialised the swarm and leads), each role in
 * natural hostname order, which also fixes their addresses (192.168.0.11, .12, ...).
 */
import { compareNatural } from '../model/natural-sort.js';
import type { NodeCsiPlugin, PluginDescription } from '../model/types.js';
import type { NodeDefinition } from '../swarm.js';
import type { IssueCollector } from './issues.js';
import { clusterSchema, type ClusterInput, type NodeInput } from './schema-cluster.js';
import { describeValue } from './schema-values.js';

const SHORTHAND_HINT = "write e.g. '3 managers, 2 workers' or '1 manager'";
const SHORTHAND_PART = /^(\d+)\s+(manager|worker)s?$/i;
const ROLES = ['manager', 'worker'] as const;
type Role = (typeof ROLES)[number];

/** Reads `cluster:` into node definitions, or reports why it cannot and returns []. */
export function buildCluster(value: unknown, issues: IssueCollector): NodeDefinition[] {
  if (value === undefined) {
    issues.atValue([], "missing field 'cluster' at the top level", SHORTHAND_HINT);
    return [];
  }
  if (typeof value === 'string') {
    const counts = parseShorthand(value);
    if (!counts) {
      issues.atValue(['cluster'], `cannot read cluster ${describeValue(value)}`, SHORTHAND_HINT);
      return [];
    }
    return expandCluster({ managers: counts.manager, workers: counts.worker }, issues);
  }
  const result = clusterSchema.safeParse(value);
  if (!result.success) {
    issues.addZodIssues(result.error.issues, ['cluster']);
    return [];
  }
  return expandCluster(result.data, issues);
}

/** `3 managers, 2 workers` -> counts per role; null when it is not that form. */
export function parseShorthand(text: string): Record<Role, number> | null {
  const counts: Record<Role, number> = { manager: 0, worker: 0 };
  const seen = new Set<Role>();
  for (const part of text.trim().split(/\s*(?:,|\band\b)\s*/i)) {
    const match = SHORTHAND_PART.exec(part);
    if (!match) return null;
    const role = match[2]!.toLowerCase() as Role;
    if (seen.has(role)) return null;
    seen.add(role);
    counts[role] = Number(match[1]);
  }
  return counts;
}

function expandCluster(input: ClusterInput, issues: IssueCollector): NodeDefinition[] {
  const listed = input.nodes ?? [];
  const before = issues.issues.length;
  checkUniqueHostnames(listed, issues);
  const nodes: NodeDefinition[] = [];
  for (const role of ROLES) {
    const mine = listed.filter((node) => roleOf(node) === role);
    const wanted = (role === 'manager' ? input.managers : input.workers) ?? mine.length;
    if (mine.length > wanted) {
      issues.atValue(
        ['cluster', `${role}s`],
        `cluster lists ${mine.length} ${role}s but ${role}s is ${wanted}`,
        `${role}s counts every ${role}, listed ones included: raise it to ${mine.length} or more`,
      );
    }
    const used = new Set(listed.map((node) => node.hostname));
    const defined = mine.map((node) => definition(node, role, input.defaults));
    for (let index = 1; defined.length < wanted; index += 1) {
      const hostname = `${role}${index}`;
      if (!used.has(hostname)) defined.push(definition({ hostname }, role, input.defaults));
    }
    nodes.push(...defined.sort((a, b) => compareNatural(a.hostname, b.hostname)));
  }
  if (issues.issues.length === before && !nodes.some((node) => node.role === 'manager')) {
    issues.atValue(['cluster'], 'a swarm needs at least one manager', SHORTHAND_HINT);
  }
  return nodes;
}

/** A listed node's role: as given, else `manager` for names like `manager2`, else `worker`. */
function roleOf(node: NodeInput): Role {
  return node.role ?? (/^manager\d*$/.test(node.hostname) ? 'manager' : 'worker');
}

function definition(
  node: NodeInput,
  role: Role,
  defaults: ClusterInput['defaults'],
): NodeDefinition {
  const engineVersion = node.engineVersion ?? defaults?.engineVersion;
  const cpus = node.cpus ?? defaults?.cpus;
  const memoryBytes = node.memory ?? defaults?.memory;
  return {
    hostname: node.hostname,
    role,
    ...(cpus === undefined ? {} : { cpus }),
    ...(memoryBytes === undefined ? {} : { memoryBytes }),
    ...(node.labels ? { labels: node.labels } : {}),
    ...(node.engineLabels ? { engineLabels: node.engineLabels } : {}),
    ...(node.os ? { os: node.os } : {}),
    ...(node.arch ? { architecture: node.arch } : {}),
    ...(engineVersion ? { engineVersion } : {}),
    ...(node.availability ? { availability: node.availability } : {}),
    ...(node.genericResources ? { genericResources: node.genericResources } : {}),
    ...(node.paths ? { hostPaths: node.paths } : {}),
    ...(node.plugins ? { plugins: pluginList(node.plugins) } : {}),
    ...(node.csiPlugins ? { csiPlugins: node.csiPlugins.map(csiPlugin) } : {}),
  };
}

/** A scenario's CSI plugin as the engine reports it (no topology, no limit by default). */
function csiPlugin(plugin: NonNullable<NodeInput['csiPlugins']>[number]): NodeCsiPlugin {
  return {
    name: plugin.name,
    topology: { ...plugin.topology },
    maxVolumesPerNode: plugin.maxVolumesPerNode ?? 0,
  };
}

/** `{log: [loki:latest]}` as the engine's plugin descriptions (`{type: 'Log', name}`). */
function pluginList(plugins: NonNullable<NodeInput['plugins']>): PluginDescription[] {
  const types = { log: 'Log', network: 'Network', volume: 'Volume' } as const;
  return (Object.keys(types) as (keyof typeof types)[]).flatMap((key) =>
    (plugins[key] ?? []).map((name) => ({ type: types[key], name })),
  );
}

function checkUniqueHostnames(listed: readonly NodeInput[], issues: IssueCollector): void {
  listed.forEach((node, index) => {
    if (listed.findIndex((other) => other.hostname === node.hostname) !== index) {
      issues.atValue(
        ['cluster', 'nodes', index, 'hostname'],
        `hostname '${node.hostname}' is listed twice`,
        'every node needs its own hostname',
      );
    }
  });
}
