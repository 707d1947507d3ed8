/** Plain-text tables laid out like docker's (Go tabwriter: padding 3, spaces, no trailing pad). */

/** Column padding between cells, as docker's tables use. */
const PADDING = 3;

/** Lays out rows (header first) as aligned columns, each line prefixed with `indent`. */
export function formatTable(rows: readonly (readonly string[])[], indent = ''): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  const pad = (cell: string, index: number, row: readonly string[]) =>
    index === row.length - 1 ? cell : cell.padEnd(widths[index]! + PADDING);
  return rows
    .map((row) => indent + row.map((cell, index) => pad(cell, index, row)).join(''))
    .map((line) => `${line.trimEnd()}\n`)
    .join('');
}

/** Bytes as docker's `units.BytesSize` prints them: binary units, 4 significant digits. */
export { bytesSize as formatBytes } from '../dockercli/clock.js';
