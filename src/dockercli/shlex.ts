/**
 * Shell-word splitting for `--entrypoint` and `--args`, like github.com/google/shlex: blanks
 * separate words, single quotes are literal, double quotes allow backslash escapes, a backslash
 * outside quotes escapes the next character, and `#` at the start of a word begins a comment.
 * The `sh` dialect is how the user's shell splits a typed line (POSIX): inside double quotes a
 * backslash escapes only `$`, a backquote, `"`, `\` and a newline, and is kept before anything
 * else, so `--format "table {{.Name}}\t{{.Image}}"` reaches docker with its `\t`.
 */
import type { Parsed } from './go-strconv.js';

const BLANKS = ' \t\r\n';

/** Which rules split the words: docker's own (google/shlex) or a POSIX shell's. */
export type ShellDialect = 'shlex' | 'sh';

/** Characters a backslash escapes inside double quotes in a POSIX shell. */
const SH_QUOTED_ESCAPES = '$`"\\\n';

/** Splits `text` into words, or explains which quote or escape is left open. */
export function splitShellWords(text: string, dialect: ShellDialect = 'shlex'): Parsed<string[]> {
  const words: string[] = [];
  let word: string | null = null;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    index += 1;
    if (BLANKS.includes(char)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (char === '#' && word === null) {
      break;
    } else if (char === '\\') {
      if (index >= text.length) return { error: 'EOF found after escape character' };
      word = (word ?? '') + text[index];
      index += 1;
    } else if (char === "'") {
      const end = text.indexOf("'", index);
      if (end < 0) return { error: 'EOF found when expecting closing quote' };
      word = (word ?? '') + text.slice(index, end);
      index = end + 1;
    } else if (char === '"') {
      const quoted = readDoubleQuoted(text, index, dialect);
      if ('error' in quoted) return quoted;
      word = (word ?? '') + quoted.value.text;
      index = quoted.value.next;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== null) words.push(word);
  return { value: words };
}

function readDoubleQuoted(
  text: string,
  start: number,
  dialect: ShellDialect,
): Parsed<{ text: string; next: number }> {
  let out = '';
  let index = start;
  while (index < text.length) {
    const char = text[index]!;
    index += 1;
    if (char === '"') return { value: { text: out, next: index } };
    if (char === '\\') {
      if (index >= text.length) return { error: 'EOF found after escape character' };
      const next = text[index]!;
      if (dialect === 'sh' && !SH_QUOTED_ESCAPES.includes(next)) out += char;
      out += next;
      index += 1;
    } else {
      out += char;
    }
  }
  return { error: 'EOF found when expecting closing quote' };
}
