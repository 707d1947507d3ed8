/**
 * The shape of a scenario file, as zod schemas. Objects are strict, so a misspelt field is an
 * error, not a silently ignored line. Durations and sizes are parsed into integer ms and
 * bytes; rules that need more than one field (one action per step, known hostnames, the run
 * horizon) are checked afterwards in `parse.ts`, where file positions are at hand.
 * This file is the whole file's shape, chaos and expectations; the cluster block is
 * schema-cluster.ts, a step schema-steps.ts, the shared value parsers schema-values.ts.
 */
import { z } from 'zod';
import { stepSchema } from './schema-steps.js';
import { count, duration, parsed, strict } from './schema-values.js';

/** `os/arch[/variant]`, as `docker buildx build --platform` takes it. */
const platformName = z.string().regex(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/);

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
