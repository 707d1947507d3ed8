/**
 * How Go's fmt prints a value with `%v`, which is what a template action `{{.X}}` writes:
 * `map[a:b]`, `[x y]`, `{field field}`, `<nil>`, durations as `1s`, times as `... +0000 UTC`.
 */
import { formatGoG } from '../../api/go-format.js';
import { formatGoDuration, formatGoTime } from './go-time.js';
import { GoDuration, GoFloat, GoMap, GoNil, GoTime, type GoValue } from './values.js';

/**
 * Where fmt would print a pointer nested in a struct or slice it prints an address; swarmsim
 * has no addresses, so it prints this fixed, Go-looking one.
 */
export const FAKE_POINTER_ADDRESS = '0xc000010000';

/** The shortest decimal that reads back as the same float32 (Go's FormatFloat(x, 'g', -1, 32)). */
export function shortestFloat32(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  for (let digits = 1; digits <= 9; digits += 1) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === Math.fround(value)) return candidate;
  }
  return value;
}

/** A float as `%v` prints it: shortest `%g` at its own precision. */
export function formatGoFloat(value: GoFloat): string {
  return formatGoG(value.bits === 32 ? shortestFloat32(value.value) : value.value);
}

/** `fmt.Sprint(value)` as a template prints it (pointers already followed). */
export function printGoValue(value: GoValue | undefined): string {
  if (value === undefined) return '<no value>';
  return printAt(value, 0);
}

function printAt(value: GoValue, depth: number): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof GoFloat) return formatGoFloat(value);
  if (value instanceof GoTime) return formatGoTime(value);
  if (value instanceof GoDuration) return formatGoDuration(value);
  if (value instanceof GoNil) {
    if (value.type.startsWith('[]')) return '[]';
    if (value.type.startsWith('map[')) return 'map[]';
    return '<nil>';
  }
  if (value instanceof GoMap) {
    const entries = value.sortedKeys().map((key) => {
      return `${key}:${printAt(value.entries.get(key)!, depth + 1)}`;
    });
    return `map[${entries.join(' ')}]`;
  }
  if (Array.isArray(value)) return `[${value.map((item) => printAt(item, depth + 1)).join(' ')}]`;
  if (value.stringer) return value.stringer();
  if (depth > 0 && value.type.startsWith('*')) return FAKE_POINTER_ADDRESS;
  return `{${value.fields
    .filter((field) => field.jsonSkip !== true)
    .map((field) => printAt(field.value, depth + 1))
    .join(' ')}}`;
}

/** Go's `fmt.Sprint(a, b, ...)`: a space between operands when neither is a string. */
export function sprint(values: readonly GoValue[]): string {
  let out = '';
  values.forEach((value, index) => {
    const previous = values[index - 1];
    if (index > 0 && typeof value !== 'string' && typeof previous !== 'string') out += ' ';
    out += printGoValue(value);
  });
  return out;
}

/** Go's `fmt.Sprintln(a, b, ...)`: always spaces between operands, and a newline. */
export function sprintln(values: readonly GoValue[]): string {
  return `${values.map((value) => printGoValue(value)).join(' ')}\n`;
}
