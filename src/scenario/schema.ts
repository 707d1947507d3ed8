/**
 * The shape of a scenario file, as zod schemas. Objects are strict, so a misspelt field is an
 * error, not a silently ignored line. Durations and sizes are parsed here into integer ms and
 * bytes; rules that need more than one field (one action per step, known hostnames, the run
 * horizon) are checked afterwards in `parse.ts`, where file positions are at hand.
 */
import { z } from 'zod';
import { DURATION_HINT, parseDuration, parseMemorySize, SIZE_HINT } from './units.js';

/** How a value is named in messages: `'10x'`, `-1`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** A strict object whose unknown-field error lists the fields it does accept. */
function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const valid = `valid fields: ${Object.keys(shape).join(', ')}`;
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? valid : undefined),
  });
}

/** A value parsed by `parse`, which returns null to reject it with `problem` and `hint`. */
function parsed<T>(parse: (value: unknown) => T | null, problem: string, hint: string) {
  return z.unknown().transform((value, ctx) => {
    const result = parse(value);
    if (result !== null) return result;
    ctx.issues.push({
      code: 'custom',
      input: value,
      message: `${problem} ${describeValue(value)}`,
      params: { hint },
    });
    return z.NEVER;
  });
}

const duration = parsed(
  (value) => (typeof value === 'string' ? parseDuration(value) : value === 0 ? 0 : null),
  'bad duration',
  DURATION_HINT,
);

const memorySize = parsed(
  (value) =>
    typeof value === 'string' || typeof value === 'number' ? parseMemorySize(value) : null,
  'bad memory size',
  SIZE_HINT,
);

/** Label values may be written as YAML numbers or booleans; docker labels are strings. */
const labelValue = parsed(
  (value) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : null,
  'a label value must be a plain value, not',
  'write key: value pairs, e.g. zone: east',
);
const labels = z.record(z.string(), labelValue);
/** dockerd's `--node-generic-resource` values: `SSD=3`, `GPU=UUID1`. */
const genericResourceList = z.array(z.string().regex(/^[^=\s]+=[^=\s]+$/));
/** Plugin names as `docker plugin ls` shows them: `loki:latest`, `rexray/ebs:latest`. */
const pluginNames = z.array(z.string().regex(/^[^\s]+$/));
/** `os/arch[/variant]`, as `docker buildx build --platform` takes it. */
const platformName = z.string().regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/);
const count = z.int().min(0);

const nodeSchema = strict({
  hostname: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9.-]*$/),
  role: z.enum(['manager', 'worker']).optional(),
  cpus: z.number().positive().optional(),
  memory: memorySize.optional(),
  labels: labels.optional(),
  engineLabels: labels.optional(),
  availability: z.enum(['active', 'pause', 'drain']).optional(),
  os: z.string().min(1).optional(),
  arch: z.string().min(1).optional(),
  engineVersion: z.string().min(1).optional(),
  /** dockerd `--node-generic-resource` entries: `SSD=3` (a count) or `GPU=UUID1` (a name). */
  genericResources: genericResourceList.optional(),
  /** Plugins installed beside the stock ones, by type: `{log: [loki:latest]}`. */
  plugins: strict({
    log: pluginNames.optional(),
    volume: pluginNames.optional(),
    network: pluginNames.optional(),
  }).optional(),
  /** Host paths beside the default Linux tree (src/agent/mounts.ts), for bind mounts. */
  paths: z.array(z.string().regex(/^\/\S*$/)).optional(),
  /** CSI node plugins the engine runs (cluster volumes); none by default. */
  csiPlugins: z
    .array(
      strict({
        name: z.string().regex(/^[^\s]+$/),
        topology: labels.optional(),
        maxVolumesPerNode: count.optional(),
      }),
    )
    .optional(),
});

/** `cluster:` in its long form; the shorthand string is read by `cluster.ts`. */
export const clusterSchema = strict({
  managers: count.optional(),
  workers: count.optional(),
  nodes: z.array(nodeSchema).optional(),
  defaults: strict({
    cpus: z.number().positive().optional(),
    memory: memorySize.optional(),
    engineVersion: z.string().min(1).optional(),
  }).optional(),
});

/** The long-form cluster block after validation. */
export type ClusterInput = z.output<typeof clusterSchema>;
/** One listed node after validation (memory in bytes). */
export type NodeInput = z.output<typeof nodeSchema>;

const hostname = z.string().min(1);
/** `web` or `web.2`: a service, and optionally the slot of its task. */
const taskTarget = z.string().regex(/^[^\s.]+(\.\d+)?$/);

/** One step; exactly one action field is checked in `parse.ts`. */
export const stepSchema = strict({
  at: duration.optional(),
  run: z.string().optional(),
  on: hostname.optional(),
  'expect-exit': z.int().min(0).max(255).optional(),
  drain: hostname.optional(),
  pause: hostname.optional(),
  activate: hostname.optional(),
  promote: hostname.optional(),
  demote: hostname.optional(),
  'label-add': strict({ node: hostname, labels }).optional(),
  'label-rm': strict({ node: hostname, labels: z.array(z.string().min(1)).min(1) }).optional(),
  // Faults (src/faults): each stands for a `sim` command.
  crash: hostname.optional(),
  restart: hostname.optional(),
  // With `restart:` only: the engine's downtime and what it reports once back.
  downtime: duration.optional(),
  cpus: z.number().positive().optional(),
  memory: memorySize.optional(),
  engineLabels: labels.optional(),
  genericResources: genericResourceList.optional(),
  leave: hostname.optional(),
  partition: z.union([hostname, z.array(hostname).min(1)]).optional(),
  // With `partition:` only: cut traffic from the named nodes, not back (`--one-way`).
  'one-way': z.boolean().optional(),
  heal: hostname.optional(),
  // Container faults name SERVICE[.SLOT]; `exit-code` goes with `kill:` (default 1).
  kill: taskTarget.optional(),
  'exit-code': z.int().min(0).max(255).optional(),
  oom: taskTarget.optional(),
  // Engine faults on a node; `image` narrows them to one image, `extra` is a slow pull's delay.
  'pull-fail': hostname.optional(),
  'slow-pull': hostname.optional(),
  'start-fail': hostname.optional(),
  image: z.string().regex(/^[^\s]+$/).optional(),
  extra: duration.optional(),
});

/** One step after validation (times in ms). */
export type StepInput = z.output<typeof stepSchema>;

/** The fields of a step that say what it does; a step has exactly one. */
export const STEP_ACTIONS = [
  'run',
  'drain',
  'pause',
  'activate',
  'promote',
  'demote',
  'label-add',
  'label-rm',
  'crash',
  'restart',
  'leave',
  'partition',
  'heal',
  'kill',
  'oom',
  'pull-fail',
  'slow-pull',
  'start-fail',
] as const satisfies readonly (keyof StepInput)[];

/** A probability written as a ratio, `1/60` (TigerBeetle's Ratio), or 0. */
const probability = parsed(
  (value) => {
    if (value === 0) return { numerator: 0, denominator: 1 };
    const match = typeof value === 'string' ? /^(\d+)\/(\d+)$/.exec(value.trim()) : null;
    if (!match || Number(match[2]) === 0 || Number(match[1]) > Number(match[2])) return null;
    return { numerator: Number(match[1]), denominator: Number(match[2]) };
  },
  'bad probability',
  'write a ratio such as 1/60 (per second)',
);

/** One fault kind's knob pair in a `chaos:` block. */
const chaosKnob = strict({ probability, stability: duration });

/** `chaos:` faults drawn from the seed between `from` and `from + for`, then all healed. */
const chaosSchema = strict({
  from: duration,
  for: duration,
  nodeCrash: chaosKnob.optional(),
  nodeRestart: chaosKnob.optional(),
  partition: chaosKnob.optional(),
  containerCrash: chaosKnob.optional(),
  oomKill: chaosKnob.optional(),
  pullFailure: chaosKnob.optional(),
  slowPull: chaosKnob.optional(),
  startFailure: chaosKnob.optional(),
});

/** The chaos block after validation (times in ms). */
export type ChaosInput = z.output<typeof chaosSchema>;

/** One `expect:` item. */
export const expectationSchema = strict({
  at: duration.optional(),
  that: z.string().min(1),
});

/** A whole scenario file. `cluster` is checked separately because it has two forms. */
export const scenarioSchema = strict({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  seed: z.int().min(0).max(2 ** 32 - 1).optional(),
  until: duration.optional(),
  // Read by cluster.ts, which also reports it missing.
  cluster: z.unknown().optional(),
  // Every image listed exists in the registry; `pull` overrides its first-pull time.
  // `platforms` are what its manifest lists (default linux/amd64 and linux/arm64).
  images: z
    .record(
      z.string().min(1),
      strict({ pull: duration.optional(), platforms: z.array(platformName).min(1).optional() }),
    )
    .optional(),
  settings: strict({
    taskHistoryLimit: count.optional(),
    dispatcherHeartbeat: duration.optional(),
  }).optional(),
  steps: z.array(stepSchema).optional(),
  chaos: chaosSchema.optional(),
  expect: z.array(expectationSchema).optional(),
});

/** A whole file after validation, cluster still unread. */
export type ScenarioInput = z.output<typeof scenarioSchema>;

/** Examples offered when a field has the wrong type or is missing, by field name. */
export const FIELD_EXAMPLES: Readonly<Record<string, string>> = {
  name: 'name: my scenario',
  description: 'description: what this scenario shows',
  seed: 'seed: 42',
  until: 'until: 2m',
  cluster: "cluster: '1 manager, 2 workers'",
  managers: 'managers: 1',
  workers: 'workers: 2',
  nodes: 'nodes: [{hostname: worker1, labels: {zone: east}}]',
  hostname: 'hostname: worker1',
  role: 'role: manager or role: worker',
  cpus: 'cpus: 2',
  availability: 'availability: active, pause or drain',
  labels: 'labels: {zone: east}',
  engineLabels: 'engineLabels: {storage: ssd}',
  genericResources: 'genericResources: [GPU=UUID1, GPU=UUID2, SSD=3]',
  plugins: 'plugins: {log: [loki:latest], volume: [rexray]}',
  paths: 'paths: [/srv/app, /etc/app/config.yml]',
  csiPlugins: 'csiPlugins: [{name: my-csi, topology: {zone: a}}]',
  platforms: 'platforms: [linux/amd64, linux/arm/v7]',
  images: 'images: {alpine: {pull: 3s}, myorg/app: {platforms: [linux/arm64]}}',
  taskHistoryLimit: 'taskHistoryLimit: 5',
  steps: 'steps: [{at: 10s, run: docker service ls}]',
  expect: 'expect: [{at: 30s, that: service web has 3/3 running}]',
  run: 'run: docker service create --name web nginx',
  on: 'on: manager1',
  'expect-exit': 'expect-exit: 1',
  node: 'node: worker1',
  that: 'that: service web has 3/3 running',
  chaos: 'chaos: {from: 30s, for: 5m, nodeCrash: {probability: 1/60, stability: 20s}}',
  probability: 'probability: 1/60',
  stability: 'stability: 20s',
  crash: 'crash: worker1',
  partition: 'partition: manager1 (or a list: [manager1, worker1])',
  heal: 'heal: all (or a hostname)',
  'one-way': 'one-way: true',
  kill: 'kill: web.1 (SERVICE.SLOT, or SERVICE for its first running task)',
  'exit-code': 'exit-code: 137',
  oom: 'oom: web.1 (SERVICE.SLOT, or SERVICE for its first running task)',
  'pull-fail': 'pull-fail: worker1',
  'slow-pull': 'slow-pull: worker1',
  'start-fail': 'start-fail: worker1',
  image: 'image: nginx',
  extra: 'extra: 30s',
};
