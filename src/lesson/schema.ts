/**
 * The shape of a lesson file (docs/lessons.md), as zod schemas. Objects are strict, so a
 * misspelt field is an error with a did-you-mean, never a silently ignored line. Rules that span
 * fields (one action per step, regexes, check sentences, the lab's start machine) are checked in
 * `parse.ts`, where file positions are at hand.
 */
import { z } from 'zod';

/** A strict object whose unknown-field error lists the fields it does accept. */
function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const valid = `valid fields: ${Object.keys(shape).join(', ')}`;
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? valid : undefined),
  });
}

/** The languages every lesson is narrated in. */
export const LANGUAGES = ['es', 'en'] as const;
/** A narration language. */
export type Language = (typeof LANGUAGES)[number];

/** Text in both languages; both are required so no learner meets a silent step. */
const bilingual = strict({ es: z.string().min(1), en: z.string().min(1) });

/** Text in both languages. */
export type Bilingual = z.output<typeof bilingual>;

/** A list of texts; one text alone is read as a list of one. */
const texts = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const stepSchema = strict({
  say: bilingual.optional(),
  run: z.string().min(1).optional(),
  exit: z.int().min(0).max(255).optional(),
  shows: texts.optional(),
  hides: texts.optional(),
  check: texts.optional(),
});

/** One step after validation, before regexes and sentences are compiled. */
export type LessonStepInput = z.output<typeof stepSchema>;

/** The fields that say what a step does; a step has exactly one. */
export const STEP_ACTIONS = ['say', 'run', 'check'] as const;
/** Fields that only make sense on a `run` step. */
export const RUN_FIELDS = ['exit', 'shows', 'hides'] as const;

/** The lab a lesson plays on, as `swarmsim shell` flags. */
const labSchema = strict({
  managers: z.int().min(1).max(100).optional(),
  workers: z.int().min(0).max(100).optional(),
  swarm: z.boolean().optional(),
  node: z.string().min(1).optional(),
});

/** A whole lesson file. */
export const lessonSchema = strict({
  lesson: z.string().superRefine((name, ctx) => {
    if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) return;
    const problem = `lesson name '${name}' is not kebab-case`;
    const hint = 'use lowercase words joined by dashes, e.g. lesson: rolling-update';
    ctx.addIssue({ code: 'custom', input: name, message: problem, params: { hint } });
  }),
  title: bilingual,
  source: texts.optional(),
  lab: labSchema.optional(),
  seed: z.int().min(0).max(2 ** 32 - 1).optional(),
  needs: bilingual.optional(),
  files: z.record(z.string().min(1), z.string()).optional(),
  images: z.array(z.string().min(1)).optional(),
  steps: z.array(stepSchema).min(1),
});

/** A whole lesson file after validation. */
export type LessonInput = z.output<typeof lessonSchema>;
