/**
 * Durations and sizes as people write them in scenarios: Go-style durations (`90s`, `1h30m`,
 * `500ms`, the syntax docker's own flags take) and binary memory sizes (`2GiB`, `512MiB`, or
 * docker's `512m`, which docker also reads as 512·1024²).
 */

const DURATION_UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;

/** Examples shown whenever a duration is rejected. */
export const DURATION_HINT = 'write a number with a unit ms, s, m or h, e.g. 500ms, 90s, 2m, 1h30m';

/** Parses a duration into integer ms, or returns null when it is not one. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  if (trimmed === '') return null;
  let total = 0;
  DURATION_PART.lastIndex = 0;
  while (DURATION_PART.lastIndex < trimmed.length) {
    const match = DURATION_PART.exec(trimmed);
    if (!match) return null;
    total += Number(match[1]) * DURATION_UNIT_MS[match[2]!]!;
  }
  // Virtual time is integer milliseconds; a finer duration cannot be honoured exactly.
  const rounded = Math.round(total);
  return Math.abs(total - rounded) < 1e-6 && Number.isSafeInteger(rounded) ? rounded : null;
}

/** Formats ms compactly and exactly, e.g. 90000 -> `1m30s`, 1500 -> `1.5s`, 0 -> `0s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  let text = '';
  if (hours > 0) text += `${hours}h`;
  if (minutes > 0) text += `${minutes}m`;
  // Whole ms, so three decimals are exact; a number drops the trailing zeros (17.16s).
  if (seconds > 0) text += `${Number(seconds.toFixed(3))}s`;
  return text;
}

const SIZE_MULTIPLIER: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};
const SIZE = /^(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|(b))?$/i;

/** Examples shown whenever a memory size is rejected. */
export const SIZE_HINT =
  'write a size like 512MiB, 2GiB or 1.5g (binary units, as docker reads them)';

/** Parses a memory size into bytes (every unit binary, like docker's RAMInBytes), or null. */
export function parseMemorySize(text: string | number): number | null {
  if (typeof text === 'number') return Number.isSafeInteger(text) && text >= 0 ? text : null;
  const match = SIZE.exec(text.trim());
  if (!match) return null;
  const unit = (match[2] ?? match[3] ?? '').toLowerCase();
  const bytes = Math.floor(Number(match[1]) * SIZE_MULTIPLIER[unit]!);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/** Formats bytes in the largest binary unit that divides them (`2GiB`, `512MiB`), else `N`. */
export function formatMemorySize(bytes: number): string {
  const units: [string, number][] = [['TiB', 1024 ** 4], ['GiB', 1024 ** 3], ['MiB', 1024 ** 2]];
  for (const [unit, size] of units) {
    if (bytes > 0 && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}
