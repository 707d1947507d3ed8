/**
 * The value parsers every part of the scenario schema shares (schema.ts, schema-cluster.ts,
 * schema-steps.ts): strict objects that name their valid fields, durations and sizes read into
 * integer ms and bytes, labels, counts. Kept apart so each part's file holds only its own shape.
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
export function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const valid = `valid fields: ${Object.keys(shape).join(', ')}`;
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? valid : undefined),
  });
}

/** A value parsed by `parse`, which returns null to reject it with `problem` and `hint`. */
export function parsed<T>(parse: (value: unknown) => T | null, problem: string, hint: string) {
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

/** A duration, `30s` or `2m` (or 0), read into integer ms. */
export const duration = parsed(
  (value) => (typeof value === 'string' ? parseDuration(value) : value === 0 ? 0 : null),
  'bad duration',
  DURATION_HINT,
);

/** A memory size, `512MiB` or a byte count, read into bytes. */
export const memorySize = parsed(
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
/** Labels as key: value pairs, values read as strings. */
export const labels = z.record(z.string(), labelValue);
/** dockerd's `--node-generic-resource` values: `SSD=3`, `GPU=UUID1`. */
export const genericResourceList = z.array(z.string().regex(/^[^=\s]+=[^=\s]+$/));
/** A count: a whole number, 0 or more. */
export const count = z.int().min(0);
