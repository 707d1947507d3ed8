/**
 * When a file fails the schema, the parts that do pass it still get the checks that come after
 * the schema (a step's command and hostnames, an expectation's sentence), so every mistake of a
 * file is reported in one go: a bad duration on one line hides no bad sentence on the next.
 */
import { compileExpectation } from './expectations.js';
import type { IssueCollector } from './issues.js';
import { STEP_ACTIONS, stepSchema } from './schema-steps.js';
import { expectationSchema } from './schema.js';
import { buildStep } from './steps.js';

type Mapping = Record<string, unknown>;

/** Checks the steps and expectations of `data` that pass their schema once bad fields are cut. */
export function checkValidParts(
  data: unknown,
  hostnames: readonly string[],
  issues: IssueCollector,
): void {
  if (!isMapping(data)) return;
  listOf(data['steps']).forEach((item, index) => {
    const kept = validFields(item, stepSchema.shape);
    if (kept === null) return;
    // A step that lost a field may have lost its action (a typo such as `rnu:`, a bad value):
    // that field has its error already, and "a step needs an action" would only be noise.
    const cut = Object.keys(kept).length < Object.keys(item as Mapping).length;
    const hasAction = STEP_ACTIONS.some((action) => action in kept);
    const parsed = stepSchema.safeParse(kept);
    if ((cut && !hasAction) || !parsed.success) return;
    buildStep(parsed.data, ['steps', index], hostnames, issues);
  });
  listOf(data['expect']).forEach((item, index) => {
    const kept = validFields(item, expectationSchema.shape);
    const parsed = kept === null ? null : expectationSchema.shape.that.safeParse(kept['that']);
    if (!parsed?.success) return;
    const compiled = compileExpectation(parsed.data);
    if (!('check' in compiled)) {
      issues.atValue(['expect', index, 'that'], compiled.problem, compiled.hint);
    }
  });
}

/** The fields of `item` that its schema knows and that are valid on their own; null if none. */
function validFields(
  item: unknown,
  shape: Readonly<Record<string, { safeParse(value: unknown): { success: boolean } }>>,
): Mapping | null {
  if (!isMapping(item)) return null;
  const kept: Mapping = {};
  for (const [key, value] of Object.entries(item)) {
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (field?.safeParse(value).success) kept[key] = value;
  }
  return kept;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isMapping(value: unknown): value is Mapping {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
