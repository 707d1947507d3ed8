/**
 * What docker's list commands share: the `--filter key=value` flag (parsed like docker's
 * FilterOpt), the daemon's check of filter names, the choice between the default table, quiet
 * mode and a custom `--format`, and printing the rows.
 */
import type { CommandOutput } from './command.js';
import type { FlagDef, ParsedFlags } from './flags.js';
import { allValues, lastValue } from './flags.js';
import { renderRows, type HeaderTitles } from './format.js';
import type { GoValue } from './template/values.js';

/** Filters by name, values in the order given. */
export type Filters = ReadonlyMap<string, readonly string[]>;

/** `-f, --filter key=value`: the name is lower-cased and both halves trimmed, as docker does. */
export function filterFlag(short: string | undefined = 'f'): FlagDef {
  return {
    name: 'filter',
    short,
    parse(raw) {
      if (raw === '') return { value: null };
      if (!raw.includes('=')) return { error: 'bad format of filter (expected name=value)' };
      const equals = raw.indexOf('=');
      return {
        value: {
          name: raw.slice(0, equals).trim().toLowerCase(),
          value: raw.slice(equals + 1).trim(),
        },
      };
    },
  };
}

/** The filters given, grouped by name. */
export function filtersOf(parsed: ParsedFlags): Map<string, string[]> {
  const filters = new Map<string, string[]>();
  for (const entry of allValues<{ name: string; value: string } | null>(parsed, 'filter')) {
    if (!entry) continue;
    const values = filters.get(entry.name) ?? [];
    if (!values.includes(entry.value)) values.push(entry.value);
    filters.set(entry.name, values);
  }
  return filters;
}

/** The daemon's `Invalid filter 'x'` for a filter name it does not accept; null when fine. */
export function invalidFilter(filters: Filters, accepted: readonly string[]): string | null {
  const unknown = [...filters.keys()].sort().find((name) => !accepted.includes(name));
  return unknown === undefined ? null : `Error response from daemon: Invalid filter '${unknown}'`;
}

/** True when `value` passes the filter `name` by prefix (docker's name and id filters). */
export function matchesPrefix(filters: Filters, name: string, value: string): boolean {
  const wanted = filters.get(name);
  return !wanted || wanted.some((prefix) => value.startsWith(prefix));
}

/** True when `labels` match every `label=key` / `label=key=value` filter. */
export function matchesLabels(
  filters: Filters,
  name: string,
  labels: Record<string, string>,
): boolean {
  return (filters.get(name) ?? []).every((wanted) => {
    const equals = wanted.indexOf('=');
    const key = equals < 0 ? wanted : wanted.slice(0, equals);
    if (!Object.hasOwn(labels, key)) return false;
    return equals < 0 || wanted.slice(equals + 1) === labels[key];
  });
}

/** A list command's own formats (docker's `New...Format`). */
export interface ListFormats {
  /** The default `table ...` format. */
  table: string;
  /** What `--format raw` means, and its quiet form. */
  raw?: { normal: string; quiet: string };
}

/** The format a list command uses: `--format`, else its table, or `{{.ID}}` when quiet. */
export function listFormat(parsed: ParsedFlags, formats: ListFormats): string {
  const format = lastValue<string>(parsed, 'format') ?? '';
  const quiet = lastValue<boolean>(parsed, 'quiet') ?? false;
  if (format === '' || format === 'table') return quiet ? '{{.ID}}' : formats.table;
  if (format === 'raw' && formats.raw) return quiet ? formats.raw.quiet : formats.raw.normal;
  return format;
}

/** Prints rows with `format`: the text on stdout, or the template error and exit 1. */
export function printRows(
  format: string,
  rows: readonly GoValue[],
  titles: HeaderTitles,
): CommandOutput {
  const rendered = renderRows(format, rows, titles);
  if ('error' in rendered) return { stdout: '', stderr: `${rendered.error}\n`, exitCode: 1 };
  return { stdout: rendered.text, stderr: '', exitCode: 0 };
}
