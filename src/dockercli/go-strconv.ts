/**
 * Go's strconv parsers as docker's flags use them, with Go's error texts, so a bad value is
 * refused exactly where and how docker refuses it.
 */
import { quoteGo } from '../api/go-format.js';

/** A converted flag value, or the text of why it could not be converted. */
export type Parsed<T> = { value: T } | { error: string };

const UINT64_MAX = (1n << 64n) - 1n;

function syntaxError(fn: string, text: string): { error: string } {
  return { error: `strconv.${fn}: parsing ${quoteGo(text)}: invalid syntax` };
}

function rangeError(fn: string, text: string): { error: string } {
  return { error: `strconv.${fn}: parsing ${quoteGo(text)}: value out of range` };
}

/** strconv.ParseBool. */
export function parseGoBool(text: string): Parsed<boolean> {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return { value: true };
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return { value: false };
  return syntaxError('ParseBool', text);
}

/**
 * strconv.ParseUint(text, base, 64) for base 10 or 0 (0: `0x`, `0o`, `0b` and leading-zero
 * octal prefixes, `_` between digits). The value is a bigint: uint64 does not fit a number.
 */
export function parseGoUint(text: string, base: 0 | 10): Parsed<bigint> {
  let digits = text;
  let radix = 10;
  if (base === 0) {
    const prefix = text.slice(0, 2).toLowerCase();
    if (prefix === '0x') [digits, radix] = [text.slice(2), 16];
    else if (prefix === '0o') [digits, radix] = [text.slice(2), 8];
    else if (prefix === '0b') [digits, radix] = [text.slice(2), 2];
    else if (text.length > 1 && text.startsWith('0')) [digits, radix] = [text.slice(1), 8];
    if (!underscoresOk(text)) return syntaxError('ParseUint', text);
    digits = digits.replaceAll('_', '');
  }
  if (digits === '') return syntaxError('ParseUint', text);
  let value = 0n;
  for (const char of digits.toLowerCase()) {
    const digit = parseInt(char, 36);
    if (Number.isNaN(digit) || digit >= radix) return syntaxError('ParseUint', text);
    value = value * BigInt(radix) + BigInt(digit);
  }
  if (value > UINT64_MAX) return rangeError('ParseUint', text);
  return { value };
}

/** Go's rule: an underscore must sit between digits (a base prefix counts as a digit). */
function underscoresOk(text: string): boolean {
  if (!text.includes('_')) return true;
  const body = /^0[xob]/i.test(text) ? `0${text.slice(2)}` : text;
  return !/(^_|_$|__)/.test(body) && /^[0-9a-z_]+$/i.test(body);
}

/** Digits with Go's single underscores between them. */
const DIGITS = String.raw`\d(?:_?\d)*`;
const DECIMAL_FLOAT = new RegExp(
  String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?\d+)?$`,
);
const SPECIAL_FLOAT = /^[+-]?(?:inf|infinity|nan)$/i;

/**
 * strconv.ParseFloat for decimal syntax plus Inf/NaN; `bits` 32 rounds to float32 range as Go
 * does and reports overflow. (Hexadecimal floats are not accepted.)
 */
export function parseGoFloat(text: string, bits: 32 | 64): Parsed<number> {
  if (SPECIAL_FLOAT.test(text)) {
    const lower = text.toLowerCase();
    if (lower.endsWith('nan')) return { value: Number.NaN };
    return { value: lower.startsWith('-') ? -Infinity : Infinity };
  }
  if (!DECIMAL_FLOAT.test(text)) return syntaxError('ParseFloat', text);
  const value = Number(text.replaceAll('_', ''));
  const rounded = bits === 32 ? Math.fround(value) : value;
  if (!Number.isFinite(rounded)) return rangeError('ParseFloat', text);
  return { value: rounded };
}
