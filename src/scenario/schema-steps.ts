/**
 * One `steps:` item of a scenario file (schema.ts holds the whole file): a command to run, a node
 * operation, or a fault, with the fields that go with it. Kept apart because a step has many
 * optional fields and its own list of actions, of which `parse.ts` checks exactly one is set.
 */
import { z } from 'zod';
import { duration, genericResourceList, labels, memorySize, strict } from './schema-values.js';

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
