/**
 * The token types of Go's text/template lexer and the cursor the lexer states move over the
 * template: reading characters, emitting items with their byte offset and line, and the
 * look-ahead tests (`atTerminator`, `atRightDelim`) and number scanning Go's lexer uses.
 */

export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'comment'
  | 'assign'
  | 'declare'
  | 'eof'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  | 'block'
  | 'break'
  | 'continue'
  | 'define'
  | 'dot'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

/** One token: its kind, text, byte offset in the template and line number (1-based). */
export interface Item {
  type: ItemType;
  value: string;
  pos: number;
  line: number;
}

export const KEYWORDS: Readonly<Record<string, ItemType>> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};

/** True for the item kinds Go prints as `<value>` in errors. */
export function isKeyword(type: ItemType): boolean {
  return Object.values(KEYWORDS).includes(type);
}

/** Go's default delimiters. */
export const LEFT = '{{';
export const RIGHT = '}}';

export function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\r' || char === '\n';
}

export function isAlphaNumeric(char: string | undefined): boolean {
  return char !== undefined && /^[\p{L}\p{Nd}_]$/u.test(char);
}

/** Go's `%#U` of a character: `U+007D '}'`. */
export function describeRune(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  const printable = code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
  return printable ? `U+${hex} '${char}'` : `U+${hex}`;
}

/** Splits `input` into items, ending with an `eof` or an `error` item. */

/** A lexer state: consumes some input and returns the next state, or null at the end. */
export type State = () => State | null;

/** The position in the template and the items found so far. */
export abstract class Cursor {
  protected pos = 0;
  protected start = 0;
  protected parenDepth = 0;
  protected readonly items: Item[] = [];

  constructor(protected readonly input: string) {}

  protected peek(): string | undefined {
    return this.input[this.pos];
  }

  protected nextChar(): string | undefined {
    const char = this.input[this.pos];
    if (char !== undefined) this.pos += 1;
    return char;
  }

  protected backup(): void {
    this.pos -= 1;
  }

  protected get startLine(): number {
    return 1 + countNewlines(this.input, 0, this.start);
  }

  protected emit(type: ItemType, value = this.input.slice(this.start, this.pos)): void {
    this.items.push({ type, value, pos: this.start, line: this.startLine });
    this.ignore();
  }

  protected ignore(): void {
    this.start = this.pos;
  }

  protected error(message: string): null {
    this.items.push({ type: 'error', value: message, pos: this.start, line: this.startLine });
    return null;
  }

  protected atRightDelim(): { found: boolean; trim: boolean } {
    const rest = this.input.slice(this.pos);
    if (isSpace(rest[0]) && rest[1] === '-' && rest.startsWith(RIGHT, 2)) {
      return { found: true, trim: true };
    }
    return { found: rest.startsWith(RIGHT), trim: false };
  }

  protected atTerminator(): boolean {
    const char = this.peek();
    if (char === undefined || isSpace(char)) return true;
    if ('.,|:)('.includes(char)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  protected scanNumber(): boolean {
    const accept = (set: string) => {
      const char = this.peek();
      if (char !== undefined && set.includes(char)) {
        this.nextChar();
        return true;
      }
      return false;
    };
    const acceptRun = (set: string) => {
      while (accept(set));
    };
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (isAlphaNumeric(this.peek()) || this.peek() === '+' || this.peek() === '-') {
      this.nextChar();
      return false;
    }
    return true;
  }
}

export function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) if (text[i] === '\n') count += 1;
  return count;
}

export function hasLeftTrimMarker(rest: string): boolean {
  return rest[0] === '-' && isSpace(rest[1]);
}

export function leftTrimLength(rest: string): number {
  let length = 0;
  while (isSpace(rest[length])) length += 1;
  return length;
}
