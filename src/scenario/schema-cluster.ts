/**
 * The `cluster:` block's long form of a scenario file (schema.ts holds the whole file): the
 * nodes, with their resources, labels, plugins, host paths and CSI plugins, and the defaults
 * they share. Kept apart because the node shape is the largest part of the schema.
 */
import { z } from 'zod';
import { count, genericResourceList, labels, memorySize, strict } from './schema-values.js';

/** Plugin names as `docker plugin ls` shows them: `loki:latest`, `rexray/ebs:latest`. */
const pluginNames = z.array(z.string().regex(/^[^\s]+$/));

/** One listed node of the long form. */
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
