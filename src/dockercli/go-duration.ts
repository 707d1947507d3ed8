/**
 * Go's time.ParseDuration (`5s`, `1m30s`, `500ms`, `1.5h`, `-2s`), used by every duration flag of
 * docker, with Go's error texts. Results are whole milliseconds of virtual time, rounded down
 * (so `-1us` stays negative and is refused like the real value would be).
 */
import { quoteGo } from '../api/go-format.js';
import type { Parsed } from './go-strconv.js';

const NANOSECONDS_PER_UNIT: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const INT64_LIMIT = 1n << 63n;
const NANOSECONDS_PER_MS = 1_000_000n;

/** Parses a Go duration into nanoseconds. */
export function parseGoDurationNs(text: string): Parsed<bigint> {
  const invalid = { error: `time: invalid duration ${quoteGo(text)}` };
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return { value: 0n };
  if (rest === '') return invalid;
  let total = 0n;
  while (rest !== '') {
    const term = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    const [consumed, whole = '', fraction] = term;
    if (whole === '' && (fraction === undefined || fraction === '')) return invalid;
    rest = rest.slice(consumed.length);
    const unitText = /^[^0-9.]*/.exec(rest)![0];
    if (unitText === '') return { error: `time: missing unit in duration ${quoteGo(text)}` };
    rest = rest.slice(unitText.length);
    const unit = NANOSECONDS_PER_UNIT[unitText];
    if (unit === undefined) {
      return { error: `time: unknown unit ${quoteGo(unitText)} in duration ${quoteGo(text)}` };
    }
    total += BigInt(whole || '0') * unit + fractionNs(fraction ?? '', unit);
    // Go works in uint64 and refuses anything beyond 2^63 (only -2^63 itself fits int64).
    if (total > INT64_LIMIT) return invalid;
  }
  if (negative) return { value: -total };
  if (total > INT64_LIMIT - 1n) return invalid;
  return { value: total };
}

/** The fractional digits' worth of `unit`, truncated like Go's float conversion (to the ns). */
function fractionNs(digits: string, unit: bigint): bigint {
  if (digits === '') return 0n;
  return (BigInt(digits) * unit) / 10n ** BigInt(digits.length);
}

/** Parses a Go duration into whole milliseconds, rounding down. */
export function parseGoDurationMs(text: string): Parsed<number> {
  const parsed = parseGoDurationNs(text);
  if ('error' in parsed) return parsed;
  const ns = parsed.value;
  const down = ns >= 0n ? ns : ns - (NANOSECONDS_PER_MS - 1n);
  return { value: Number(down / NANOSECONDS_PER_MS) };
}
