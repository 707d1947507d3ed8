/**
 * Collects the problems found while loading a scenario and turns zod's issues into sentences
 * that say what is wrong and what would be valid, placed at the right line and column.
 */
import type { z } from 'zod';
import { ScenarioError, type ScenarioIssue } from './errors.js';
import type { DataPath, Locator } from './locate.js';
import { describeValue } from './schema-values.js';
import { FIELD_EXAMPLES } from './schema.js';

/** The problems of one scenario file, each placed at its line and column. */
export class IssueCollector {
  readonly issues: ScenarioIssue[] = [];

  constructor(
    readonly locator: Locator,
    /** The whole document as plain data, to quote offending values. */
    private readonly root: unknown,
  ) {}

  /** Reports a problem with the value at `path`. */
  atValue(path: DataPath, problem: string, hint: string): void {
    this.issues.push({ position: this.locator.value(path), problem, hint });
  }

  /** Reports a problem with the key `key` of the mapping at `path`. */
  atKey(path: DataPath, key: string, problem: string, hint: string): void {
    this.issues.push({ position: this.locator.key(path, key), problem, hint });
  }

  /** Reports every issue of a failed zod parse of the value found at `prefix`. */
  addZodIssues(issues: readonly z.core.$ZodIssue[], prefix: DataPath = []): void {
    for (const issue of issues) {
      const path = [...prefix, ...(issue.path as (string | number)[])];
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const hint = this.unknownKeyHint(path, key, issue.message);
          this.atKey(path, key, `unknown field '${key}' ${where(path)}`, hint);
        }
      } else {
        this.addValueIssue(issue, path);
      }
    }
  }

  /** Throws a ScenarioError if anything was reported. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new ScenarioError(this.issues);
  }

  /** In `{that: runs on a, b}` the comma ends the value and `b` becomes a key: say so. */
  private unknownKeyHint(path: DataPath, key: string, valid: string): string {
    const value = valueAt(this.root, [...path, key]);
    if (value === null && this.locator.isFlowMap(path)) {
      return `inside { } a comma ends a value: quote text that contains commas; ${valid}`;
    }
    const fields = valid.replace(/^valid fields: /, '').split(', ');
    const close = fields.find((field) => editDistance(field.toLowerCase(), key.toLowerCase()) <= 2);
    return close ? `did you mean '${close}'? ${valid}` : valid;
  }

  private addValueIssue(issue: z.core.$ZodIssue, path: DataPath): void {
    const name = fieldName(path);
    const value = valueAt(this.root, path);
    const example = exampleFor(path);
    switch (issue.code) {
      case 'invalid_type': {
        if (value === undefined) {
          const parent = path.slice(0, -1);
          this.atValue(parent, `missing field '${String(path.at(-1))}' ${where(parent)}`, example);
          return;
        }
        const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected;
        this.atValue(path, `${name} must be ${expected}, not ${describeValue(value)}`, example);
        return;
      }
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        const side = issue.code === 'too_small' ? 'at least' : 'at most';
        const limit =
          issue.origin === 'array' || issue.origin === 'string'
            ? `${side} ${bound} ${issue.origin === 'array' ? 'item' : 'character'}${s(bound)}`
            : issue.inclusive === false
              ? `${issue.code === 'too_small' ? 'more' : 'less'} than ${bound}`
              : `${side} ${bound}`;
        this.atValue(path, `${name} must be ${limit}, not ${describeValue(value)}`, example);
        return;
      }
      case 'invalid_value':
        this.atValue(
          path,
          `${name} cannot be ${describeValue(value)}`,
          `valid values: ${issue.values.map(String).join(', ')}`,
        );
        return;
      case 'invalid_format':
        this.atValue(path, `${name} ${describeValue(value)} is not valid`, example);
        return;
      case 'custom':
        this.atValue(path, issue.message, String(issue.params?.['hint'] ?? example));
        return;
      default:
        this.atValue(path, `${name}: ${issue.message}`, example);
    }
  }
}

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

/** How a value is named in messages: its full path, e.g. `cluster.nodes[0].cpus`. */
function fieldName(path: DataPath): string {
  return path.length === 0 ? 'the scenario' : formatPath(path);
}

/** `in cluster.nodes[0]`, or `at the top level` for the root. */
export function where(path: DataPath): string {
  return path.length === 0 ? 'at the top level' : `in ${formatPath(path)}`;
}

/** A data path as people read it: `steps[2].at`. */
export function formatPath(path: DataPath): string {
  return path
    .map((step, index) =>
      typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`,
    )
    .join('');
}

function exampleFor(path: DataPath): string {
  const last = [...path].reverse().find((step) => typeof step === 'string');
  if (path.length === 0) return 'a scenario is a mapping of fields such as name:, cluster:, steps:';
  const example = last === undefined ? undefined : FIELD_EXAMPLES[last];
  return example ? `e.g. ${example}` : 'see the scenario format in docs/scenarios.md';
}

function valueAt(root: unknown, path: DataPath): unknown {
  let value = root;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

/** Levenshtein distance, to suggest the field a typo was meant to be. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The plural ending for a count. */
function s(count: number | bigint): string {
  return count === 1 || count === 1n ? '' : 's';
}
