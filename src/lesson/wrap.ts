/**
 * Narration as a terminal shows it: markdown-ish text wrapped to a width. Paragraphs (lines
 * separated by a blank line) are re-flowed; list items (`- `, `* `, `1. `) wrap under their own
 * text; lines indented by four spaces or more are code and are kept exactly as written.
 */

/** `text` wrapped to `width` columns, every line prefixed by `indent`. */
export function wrapNarration(text: string, width: number, indent = ''): string {
  const out: string[] = [];
  for (const block of blocks(text)) {
    if (block.kind === 'blank') out.push('');
    else if (block.kind === 'code') out.push(`${indent}${block.text}`);
    else {
      const hanging = indent + ' '.repeat(block.marker.length);
      out.push(...wrapWords(block.text, width, indent + block.marker, hanging));
    }
  }
  // Blank lines collapse to one and never open or close the text.
  const joined = out.join('\n').replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '');
  return `${joined}\n`;
}

type Block =
  | { kind: 'blank' }
  | { kind: 'code'; text: string }
  | { kind: 'prose'; marker: string; text: string };

const LIST_ITEM = /^\s{0,3}([-*]|\d+\.)\s+/;

function blocks(text: string): Block[] {
  const result: Block[] = [];
  let open: { kind: 'prose'; marker: string; text: string } | null = null;
  for (const line of text.replace(/\t/g, '    ').split(/\r?\n/)) {
    if (line.trim() === '') {
      result.push({ kind: 'blank' });
      open = null;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const marker = item[0].trimStart().replace(/\s+$/, ' ');
      open = { kind: 'prose', marker, text: line.slice(item[0].length) };
      result.push(open);
    } else if (open) {
      // As in markdown: without a blank line, an indented line continues the open paragraph.
      open.text += ` ${line.trim()}`;
    } else if (/^ {4}/.test(line)) {
      result.push({ kind: 'code', text: line.replace(/\s+$/, '') });
    } else {
      open = { kind: 'prose', marker: '', text: line.trim() };
      result.push(open);
    }
  }
  return result;
}

/** Greedy word wrap; a word longer than the width gets a line of its own. */
function wrapWords(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}
