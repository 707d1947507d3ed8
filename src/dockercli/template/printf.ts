/**
 * Go's `fmt.Sprintf` for the verbs templates use: `%v %s %d %q %t %x %X %o %b %f %e %g %c %T %%`,
 * with `-`, `0`, `+` and space flags, width and precision, and Go's inline complaints
 * (`%!d(string=a)`, `%!s(MISSING)`, `%!(EXTRA int=1)`).
 */
import { quoteGo } from '../../api/go-format.js';
import { formatGoFloat, printGoValue } from './go-print.js';
import { GoFloat, goTypeName, type GoValue } from './values.js';

/** Formats `args` with `format` as Go's Sprintf. */
export function sprintf(format: string, args: readonly (GoValue | undefined)[]): string {
  let out = '';
  let next = 0;
  const verb = /%([-+# 0]*)(\d+)?(?:\.(\d*))?([a-zA-Z%])?/y;
  for (let i = 0; i < format.length; ) {
    if (format[i] !== '%') {
      out += format[i];
      i += 1;
      continue;
    }
    verb.lastIndex = i;
    const match = verb.exec(format)!;
    i = verb.lastIndex;
    const [, flags = '', width, precision, letter] = match;
    if (letter === undefined) {
      out += '%!(NOVERB)';
      continue;
    }
    if (letter === '%') {
      out += '%';
      continue;
    }
    if (next >= args.length) {
      out += `%!${letter}(MISSING)`;
      continue;
    }
    const arg = args[next++];
    const text = formatOne(letter, arg, flags, precision);
    out += pad(text, width === undefined ? 0 : Number(width), flags);
  }
  if (next < args.length) {
    const extra = args.slice(next).map((arg) => `${goTypeName(arg)}=${printGoValue(arg)}`);
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

function pad(text: string, width: number, flags: string): string {
  const length = [...text].length;
  if (length >= width) return text;
  if (flags.includes('-')) return text + ' '.repeat(width - length);
  if (flags.includes('0') && /^[+-]?\d/.test(text)) {
    const sign = /^[+-]/.test(text) ? text[0]! : '';
    return sign + '0'.repeat(width - length) + text.slice(sign.length);
  }
  return ' '.repeat(width - length) + text;
}

function formatOne(
  letter: string,
  arg: GoValue | undefined,
  flags: string,
  precision: string | undefined,
): string {
  const bad = () => `%!${letter}(${goTypeName(arg)}=${printGoValue(arg)})`;
  if (arg === undefined) return letter === 'T' ? '<nil>' : `%!${letter}(<nil>)`;
  const sign = (n: number) =>
    n >= 0 && flags.includes('+') ? '+' : n >= 0 && flags.includes(' ') ? ' ' : '';
  switch (letter) {
    case 'v':
      return printGoValue(arg);
    case 'T':
      return goTypeName(arg);
    case 's':
      if (typeof arg !== 'string') return typeof arg === 'number' ? bad() : printGoValue(arg);
      return precision === undefined ? arg : [...arg].slice(0, Number(precision || 0)).join('');
    case 'q':
      return typeof arg === 'string'
        ? quoteGo(arg)
        : typeof arg === 'number'
          ? `'${String.fromCodePoint(arg)}'`
          : bad();
    case 't':
      return typeof arg === 'boolean' ? String(arg) : bad();
    case 'd':
      return typeof arg === 'number' ? sign(arg) + String(arg) : bad();
    case 'c':
      return typeof arg === 'number' ? String.fromCodePoint(arg) : bad();
    case 'x':
    case 'X':
    case 'o':
    case 'b':
      return integerBase(letter, arg) ?? bad();
    case 'f':
    case 'F':
    case 'e':
    case 'g': {
      const value = arg instanceof GoFloat ? arg.value : typeof arg === 'number' ? null : null;
      if (value === null) return bad();
      if (letter === 'g') return sign(value) + formatGoFloat(arg as GoFloat);
      const digits = precision === undefined ? 6 : Number(precision || 0);
      const text =
        letter === 'e'
          ? value.toExponential(digits).replace(/e([+-])(\d)$/, 'e$10$2')
          : value.toFixed(digits);
      return sign(value) + text;
    }
  }
  return bad();
}

function integerBase(letter: string, arg: GoValue): string | null {
  const base = letter === 'o' ? 8 : letter === 'b' ? 2 : 16;
  if (typeof arg === 'number') {
    const text = arg.toString(base);
    return letter === 'X' ? text.toUpperCase() : text;
  }
  if (typeof arg === 'string' && base === 16) {
    const hex = [...Buffer.from(arg, 'utf8')]
      .map((byte) => byte.toString(16).padStart(2, '0'))
      .join('');
    return letter === 'X' ? hex.toUpperCase() : hex;
  }
  return null;
}
