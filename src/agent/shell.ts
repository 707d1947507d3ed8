/**
 * A parser for the small subset of POSIX sh that container commands usually hold:
 * simple commands joined by `;`, `&&`, `||` or newlines, `while`/`until` loops and `if` blocks.
 * Words are split and quoted by shell-quote; `$NAME` is left as a marker and expanded when the
 * command runs (`expandWord`), so `i=1; echo $i` sees the assignment.
 * Anything else (pipes, redirections, `&`, subshells, `for`, `case`) is reported as unsupported,
 * so the caller can say so instead of guessing.
 */
import { parse } from 'shell-quote';

/** A parsed script. */
export type ShellNode =
  | { kind: 'command'; argv: string[] }
  | { kind: 'list'; items: ShellListItem[] }
  | { kind: 'while'; until: boolean; condition: ShellNode; body: ShellNode }
  | { kind: 'if'; condition: ShellNode; then: ShellNode; otherwise: ShellNode | null };

/** One element of a list: run `node` after the previous one, if `connector` allows. */
export interface ShellListItem {
  connector: ';' | '&&' | '||';
  node: ShellNode;
}

/** A parsed script, or why there is none. */
export type ShellParse =
  | { ok: true; node: ShellNode }
  /** `unsupported`: valid sh swarmsim does not model; otherwise a syntax error sh would print. */
  | { ok: false; unsupported: boolean; message: string };

type Token = { word: string } | { op: string };

class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly unsupported: boolean,
  ) {
    super(message);
  }
}

/** Parses `script` as `sh -c` would; words may hold variable markers (see expandWord). */
export function parseShell(script: string): ShellParse {
  try {
    const tokens = tokenize(script);
    // `sh -c ''` is valid and does nothing.
    if (tokens.length === 0) return { ok: true, node: { kind: 'list', items: [] } };
    const parser = new Parser(tokens);
    const node = parser.parseList([]);
    parser.expectEnd();
    return { ok: true, node };
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    return { ok: false, unsupported: error.unsupported, message: error.message };
  }
}

/** Brackets a variable name inside a parsed word; NUL cannot occur in a real argument. */
const VARIABLE_MARK = '\u0000';
const VARIABLE_PATTERN = /\u0000([^\u0000]*)\u0000/g;

/** Replaces the variable markers in `word` with their values; unset names expand to ''. */
export function expandWord(word: string, vars: Readonly<Record<string, string>>): string {
  return word.replace(VARIABLE_PATTERN, (_, name: string) =>
    Object.hasOwn(vars, name) ? vars[name]! : '',
  );
}

function tokenize(script: string): Token[] {
  const mark = (name: string): string => `${VARIABLE_MARK}${name}${VARIABLE_MARK}`;
  const tokens: Token[] = [];
  for (const entry of parse(newlinesToSemicolons(script), mark)) {
    if (typeof entry === 'string') tokens.push({ word: entry });
    else if ('comment' in entry) continue;
    // No files are modelled, so a glob matches nothing and sh passes it on unchanged.
    else if (entry.op === 'glob') tokens.push({ word: entry.pattern });
    else if (['&&', '||', ';'].includes(entry.op)) tokens.push({ op: entry.op });
    else throw new ShellSyntaxError(`unsupported shell syntax '${entry.op}'`, true);
  }
  return tokens;
}

/** shell-quote reads newlines as blanks; sh reads them as `;` unless quoted. */
function newlinesToSemicolons(script: string): string {
  let quote = '';
  let out = '';
  for (let i = 0; i < script.length; i += 1) {
    const char = script[i]!;
    if (char === '\\' && quote !== "'") {
      out += char + (script[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (quote === '' && (char === "'" || char === '"')) quote = char;
    else if (char === quote) quote = '';
    out += quote === '' && char === '\n' ? ';' : char;
  }
  return out;
}

const UNSUPPORTED_KEYWORDS = ['for', 'case', 'select', 'function', '{', '}', '!'];

class Parser {
  private pos = 0;

  constructor(private readonly tokens: Token[]) {}

  /** A list of commands, up to (not including) a `terminators` keyword in command position. */
  parseList(terminators: string[]): ShellNode {
    const items: ShellListItem[] = [];
    let connector: ShellListItem['connector'] = ';';
    for (;;) {
      if (connector === ';') while (this.isOp(';')) this.pos += 1;
      const token = this.tokens[this.pos];
      if (!token || ('word' in token && terminators.includes(token.word))) {
        if (connector !== ';') throw this.unexpected(token);
        break;
      }
      items.push({ connector, node: this.parseCommand() });
      const next = this.tokens[this.pos];
      if (!next) break;
      if (!('op' in next)) throw this.unexpected(next);
      connector = next.op as ShellListItem['connector'];
      this.pos += 1;
    }
    if (items.length === 0) throw this.unexpected(this.tokens[this.pos]);
    const only = items.length === 1 ? items[0]! : null;
    return only?.connector === ';' ? only.node : { kind: 'list', items };
  }

  expectEnd(): void {
    const token = this.tokens[this.pos];
    if (token) throw this.unexpected(token);
  }

  private parseCommand(): ShellNode {
    const first = this.tokens[this.pos];
    if (!first || 'op' in first) throw this.unexpected(first);
    if (UNSUPPORTED_KEYWORDS.includes(first.word)) {
      throw new ShellSyntaxError(`unsupported shell syntax '${first.word}'`, true);
    }
    if (first.word === 'while' || first.word === 'until') {
      this.pos += 1;
      const condition = this.parseList(['do']);
      this.expectWord('do');
      const body = this.parseList(['done']);
      this.expectWord('done');
      return { kind: 'while', until: first.word === 'until', condition, body };
    }
    if (first.word === 'if') {
      this.pos += 1;
      const condition = this.parseList(['then']);
      this.expectWord('then');
      const then = this.parseList(['else', 'fi']);
      let otherwise: ShellNode | null = null;
      if (this.isWord('else')) {
        this.pos += 1;
        otherwise = this.parseList(['fi']);
      }
      this.expectWord('fi');
      return { kind: 'if', condition, then, otherwise };
    }
    const argv: string[] = [];
    while (this.pos < this.tokens.length && !this.isAnyOp()) {
      argv.push((this.tokens[this.pos] as { word: string }).word);
      this.pos += 1;
    }
    return { kind: 'command', argv };
  }

  private expectWord(word: string): void {
    if (!this.isWord(word)) {
      const token = this.tokens[this.pos];
      if (!token) throw new ShellSyntaxError(`unexpected end of file (expecting "${word}")`, false);
      throw this.unexpected(token);
    }
    this.pos += 1;
  }

  private isWord(word: string): boolean {
    const token = this.tokens[this.pos];
    return token !== undefined && 'word' in token && token.word === word;
  }

  private isOp(op: string): boolean {
    const token = this.tokens[this.pos];
    return token !== undefined && 'op' in token && token.op === op;
  }

  private isAnyOp(): boolean {
    const token = this.tokens[this.pos];
    return token !== undefined && 'op' in token;
  }

  private unexpected(token: Token | undefined): ShellSyntaxError {
    if (!token) return new ShellSyntaxError('unexpected end of file', false);
    return new ShellSyntaxError(`unexpected "${'op' in token ? token.op : token.word}"`, false);
  }
}
