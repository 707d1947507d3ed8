/**
 * Go's spellings of times and durations (`time.Time.String`, RFC 3339 with nanoseconds,
 * `time.Duration.String`), computed with integer calendar arithmetic: the simulation may not use
 * JavaScript's Date, and Go's nanosecond precision would not fit in it anyway. Times are UTC.
 */
import { GoDuration, GoTime } from './values.js';

const NANOS_PER_SECOND = 1_000_000_000n;
const SECONDS_PER_DAY = 86_400n;

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Nanoseconds within the second. */
  nanos: number;
}

/** Splits a Unix time into its UTC calendar fields (proleptic Gregorian, like Go). */
function civil(time: GoTime): Civil {
  let seconds = time.unixNanos / NANOS_PER_SECOND;
  let nanos = time.unixNanos % NANOS_PER_SECOND;
  if (nanos < 0n) {
    nanos += NANOS_PER_SECOND;
    seconds -= 1n;
  }
  let days = seconds / SECONDS_PER_DAY;
  let secondOfDay = seconds % SECONDS_PER_DAY;
  if (secondOfDay < 0n) {
    secondOfDay += SECONDS_PER_DAY;
    days -= 1n;
  }
  // Days to year/month/day, counting in 400-year eras that start on 0000-03-01.
  const z = Number(days) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const s = Number(secondOfDay);
  return {
    year,
    month,
    day,
    hour: Math.floor(s / 3600),
    minute: Math.floor((s % 3600) / 60),
    second: s % 60,
    nanos: Number(nanos),
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function datePart(c: Civil, separator: string): string {
  return (
    `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}${separator}` +
    `${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}`
  );
}

/** `.123` for 123 ms: the fraction with trailing zeros dropped, empty when zero (Go's `.999`). */
function trimmedFraction(nanos: number): string {
  if (nanos === 0) return '';
  return `.${pad(nanos, 9).replace(/0+$/, '')}`;
}

/** `time.Time.String()`: `2025-01-01 00:00:05.123 +0000 UTC`. */
export function formatGoTime(time: GoTime): string {
  const c = civil(time);
  return `${datePart(c, ' ')}${trimmedFraction(c.nanos)} +0000 UTC`;
}

/** RFC 3339 with nanoseconds, trailing zeros dropped: `2025-01-01T00:00:05.123Z` (JSON). */
export function formatRFC3339Nano(time: GoTime): string {
  const c = civil(time);
  return `${datePart(c, 'T')}${trimmedFraction(c.nanos)}Z`;
}

/** RFC 3339 with exactly nine fraction digits, as log timestamps: `...T00:00:05.123000000Z`. */
export function formatRFC3339NanoFixed(time: GoTime): string {
  const c = civil(time);
  return `${datePart(c, 'T')}.${pad(c.nanos, 9)}Z`;
}

/** `time.Time.Format("2006-01-02 15:04:05 -0700 MST")` of a whole-second time. */
export function formatGoTimeSeconds(time: GoTime): string {
  return `${datePart(civil(time), ' ')} +0000 UTC`;
}

/** `time.Duration.String()`: `0s`, `500ms`, `1.5s`, `1m30s`, `1h0m0s`. */
export function formatGoDuration(duration: GoDuration): string {
  const negative = duration.nanos < 0;
  let rest = BigInt(Math.abs(Math.round(duration.nanos)));
  const sign = negative ? '-' : '';
  if (rest === 0n) return '0s';
  if (rest < NANOS_PER_SECOND) {
    if (rest < 1000n) return `${sign}${rest}ns`;
    if (rest < 1_000_000n) return `${sign}${fraction(rest, 3)}µs`;
    return `${sign}${fraction(rest, 6)}ms`;
  }
  const seconds = fraction(rest % (60n * NANOS_PER_SECOND), 9);
  rest /= 60n * NANOS_PER_SECOND;
  if (rest === 0n) return `${sign}${seconds}s`;
  const minutes = rest % 60n;
  rest /= 60n;
  if (rest === 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${rest}h${minutes}m${seconds}s`;
}

/** `value / 10^digits` printed with the fraction's trailing zeros removed. */
function fraction(value: bigint, digits: number): string {
  const unit = 10n ** BigInt(digits);
  const whole = value / unit;
  const part = value % unit;
  if (part === 0n) return String(whole);
  return `${whole}.${String(part).padStart(digits, '0').replace(/0+$/, '')}`;
}
