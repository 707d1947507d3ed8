/**
 * Go literals inside template actions: numbers (`42`, `0x1F`, `1e3`, `'a'`) and quoted strings
 * (`"a\tb"`, raw `` `a` ``), read as Go's strconv reads them.
 */

/** A number literal's value; errors come back as Go's message. */
export function parseGoNumber(
  text: string,
  isChar: boolean,
): { value: number; isInt: boolean } | string {
  if (isChar) {
    const inner = unquoteGo(`"${text.slice(1, -1).replace(/"/g, '\\"')}"`);
    if (inner === null || [...inner].length !== 1 || !text.endsWith("'") || text.length < 3) {
      return `malformed character constant: ${text}`;
    }
    return { value: inner.codePointAt(0)!, isInt: true };
  }
  const integer = parseGoInteger(text);
  if (integer !== null) {
    if (!Number.isSafeInteger(integer) && /^[+-]?[0-9_]+$/.test(text)) {
      return `integer overflow: ${JSON.stringify(text)}`;
    }
    return { value: integer, isInt: true };
  }
  const cleaned = text.replace(/_/g, '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cleaned)) {
    const value = Number(cleaned);
    return { value, isInt: Number.isInteger(value) && Math.abs(value) < 2 ** 63 };
  }
  return `illegal number syntax: ${JSON.stringify(text)}`;
}

/** strconv.ParseInt(text, 0, 64) without range errors; null when not an integer literal. */
function parseGoInteger(text: string): number | null {
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(
    text,
  );
  if (!match) return null;
  const body = match[2]!;
  // Go allows `_` between digits and after a base prefix, never doubled or trailing.
  if (/__|_$/.test(body)) return null;
  const digits = body.replace(/_/g, '');
  let value: number;
  if (/^0[xX]/.test(digits)) value = parseInt(digits.slice(2), 16);
  else if (/^0[oO]/.test(digits)) value = parseInt(digits.slice(2), 8);
  else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
  else if (digits.length > 1 && digits.startsWith('0')) value = parseInt(digits.slice(1), 8);
  else value = Number(digits);
  if (Number.isNaN(value)) return null;
  return match[1] === '-' ? -value : value;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** strconv.Unquote for `"..."` and `` `...` ``; null when Go would refuse it. */
export function unquoteGo(quoted: string): string | null {
  if (quoted.length < 2) return null;
  if (quoted.startsWith('`')) {
    return quoted.endsWith('`') ? quoted.slice(1, -1).replace(/\r/g, '') : null;
  }
  if (!quoted.startsWith('"') || !quoted.endsWith('"')) return null;
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (char === '"' || char === '\n') return null;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const escape = body[i + 1];
    if (escape === undefined) return null;
    if (Object.hasOwn(SIMPLE_ESCAPES, escape) && escape !== "'") {
      out += SIMPLE_ESCAPES[escape];
      i += 1;
      continue;
    }
    const widths: Record<string, number> = { x: 2, u: 4, U: 8 };
    if (Object.hasOwn(widths, escape)) {
      const hex = body.slice(i + 2, i + 2 + widths[escape]!);
      if (!new RegExp(`^[0-9a-fA-F]{${widths[escape]}}$`).test(hex)) return null;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff || (escape !== 'x' && code >= 0xd800 && code <= 0xdfff)) return null;
      out += escape === 'x' ? String.fromCharCode(code) : String.fromCodePoint(code);
      i += 1 + widths[escape]!;
      continue;
    }
    const octal = body.slice(i + 1, i + 4);
    if (/^[0-7]{3}$/.test(octal) && parseInt(octal, 8) <= 255) {
      out += String.fromCharCode(parseInt(octal, 8));
      i += 3;
      continue;
    }
    return null;
  }
  return out;
}
