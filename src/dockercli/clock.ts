/**
 * Wall-clock views of virtual time. The simulation counts milliseconds from 0; docker prints
 * dates, so swarmsim pins virtual time 0 to one fixed instant, SIM_EPOCH, and every timestamp
 * the CLI shows (CreatedAt, Status.Timestamp, log times) is SIM_EPOCH + virtual time. The ages
 * docker prints (`Running 5 minutes ago`) are measured from the virtual now, never the real one.
 */
import { GoTime } from './template/values.js';

/** Virtual time 0 as Unix milliseconds: 2025-01-01T00:00:00Z. */
export const SIM_EPOCH_UNIX_MS = 1_735_689_600_000;

/** The Go time of virtual instant `simMs`. */
export function goTimeAt(simMs: number): GoTime {
  return new GoTime(BigInt(SIM_EPOCH_UNIX_MS + simMs) * 1_000_000n);
}

/** Whole Unix seconds of virtual instant `simMs` (docker's container `Created`). */
export function unixSecondsAt(simMs: number): number {
  return Math.floor((SIM_EPOCH_UNIX_MS + simMs) / 1000);
}

/**
 * go-units HumanDuration: `Less than a second`, `1 second`, `N seconds`, `About a minute`,
 * `N minutes`, `About an hour`, `N hours`, `N days`, `N weeks`, `N months`, `N years`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(ms / 3_600_000 / 24 / 365)} years`;
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];

/** go-units BytesSize: `%.4g` of the size in the largest binary unit, e.g. `1.944GiB`. */
export function bytesSize(bytes: number): string {
  return unitSize(bytes, 1024, BINARY_UNITS);
}

/** go-units HumanSize: `%.4g` of the size in the largest decimal unit, e.g. `3.072kB`. */
export function humanSize(bytes: number): string {
  return unitSize(bytes, 1000, DECIMAL_UNITS);
}

function unitSize(bytes: number, base: number, units: readonly string[]): string {
  let size = bytes;
  let unit = 0;
  while (size >= base && unit < units.length - 1) {
    size /= base;
    unit += 1;
  }
  return `${formatG4(size)}${units[unit]}`;
}

/** Go's `%.4g`: four significant digits, trailing zeros dropped. */
function formatG4(value: number): string {
  const text = value.toPrecision(4);
  if (text.includes('e')) return text;
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
