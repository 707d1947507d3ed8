/**
 * Go's text/tabwriter (elastic tabstops) with the settings docker's tables use: minimum cell
 * width 10, padding 3, space padding. Tab-terminated cells in consecutive lines form a column as
 * wide as its widest cell plus padding; the last cell of a line is never padded, which is why
 * docker's table rows end with spaces when their last column is empty.
 */

/** Layout of a tabwriter, as Go's `tabwriter.NewWriter(out, minwidth, tabwidth, padding, ...)`. */
export interface TabwriterOptions {
  minWidth: number;
  padding: number;
}

/** docker's `tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`. */
export const DOCKER_TABLE: TabwriterOptions = { minWidth: 10, padding: 3 };

interface Cell {
  text: string;
  /** Display width in columns. */
  width: number;
}

/** Aligns tab-separated `input` into columns. */
export function tabwrite(input: string, options: TabwriterOptions = DOCKER_TABLE): string {
  const lines = splitCells(input);
  const writer = new Formatter(lines, options);
  writer.format(0, lines.length);
  return writer.out;
}

/** Lines of cells; `\t` and `\v` end a cell, `\n` and `\f` end a line. */
function splitCells(input: string): Cell[][] {
  const lines: Cell[][] = [[]];
  let text = '';
  for (const char of input) {
    if (char === '\t' || char === '\v' || char === '\n' || char === '\f') {
      lines[lines.length - 1]!.push({ text, width: displayWidth(text) });
      text = '';
      if (char === '\n' || char === '\f') lines.push([]);
    } else {
      text += char;
    }
  }
  lines[lines.length - 1]!.push({ text, width: displayWidth(text) });
  return lines;
}

class Formatter {
  out = '';
  private readonly widths: number[] = [];

  constructor(
    private readonly lines: Cell[][],
    private readonly options: TabwriterOptions,
  ) {}

  /** Go's recursive column-block algorithm over lines [line0, line1). */
  format(line0: number, line1: number): void {
    const column = this.widths.length;
    let start = line0;
    for (let current = line0; current < line1; current += 1) {
      if (column >= this.lines[current]!.length - 1) continue;
      // A cell in this column starts a block: print the lines before it first.
      this.writeLines(start, current);
      start = current;
      let width = this.options.minWidth;
      for (; current < line1; current += 1) {
        const line = this.lines[current]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + this.options.padding);
      }
      this.widths.push(width);
      this.format(start, current);
      this.widths.pop();
      // The line that ended the block has no cell in this column, so skipping it is fine.
      start = current;
    }
    this.writeLines(start, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i += 1) {
      const line = this.lines[i]!;
      line.forEach((cell, j) => {
        this.out += cell.text;
        if (j < this.widths.length)
          this.out += ' '.repeat(Math.max(0, this.widths[j]! - cell.width));
      });
      if (i + 1 < this.lines.length) this.out += '\n';
    }
  }
}

/** Terminal columns a string takes: 2 for East Asian wide characters, else 1 per character. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
