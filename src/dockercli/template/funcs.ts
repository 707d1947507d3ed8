/**
 * The functions a docker `--format` template can call: Go's builtins (`len`, `index`, `eq`,
 * `printf`, ...) and docker's additions (`json`, `split`, `join`, `title`, `lower`, `upper`,
 * `pad`, `truncate`), plus the header variants docker uses to print table headers unchanged.
 */
import { encodeGoJson } from './go-json.js';
import { sprint, sprintln } from './go-print.js';
import { sprintf } from './printf.js';
import { FunctionError, type GoFunction, type ParamKind } from './signature.js';
import { GoDuration, GoFloat, GoMap, GoNil, goTypeName, isTrue, type GoValue } from './values.js';

type Value = GoValue | undefined;

function fn(params: ParamKind[], call: (args: Value[]) => Value, variadic = false): GoFunction {
  return { params, call, variadic };
}

const anyArgs = (call: (args: Value[]) => Value) => fn(['any'], call, true);

/** What a builtin like `html` prints for its arguments: a lone string as is, else Sprint. */
function argsText(args: Value[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((arg) => arg ?? new GoNil('interface {}')));
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Go's text/template builtins. */
const BUILTINS: Record<string, GoFunction> = {
  and: { params: ['any'], variadic: true, shortCircuit: true, call: () => undefined },
  or: { params: ['any'], variadic: true, shortCircuit: true, call: () => undefined },
  not: fn(['any'], ([value]) => !isTrue(value)),
  len: fn(['any'], ([value]) => {
    if (typeof value === 'string') return utf8Length(value);
    if (Array.isArray(value)) return value.length;
    if (value instanceof GoMap) return value.entries.size;
    if (value instanceof GoNil && /^(\[\]|map\[)/.test(value.type)) return 0;
    throw new FunctionError(
      `len of ${value === undefined ? 'nil pointer' : `type ${goTypeName(value)}`}`,
    );
  }),
  index: fn(['any', 'any'], ([item, ...keys]) => indexInto(item, keys), true),
  slice: fn(['any', 'any'], ([item, ...bounds]) => sliceOf(item, bounds), true),
  print: anyArgs((args) => sprint(args.map((arg) => arg ?? new GoNil('interface {}')))),
  println: anyArgs((args) => sprintln(args.map((arg) => arg ?? new GoNil('interface {}')))),
  printf: fn(['string', 'any'], ([format, ...args]) => sprintf(format as string, args), true),
  html: anyArgs((args) => escapeHtml(argsText(args))),
  js: anyArgs((args) => escapeJs(argsText(args))),
  urlquery: anyArgs((args) =>
    encodeURIComponent(argsText(args))
      .replace(/%20/g, '+')
      .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  ),
  call: fn(
    ['any', 'any'],
    ([callee]) => {
      throw new FunctionError(
        callee === undefined ? 'call of nil' : `non-function of type ${goTypeName(callee)}`,
      );
    },
    true,
  ),
  eq: fn(['any', 'any'], ([first, ...others]) => others.some((o) => compare(first, o) === 0), true),
  ne: fn(['any', 'any'], ([a, b]) => compare(a, b) !== 0),
  lt: fn(['any', 'any'], ([a, b]) => order(a, b) < 0),
  le: fn(['any', 'any'], ([a, b]) => order(a, b) <= 0),
  gt: fn(['any', 'any'], ([a, b]) => order(a, b) > 0),
  ge: fn(['any', 'any'], ([a, b]) => order(a, b) >= 0),
};

/** docker's template functions (`cli/templates`). */
const DOCKER_FUNCTIONS: Record<string, GoFunction> = {
  json: fn(['any'], ([value]) =>
    encodeGoJson(value ?? new GoNil('interface {}'), { escapeHTML: false }),
  ),
  split: fn(['string', 'string'], ([text, separator]) =>
    splitGo(text as string, separator as string),
  ),
  join: fn(['[]string', 'string'], ([items, separator]) =>
    Array.isArray(items) ? items.join(separator as string) : '',
  ),
  title: fn(['string'], ([text]) => titleCase(text as string)),
  lower: fn(['string'], ([text]) => (text as string).toLowerCase()),
  upper: fn(['string'], ([text]) => (text as string).toUpperCase()),
  pad: fn(['string', 'int', 'int'], ([text, before, after]) =>
    text === ''
      ? ''
      : `${' '.repeat(Math.max(0, before as number))}${text as string}` +
        ' '.repeat(Math.max(0, after as number)),
  ),
  truncate: fn(['string', 'int'], ([text, length]) => {
    const bytes = Buffer.from(text as string, 'utf8');
    return bytes.length < (length as number)
      ? (text as string)
      : bytes.subarray(0, Math.max(0, length as number)).toString('utf8');
  }),
};

const identity = ([value]: Value[]) => value;

/** docker's header functions: the table header keeps column names as they are. */
const HEADER_FUNCTIONS: Record<string, GoFunction> = {
  json: fn(['string'], identity),
  split: fn(['string', 'string'], identity),
  join: fn(['string', 'string'], identity),
  title: fn(['string'], identity),
  lower: fn(['string'], identity),
  upper: fn(['string'], identity),
  truncate: fn(['string', 'int'], identity),
};

/** Every function of a docker format template. */
export const TEMPLATE_FUNCTIONS: ReadonlyMap<string, GoFunction> = new Map(
  Object.entries({ ...BUILTINS, ...DOCKER_FUNCTIONS }),
);

/** The functions docker runs a table header with. */
export const HEADER_TEMPLATE_FUNCTIONS: ReadonlyMap<string, GoFunction> = new Map(
  Object.entries({ ...BUILTINS, ...DOCKER_FUNCTIONS, ...HEADER_FUNCTIONS }),
);

function splitGo(text: string, separator: string): string[] {
  return separator === '' ? [...text] : text.split(separator);
}

/** strings.Title: upper-case the first letter of every word (words end at non-letters). */
function titleCase(text: string): string {
  let previous = ' ';
  let out = '';
  for (const char of text) {
    out += isSeparator(previous) ? char.toUpperCase() : char;
    previous = char;
  }
  return out;
}

function isSeparator(char: string): boolean {
  if (/^[A-Za-z0-9_]$/.test(char)) return false;
  if (char.codePointAt(0)! < 0x80) return true;
  if (/^[\p{L}\p{Nd}]$/u.test(char)) return false;
  return /^\s$/u.test(char);
}

function indexInto(item: Value, keys: Value[]): Value {
  let current = item;
  for (const key of keys) {
    if (current instanceof GoMap) {
      if (typeof key !== 'string')
        throw new FunctionError(`value has type ${goTypeName(key)}; should be string`);
      const found = current.entries.get(key);
      current = found ?? (current.type === 'map[string]string' ? '' : new GoNil('interface {}'));
    } else if (Array.isArray(current) || typeof current === 'string') {
      if (typeof key !== 'number')
        throw new FunctionError(`cannot index slice/array with type ${goTypeName(key)}`);
      const length = typeof current === 'string' ? utf8Length(current) : current.length;
      if (key < 0 || key >= length) throw new FunctionError(`index out of range: ${key}`);
      current = typeof current === 'string' ? Buffer.from(current, 'utf8')[key]! : current[key]!;
    } else if (current instanceof GoNil && current.type.startsWith('map[')) {
      current = current.type === 'map[string]string' ? '' : new GoNil('interface {}');
    } else {
      throw new FunctionError(
        current === undefined
          ? 'index of untyped nil'
          : `can't index item of type ${goTypeName(current)}`,
      );
    }
  }
  return current;
}

function sliceOf(item: Value, bounds: Value[]): Value {
  if (typeof item !== 'string' && !Array.isArray(item)) {
    throw new FunctionError(
      item === undefined ? 'slice of untyped nil' : `can't slice item of type ${goTypeName(item)}`,
    );
  }
  if (bounds.length > 2) throw new FunctionError(`too many slice indexes: ${bounds.length}`);
  const length = typeof item === 'string' ? utf8Length(item) : item.length;
  const [start = 0, end = length] = bounds.map((bound) => {
    if (typeof bound !== 'number')
      throw new FunctionError(`cannot index slice/array with type ${goTypeName(bound)}`);
    if (bound < 0 || bound > length) throw new FunctionError(`index out of range: ${bound}`);
    return bound;
  });
  if (start > end) throw new FunctionError(`invalid slice index: ${start} > ${end}`);
  if (typeof item === 'string')
    return Buffer.from(item, 'utf8').subarray(start, end).toString('utf8');
  return item.slice(start, end);
}

type Basic = { kind: 'bool' | 'int' | 'float' | 'string'; value: boolean | number | string };

function basic(value: Value): Basic | null {
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'number') return { kind: 'int', value };
  if (value instanceof GoDuration) return { kind: 'int', value: value.nanos };
  if (value instanceof GoFloat) return { kind: 'float', value: value.value };
  if (typeof value === 'string') return { kind: 'string', value };
  return null;
}

function compare(a: Value, b: Value): number {
  const left = basic(a);
  const right = basic(b);
  if (!left || !right) {
    if (a === undefined || b === undefined || a instanceof GoNil || b instanceof GoNil) {
      const aNil = a === undefined || a instanceof GoNil;
      const bNil = b === undefined || b instanceof GoNil;
      if (aNil && bNil) return 0;
      if (aNil !== bNil && (a === undefined || b === undefined)) return 1;
    }
    throw new FunctionError('invalid type for comparison');
  }
  if (left.kind !== right.kind) throw new FunctionError('incompatible types for comparison');
  return left.value === right.value ? 0 : left.value < right.value ? -1 : 1;
}

function order(a: Value, b: Value): number {
  const left = basic(a);
  if (left?.kind === 'bool' || basic(b)?.kind === 'bool') {
    throw new FunctionError('invalid type for comparison');
  }
  return compare(a, b);
}

function escapeHtml(text: string): string {
  const table: Record<string, string> = {
    '&': '&amp;',
    "'": '&#39;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&#34;',
    '\0': '\uFFFD',
  };
  return text.replace(/[&'<>"\0]/g, (char) => table[char]!);
}

function escapeJs(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === "'" || char === '"') out += `\\${char}`;
    else if ('<>&='.includes(char) || code < 0x20) {
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += char;
  }
  return out;
}
