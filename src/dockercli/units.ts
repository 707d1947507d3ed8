/**
 * docker's resource units: memory sizes are binary (`512m` = 512·1024², `1G` = 1024³, go-units'
 * RAMInBytes) and CPUs are decimals or fractions turned into NanoCPUs (`0.5` = 5e8, opts.ParseCPUs
 * with big.Rat, so `1/3` is refused as too precise).
 */
import type { Parsed } from './go-strconv.js';
import { parseGoFloat } from './go-strconv.js';

const BINARY_MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};
/** Longest suffix go-units accepts (`kib`). */
const SUFFIX_LENGTH_MAX = 3;
const INT64_MIN = -(2 ** 63);

/** Parses a memory size into bytes (`--reserve-memory`, `--limit-memory`). */
export function parseMemoryBytes(text: string): Parsed<number> {
  const invalidSize = { error: `invalid size: '${text}'` };
  const split = lastIndexOfAny(text, '0123456789. ');
  if (split < 0) return invalidSize;
  // A space may separate the number from its suffix; it belongs to neither.
  const number = text[split] === ' ' ? text.slice(0, split) : text.slice(0, split + 1);
  let suffix = text.slice(split + 1);
  const parsed = parseGoFloat(number, 64);
  if ('error' in parsed) return parsed;
  let size = parsed.value;
  if (size < 0) return invalidSize;
  if (suffix !== '') {
    if (suffix.length > SUFFIX_LENGTH_MAX) return { error: `invalid suffix: '${suffix}'` };
    suffix = suffix.toLowerCase();
    const multiplier = BINARY_MULTIPLIERS[suffix[0]!];
    const bytesOnly = suffix === 'b';
    const tailOk = suffix.length === 1 || suffix.slice(1) === 'b' || suffix.slice(1) === 'ib';
    if (!bytesOnly && (multiplier === undefined || !tailOk)) {
      return { error: `invalid suffix: '${suffix}'` };
    }
    size *= bytesOnly ? 1 : multiplier!;
  }
  return { value: goFloatToInt64(size) };
}

function lastIndexOfAny(text: string, chars: string): number {
  for (let index = text.length - 1; index >= 0; index -= 1) {
    if (chars.includes(text[index]!)) return index;
  }
  return -1;
}

/** Go's int64(float64) on amd64: truncation, and the minimum int64 when out of range or NaN. */
function goFloatToInt64(value: number): number {
  if (!Number.isFinite(value) || value >= 2 ** 63 || value < INT64_MIN) return INT64_MIN;
  return Math.trunc(value);
}

/** Parses a CPU amount into NanoCPUs (`--reserve-cpu`, `--limit-cpu`). */
export function parseNanoCPUs(text: string): Parsed<number> {
  const rational = parseRational(text);
  if (!rational) return { error: `failed to parse ${text} as a rational number` };
  const [numerator, denominator] = rational;
  const nano = numerator * 1_000_000_000n;
  if (nano % denominator !== 0n) return { error: 'value is too precise' };
  // big.Int's Int64() keeps the low 64 bits of an oversized value.
  return { value: Number(BigInt.asIntN(64, nano / denominator)) };
}

const RATIO = /^([+-]?\d+)\/(\d+)$/;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const HEX_INTEGER = /^([+-]?)0[xX]([0-9a-fA-F]+)$/;
/** Exponents beyond this would build absurd bigints; big.Rat refuses them too. */
const EXPONENT_MAX = 10_000;

/** big.Rat.SetString's common forms: `a/b`, decimals with exponent, hex integers. */
function parseRational(text: string): [bigint, bigint] | null {
  const ratio = RATIO.exec(text);
  if (ratio) {
    const denominator = BigInt(ratio[2]!);
    return denominator === 0n ? null : [BigInt(ratio[1]!), denominator];
  }
  const hex = HEX_INTEGER.exec(text);
  if (hex) return [BigInt(`0x${hex[2]}`) * (hex[1] === '-' ? -1n : 1n), 1n];
  const decimal = DECIMAL.exec(text);
  if (!decimal) return null;
  const [, sign, whole = '', fraction = '', exponentText = '0'] = decimal;
  if (whole === '' && fraction === '') return null;
  const exponent = Number(exponentText) - fraction.length;
  if (Math.abs(exponent) > EXPONENT_MAX) return null;
  let numerator = BigInt(`${whole}${fraction}` || '0') * (sign === '-' ? -1n : 1n);
  let denominator = 1n;
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator = 10n ** BigInt(-exponent);
  return [numerator, denominator];
}
