/**
 * A flag parser with the behaviour of spf13/pflag, which docker uses: `--flag value`,
 * `--flag=value`, `-f value`, `-fvalue`, `-f=value`, grouped short booleans (`-dq`), repeated
 * flags, `--` ending the flags, and pflag's error texts. Values are converted while parsing, like
 * pflag's `Value.Set`, so a bad value is reported at its position on the line.
 */
import { quoteGo } from '../api/go-format.js';
import { parseGoBool, type Parsed } from './go-strconv.js';

/** One flag a command accepts. */
export interface FlagDef {
  /** Long name without dashes, e.g. `replicas`. */
  name: string;
  /** One-letter shorthand, e.g. `d` for `-d`. */
  short?: string;
  /** Boolean flags take no value unless written `--flag=value`. */
  bool?: boolean;
  /** Converts a written value (pflag's Value.Set); absent means any string is fine. */
  parse?: (raw: string) => Parsed<unknown>;
  /** A real docker flag swarmsim does not simulate: parsed, then refused by the command. */
  unsupported?: boolean;
}

/** What the parser found: converted values per flag, in the order written, and the arguments. */
export interface ParsedFlags {
  values: Record<string, unknown[]>;
  args: string[];
  /** `--help` or `-h` was given (parsing stops there, as in pflag). */
  help: boolean;
}

/** How a command wants its words parsed. */
export interface ParseOptions {
  /** false: the first argument ends the flags (`docker service create IMAGE --flag` is CMD). */
  interspersed: boolean;
}

type Step = { rest: string[] } | { error: string } | { help: true };

/** Parses `argv` (the words after the command path) against `defs`. */
export function parseFlags(
  argv: readonly string[],
  defs: readonly FlagDef[],
  options: ParseOptions,
): ParsedFlags | { error: string } {
  const parsed: ParsedFlags = { values: {}, args: [], help: false };
  let rest = [...argv];
  while (rest.length > 0) {
    const word = rest.shift()!;
    if (word.length < 2 || !word.startsWith('-')) {
      if (!options.interspersed) return { ...parsed, args: [...parsed.args, word, ...rest] };
      parsed.args.push(word);
      continue;
    }
    if (word === '--') return { ...parsed, args: [...parsed.args, ...rest] };
    const step = word.startsWith('--')
      ? parseLong(word, rest, defs, parsed)
      : parseShorts(word, rest, defs, parsed);
    if ('error' in step) return step;
    if ('help' in step) return { ...parsed, help: true };
    rest = step.rest;
  }
  return parsed;
}

function parseLong(
  word: string,
  rest: string[],
  defs: readonly FlagDef[],
  parsed: ParsedFlags,
): Step {
  const body = word.slice(2);
  if (body === '' || body.startsWith('-') || body.startsWith('=')) {
    return { error: `bad flag syntax: ${word}` };
  }
  const equals = body.indexOf('=');
  const name = equals < 0 ? body : body.slice(0, equals);
  const def = defs.find((candidate) => candidate.name === name);
  if (!def) {
    return name === 'help' ? { help: true } : { error: `unknown flag: --${name}` };
  }
  if (equals >= 0) return setValue(def, body.slice(equals + 1), rest, parsed);
  if (def.bool) return setValue(def, 'true', rest, parsed);
  const [value, ...remaining] = rest;
  if (value === undefined) return { error: `flag needs an argument: ${word}` };
  return setValue(def, value, remaining, parsed);
}

/** `-abc`: each letter is a flag; the first one taking a value takes the rest of the word. */
function parseShorts(
  word: string,
  rest: string[],
  defs: readonly FlagDef[],
  parsed: ParsedFlags,
): Step {
  let shorthands = word.slice(1);
  let remaining = rest;
  while (shorthands.length > 0) {
    const letter = shorthands[0]!;
    const def = defs.find((candidate) => candidate.short === letter);
    if (!def) {
      if (letter === 'h') return { help: true };
      return { error: `unknown shorthand flag: ${quoteGoRune(letter)} in -${shorthands}` };
    }
    let value: string;
    if (shorthands.length > 2 && shorthands[1] === '=') {
      [value, shorthands] = [shorthands.slice(2), ''];
    } else if (def.bool) {
      [value, shorthands] = ['true', shorthands.slice(1)];
    } else if (shorthands.length > 1) {
      [value, shorthands] = [shorthands.slice(1), ''];
    } else if (remaining.length > 0) {
      [value, shorthands] = [remaining[0]!, ''];
      remaining = remaining.slice(1);
    } else {
      return { error: `flag needs an argument: ${quoteGoRune(letter)} in -${shorthands}` };
    }
    const step = setValue(def, value, remaining, parsed);
    if (!('rest' in step)) return step;
  }
  return { rest: remaining };
}

function setValue(def: FlagDef, raw: string, rest: string[], parsed: ParsedFlags): Step {
  const convert = def.parse ?? (def.bool ? parseGoBool : (text: string) => ({ value: text }));
  const result = convert(raw);
  if ('error' in result) {
    const label = def.short ? `-${def.short}, --${def.name}` : `--${def.name}`;
    const error = `invalid argument ${quoteGo(raw)} for ${quoteGo(label)} flag: ${result.error}`;
    return { error };
  }
  (parsed.values[def.name] ??= []).push(result.value);
  return { rest };
}

/** Go's %q of a single character: 'x'. */
function quoteGoRune(letter: string): string {
  return letter === "'" ? "'\\''" : `'${letter}'`;
}

/** Whether the flag was given at all (pflag's Changed). */
export function changed(parsed: ParsedFlags, name: string): boolean {
  return (parsed.values[name]?.length ?? 0) > 0;
}

/** The flag's last value (single-valued flags: the last one written wins). */
export function lastValue<T>(parsed: ParsedFlags, name: string): T | undefined {
  const values = parsed.values[name];
  return values === undefined ? undefined : (values[values.length - 1] as T);
}

/** Every value of a repeatable flag, in the order written. */
export function allValues<T>(parsed: ParsedFlags, name: string): T[] {
  return (parsed.values[name] ?? []) as T[];
}
