/**
 * Shell-word splitting for `--entrypoint` and `--args`, like github.com/google/shlex: blanks
 * separate words, single quotes are literal, double quotes allow backslash escapes, a backslash
 * outside quotes escapes the next character, and `#` at the start of a word begins a comment.
 */
import type { Parsed } from './go-strconv.js';

const BLANKS = ' \t\r\n';

/** Splits `text` into words, or explains which quote or escape is left open. */
export function splitShellWords(text: string): Parsed<string[]> {
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
      const quoted = readDoubleQuoted(text, index);
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

function readDoubleQuoted(text: string, start: number): Parsed<{ text: string; next: number }> {
  let out = '';
  let index = start;
  while (index < text.length) {
    const char = text[index]!;
    index += 1;
    if (char === '"') return { value: { text: out, next: index } };
    if (char === '\\') {
      if (index >= text.length) return { error: 'EOF found after escape character' };
      out += text[index];
      index += 1;
    } else {
      out += char;
    }
  }
  return { error: 'EOF found when expecting closing quote' };
}
