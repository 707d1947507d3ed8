/**
 * The first record of a CSV text as Go's `encoding/csv` Reader reads it with its defaults (comma
 * separator, strict quotes, no comments), with its error texts. docker reads `--mount` values
 * this way, so `dst="/x` fails with Go's `parse error on line 1, column N: ...`.
 */
import type { Parsed } from './go-strconv.js';

const BARE_QUOTE = 'bare " in non-quoted-field';
const QUOTE = 'extraneous or missing " in quoted-field';

/** The lines of `text` as Go's csv reader sees them: `\r\n` becomes `\n`, a final `\r` goes. */
function goLines(text: string): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const newline = rest.indexOf('\n');
    let line = newline < 0 ? rest : rest.slice(0, newline + 1);
    rest = newline < 0 ? '' : rest.slice(newline + 1);
    if (newline < 0 && line.endsWith('\r')) line = line.slice(0, -1);
    if (line.endsWith('\r\n')) line = `${line.slice(0, -2)}\n`;
    lines.push(line);
  }
  return lines;
}

/** Go columns count bytes of the UTF-8 text, from 1. */
function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function parseError(startLine: number, line: number, column: number, message: string) {
  const where = `parse error on line ${line}, column ${column}: ${message}`;
  return { error: startLine === line ? where : `record on line ${startLine}; ${where}` };
}

/** Reads the first record; an input with no record at all fails with Go's `EOF`. */
export function readGoCsvRecord(text: string): Parsed<string[]> {
  const lines = goLines(text);
  let lineNo = 0;
  // Blank lines before the record are skipped.
  while (lineNo < lines.length && (lines[lineNo] === '\n' || lines[lineNo] === '')) lineNo += 1;
  if (lineNo >= lines.length) return { error: 'EOF' };
  const startLine = lineNo + 1;
  let line = lines[lineNo]!;
  let col = 1;
  let currentLine = startLine;
  const fields: string[] = [];
  for (;;) {
    if (!line.startsWith('"')) {
      const comma = line.indexOf(',');
      const field = comma >= 0 ? line.slice(0, comma) : line.replace(/\n$/, '');
      const quote = field.indexOf('"');
      if (quote >= 0) {
        return parseError(startLine, currentLine, col + bytes(field.slice(0, quote)), BARE_QUOTE);
      }
      fields.push(field);
      if (comma < 0) return { value: fields };
      col += bytes(line.slice(0, comma + 1));
      line = line.slice(comma + 1);
      continue;
    }
    // A quoted field may run over several lines; `""` is a quote inside it.
    line = line.slice(1);
    col += 1;
    let value = '';
    for (;;) {
      const quote = line.indexOf('"');
      if (quote >= 0) {
        value += line.slice(0, quote);
        col += bytes(line.slice(0, quote + 1));
        line = line.slice(quote + 1);
        if (line.startsWith('"')) {
          value += '"';
          line = line.slice(1);
          col += 1;
        } else if (line.startsWith(',')) {
          fields.push(value);
          line = line.slice(1);
          col += 1;
          break;
        } else if (line === '' || line === '\n') {
          fields.push(value);
          return { value: fields };
        } else {
          return parseError(startLine, currentLine, col - 1, QUOTE);
        }
      } else if (line.length > 0) {
        value += line;
        col += bytes(line);
        lineNo += 1;
        line = lines[lineNo] ?? '';
        if (line.length > 0) {
          currentLine += 1;
          col = 1;
        }
      } else {
        return parseError(startLine, currentLine, col, QUOTE);
      }
    }
  }
}
