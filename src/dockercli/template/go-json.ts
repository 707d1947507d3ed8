/**
 * Go's encoding/json for the values in values.ts: struct fields in declaration order with
 * `omitempty`, embedded structs inlined, map keys sorted, times as RFC 3339, durations as
 * nanosecond integers, Go's string escapes (HTML-safe unless disabled, as `{{json}}` does), and
 * `MarshalIndent`'s layout for the indented form docker's inspect prints.
 */
import { shortestFloat32 } from './go-print.js';
import { formatRFC3339Nano } from './go-time.js';
import { GoDuration, GoFloat, GoMap, GoNil, GoStruct, GoTime, type GoValue } from './values.js';

/** How to encode. */
export interface JsonOptions {
  /** Escape `<`, `>` and `&` (json.Marshal does; docker's `{{json}}` turns it off). */
  escapeHTML: boolean;
  /** Indent unit (`MarshalIndent`), or undefined for the compact form. */
  indent?: string;
}

/** Encodes `value` as Go would. */
export function encodeGoJson(value: GoValue, options: JsonOptions): string {
  return encode(value, options, 0);
}

function encode(value: GoValue, options: JsonOptions, level: number): string {
  if (typeof value === 'string') return quoteJson(value, options.escapeHTML);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof GoFloat) return encodeFloat(value);
  if (value instanceof GoTime) return `"${formatRFC3339Nano(value)}"`;
  if (value instanceof GoDuration) return String(value.nanos);
  if (value instanceof GoNil) return 'null';
  if (Array.isArray(value)) {
    return wrap(
      '[',
      ']',
      value.map((item) => encode(item, options, level + 1)),
      options,
      level,
    );
  }
  const members = value instanceof GoMap ? mapMembers(value) : structMembers(value);
  if (value instanceof GoStruct && value.jsonSortedKeys) {
    members.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  const separator = options.indent === undefined ? ':' : ': ';
  const items = members.map(
    ([key, member]) =>
      `${quoteJson(key, options.escapeHTML)}${separator}${encode(member, options, level + 1)}`,
  );
  return wrap('{', '}', items, options, level);
}

function wrap(
  open: string,
  close: string,
  items: string[],
  options: JsonOptions,
  level: number,
): string {
  if (items.length === 0) return `${open}${close}`;
  if (options.indent === undefined) return `${open}${items.join(',')}${close}`;
  const inner = `\n${options.indent.repeat(level + 1)}`;
  return `${open}${inner}${items.join(`,${inner}`)}\n${options.indent.repeat(level)}${close}`;
}

function mapMembers(map: GoMap): [string, GoValue][] {
  return map.sortedKeys().map((key) => [key, map.entries.get(key)!]);
}

/** Struct fields in order, embedded structs inlined, `omitempty` applied. */
function structMembers(struct: GoStruct): [string, GoValue][] {
  const members: [string, GoValue][] = [];
  for (const field of struct.fields) {
    if (field.jsonSkip) continue;
    if (field.embedded && field.value instanceof GoStruct) {
      members.push(...structMembers(field.value));
      continue;
    }
    if (field.omitEmpty && isEmptyForJson(field.value)) continue;
    members.push([field.name, field.value]);
  }
  return members;
}

/** encoding/json's notion of empty: structs (times included) never are. */
export function isEmptyForJson(value: GoValue): boolean {
  if (typeof value === 'string') return value === '';
  if (typeof value === 'number') return value === 0;
  if (typeof value === 'boolean') return !value;
  if (value instanceof GoFloat) return value.value === 0;
  if (value instanceof GoDuration) return value.nanos === 0;
  if (value instanceof GoNil) return true;
  if (value instanceof GoMap) return value.entries.size === 0;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/**
 * Go's float encoder: the shortest decimal, in exponent form only below 1e-6 or from 1e21 on,
 * which is exactly where JavaScript's own number printing switches too.
 */
function encodeFloat(value: GoFloat): string {
  const number = value.bits === 32 ? shortestFloat32(value.value) : value.value;
  return String(number);
}

const HEX = '0123456789abcdef';

/** A JSON string with Go's escapes. */
export function quoteJson(text: string, escapeHTML: boolean): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || (escapeHTML && (char === '<' || char === '>' || char === '&'))) {
      out += `\\u00${HEX[code >> 4]}${HEX[code & 15]}`;
    } else if (code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16)}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += '\\ufffd';
    else out += char;
  }
  return `${out}"`;
}
