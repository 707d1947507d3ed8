/**
 * Mutations of valid YAML texts for the parser fuzz tests (scenarios, lessons, compose files):
 * character edits, and line edits that keep the text YAML-shaped long enough to reach the
 * schema and the rules behind it (delete, duplicate, swap or re-indent a line, replace a scalar,
 * insert an unknown key, truncate, drop in random unicode).
 */
import fc from 'fast-check';

/** One character-level edit: `length` characters at `at` replaced by `insert`. */
export interface CharEdit {
  at: number;
  length: number;
  insert: string;
}

/** A character-level edit of any text (positions wrap around its length). */
export const charEdit: fc.Arbitrary<CharEdit> = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 12 }),
  insert: fc.oneof(
    fc.constantFrom('', ' ', '\n', ':', '-', '{', '"', "'", '\t', '  ', '*a', '&a', '-1', 'x'),
    fc.string({ maxLength: 6 }),
  ),
});

/** `text` after `edits`, in order. */
export function applyCharEdits(text: string, edits: readonly CharEdit[]): string {
  return edits.reduce((current, edit) => {
    const at = edit.at % (current.length + 1);
    return current.slice(0, at) + edit.insert + current.slice(at + edit.length);
  }, text);
}

/** One line-level edit; `line` and `other` wrap around the line count. */
export type LineEdit =
  | { kind: 'delete' | 'duplicate'; line: number }
  | { kind: 'swap'; line: number; other: number }
  | { kind: 'indent'; line: number; by: number }
  | { kind: 'scalar'; line: number; value: string }
  | { kind: 'key'; line: number; key: string; value: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'unicode'; at: number; text: string };

/** Values a mutated scalar takes: odd strings, numbers, nulls, flow collections, unicode. */
export const scalarText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'null', '~', '', '-1', '0', '1e400', '0.5', 'true', '[]', '{}', '[a, 1]', '{a: 1}', '"',
    "'", '*x', '&x', '!!binary', '|', '>', '#', '- x', '__proto__', 'constructor', '1s', '-5s',
    '99999999999999999999', 'NaN', '.inf', '0x1F', '"\\u0000"', "'('", '"[a"',
    '"(\\nx"', '"a\\r\\nb"',
  ),
  fc.integer().map(String),
  fc.double().map(String),
  // Quoted (JSON is YAML) so the text stays a scalar and reaches the schema, or raw.
  fc.string({ maxLength: 10 }).map((text) => JSON.stringify(text)),
  fc.string({ unit: 'grapheme', maxLength: 6 }).map((text) => JSON.stringify(text)),
  fc.string({ maxLength: 10 }),
);

/** A line-level edit of a YAML text. */
export const lineEdit: fc.Arbitrary<LineEdit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const), line: fc.nat() }),
  // Scalars twice as often: they keep the text YAML and reach the schema and the rules.
  fc.record({ kind: fc.constant('scalar' as const), line: fc.nat(), value: scalarText }),
  fc.record({ kind: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({
    kind: fc.constant('indent' as const),
    line: fc.nat(),
    by: fc.integer({ min: -4, max: 4 }),
  }),
  fc.record({ kind: fc.constant('scalar' as const), line: fc.nat(), value: scalarText }),
  fc.record({
    kind: fc.constant('key' as const),
    line: fc.nat(),
    key: fc.oneof(
      fc.constantFrom('extra', 'x-extra', '__proto__', 'seed', '<<', '"a\\nb"'),
      fc.string({ maxLength: 6 }),
    ),
    value: scalarText,
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('unicode' as const),
    at: fc.nat(),
    text: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
  }),
);

/** `text` after one line edit. */
export function applyLineEdit(text: string, edit: LineEdit): string {
  if (edit.kind === 'truncate') return text.slice(0, edit.at % (text.length + 1));
  if (edit.kind === 'unicode') {
    const at = edit.at % (text.length + 1);
    return text.slice(0, at) + edit.text + text.slice(at);
  }
  const lines = text.split('\n');
  const index = edit.line % lines.length;
  const line = lines[index]!;
  const indent = line.length - line.trimStart().length;
  switch (edit.kind) {
    case 'delete':
      lines.splice(index, 1);
      break;
    case 'duplicate':
      lines.splice(index, 0, line);
      break;
    case 'swap': {
      const other = edit.other % lines.length;
      lines[index] = lines[other]!;
      lines[other] = line;
      break;
    }
    case 'indent':
      lines[index] = ' '.repeat(Math.max(0, indent + edit.by)) + line.trimStart();
      break;
    case 'scalar':
      lines[index] = replaceScalar(line, edit.value);
      break;
    case 'key':
      lines.splice(index, 0, `${' '.repeat(indent)}${edit.key}: ${edit.value}`);
      break;
  }
  return lines.join('\n');
}

/**
 * `line` with `value` for its scalar: the value after `key: ` or `- `; the key of a `key:` that
 * opens a block (so the text stays YAML and the schema meets an odd key); else the whole line.
 */
function replaceScalar(line: string, value: string): string {
  const indent = /^\s*/.exec(line)![0];
  const opener = /^(\s*(?:- )?)[^:]+:\s*$/.exec(line);
  if (opener) return `${opener[1]!}${value}:`;
  const head = /^(\s*(?:- )?[^:]*: |\s*- )/.exec(line)?.[1];
  return head === undefined ? indent + value : head + value;
}

/** `text` after `edits`, in order. */
export function applyLineEdits(text: string, edits: readonly LineEdit[]): string {
  return edits.reduce(applyLineEdit, text);
}

/** A mutated `text`: 1..`max` line edits, one time in five followed by a character edit. */
export function mutationsOf(text: string, max = 3): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(lineEdit, { minLength: 1, maxLength: max }),
      fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: charEdit, weight: 1 }),
    )
    .map(([lines, chars]) => {
      const edited = applyLineEdits(text, lines);
      return chars === null ? edited : applyCharEdits(edited, [chars]);
    });
}
