/**
 * POSIX command substitution in a typed line: `$(COMMAND)` runs COMMAND on the current machine
 * and is replaced by its output, trailing newlines removed (what the command printed on stderr
 * goes to the terminal). As in sh, it is expanded outside single quotes and inside double
 * quotes; unquoted, the output is split into words at blanks, quoted it stays one word. A
 * backslash or single quotes keep `$(` literal, and a `#` starting a word begins a comment.
 * The result is a line for the shell's word splitter (splitShellWords), so each output word is
 * re-quoted to come out of it unchanged.
 */
import type { CommandOutput } from '../dockercli/command.js';

/** The line with every substitution done, and the stderr the inner commands printed. */
export type Substituted = { line: string; stderr: string } | { error: string };

const BLANKS = ' \t\r\n';

/** Expands each `$(...)` of `line` with `run`, left to right. */
export function substituteCommands(
  line: string,
  run: (command: string) => CommandOutput,
): Substituted {
  let out = '';
  let stderr = '';
  let quote: '' | "'" | '"' = '';
  let index = 0;
  while (index < line.length) {
    const char = line[index]!;
    if (quote !== "'" && char === '$' && line[index + 1] === '(') {
      const end = closingParen(line, index + 2);
      if (end < 0) return { error: 'EOF found when expecting closing parenthesis' };
      const output = run(line.slice(index + 2, end));
      stderr += output.stderr;
      const text = output.stdout.replace(/\n+$/, '');
      out += quote === '"' ? escapeDoubleQuoted(text) : requoteWords(text);
      index = end + 1;
      continue;
    }
    if (quote === '' && char === '#' && (index === 0 || BLANKS.includes(line[index - 1]!))) {
      return { line: out + line.slice(index), stderr };
    }
    const escaped = char === '\\' && quote !== "'";
    const length = escaped ? 2 : 1;
    out += line.slice(index, index + length);
    if (!escaped && (char === "'" || char === '"')) {
      quote = quote === '' ? char : quote === char ? '' : quote;
    }
    index += length;
  }
  return { line: out, stderr };
}

/**
 * Index of the `)` closing a substitution whose text starts at `start`, or -1. Parentheses
 * nest, and quotes inside the command hide them (`--format '{{.ID}})'`).
 */
function closingParen(line: string, start: number): number {
  let depth = 0;
  let quote = '';
  for (let index = start; index < line.length; index += 1) {
    const char = line[index]!;
    if (quote !== '') {
      if (char === '\\' && quote === '"') index += 1;
      else if (char === quote) quote = '';
    } else if (char === '\\') {
      index += 1;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '(') {
      depth += 1;
    } else if (char === ')') {
      if (depth === 0) return index;
      depth -= 1;
    }
  }
  return -1;
}

/**
 * Unquoted output: one single-quoted word per blank-separated field (none when empty). Blanks
 * at either end still separate the output from the text next to it, as field splitting does.
 */
function requoteWords(text: string): string {
  const fields = text.split(/[ \t\n]+/).filter((field) => field !== '');
  const words = fields.map((field) => `'${field.replaceAll("'", "'\\''")}'`).join(' ');
  const before = /^[ \t\n]/.test(text) ? ' ' : '';
  const after = /[ \t\n]$/.test(text) && fields.length > 0 ? ' ' : '';
  return `${before}${words}${after}`;
}

/** Output inside double quotes: backslash and double quote escaped, the rest kept. */
function escapeDoubleQuoted(text: string): string {
  return text.replace(/[\\"]/g, (char) => `\\${char}`);
}
