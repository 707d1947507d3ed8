/**
 * The lexer of Go's text/template, re-expressed: it splits a template into text and the tokens
 * inside `{{ }}`, with Go's trim markers (`{{- ` and ` -}}`), comments, quoted strings, numbers,
 * fields, variables and keywords, and reports the same lexical errors with the same texts.
 */
import {
  Cursor,
  describeRune,
  hasLeftTrimMarker,
  isAlphaNumeric,
  isSpace,
  KEYWORDS,
  LEFT,
  leftTrimLength,
  RIGHT,
  type Item,
  type State,
} from './lex-cursor.js';

export { describeRune, isKeyword, type Item, type ItemType } from './lex-cursor.js';

/** Splits `input` into items, ending with an `eof` or an `error` item. */
export function lex(input: string): Item[] {
  return new Lexer(input).run();
}

class Lexer extends Cursor {
  run(): Item[] {
    let state: State | null = () => this.lexText();
    while (state) state = state();
    return this.items;
  }

  private lexText(): State | null {
    const index = this.input.indexOf(LEFT, this.pos);
    if (index < 0) {
      this.pos = this.input.length;
      if (this.pos > this.start) this.emit('text');
      this.emit('eof', '');
      return null;
    }
    let end = index;
    if (hasLeftTrimMarker(this.input.slice(index + LEFT.length))) {
      while (end > this.start && isSpace(this.input[end - 1])) end -= 1;
    }
    this.pos = end;
    if (this.pos > this.start) this.emit('text');
    this.pos = index;
    this.ignore();
    return () => this.lexLeftDelim();
  }

  private lexLeftDelim(): State | null {
    this.pos += LEFT.length;
    const trim = hasLeftTrimMarker(this.input.slice(this.pos));
    const afterMarker = trim ? 2 : 0;
    if (this.input.startsWith('/*', this.pos + afterMarker)) {
      this.pos += afterMarker;
      this.ignore();
      return () => this.lexComment();
    }
    this.emit('leftDelim', LEFT);
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return () => this.lexInsideAction();
  }

  private lexComment(): State | null {
    this.pos += 2;
    const end = this.input.indexOf('*/', this.pos);
    if (end < 0) return this.error('unclosed comment');
    this.pos = end + 2;
    const delim = this.atRightDelim();
    if (!delim.found) return this.error('comment ends before closing delimiter');
    if (delim.trim) this.pos += 2;
    this.pos += RIGHT.length;
    if (delim.trim) this.pos += leftTrimLength(this.input.slice(this.pos));
    this.ignore();
    return () => this.lexText();
  }

  private lexRightDelim(): State | null {
    const { trim } = this.atRightDelim();
    if (trim) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += RIGHT.length;
    this.emit('rightDelim');
    if (trim) {
      this.pos += leftTrimLength(this.input.slice(this.pos));
      this.ignore();
    }
    return () => this.lexText();
  }

  private lexInsideAction(): State | null {
    if (this.atRightDelim().found) {
      if (this.parenDepth > 0) return this.error('unclosed left paren');
      return () => this.lexRightDelim();
    }
    const char = this.nextChar();
    if (char === undefined) return this.error('unclosed action');
    if (isSpace(char)) {
      this.backup();
      return () => this.lexSpace();
    }
    return this.lexActionChar(char);
  }

  private lexActionChar(char: string): State | null {
    const again = (): State => () => this.lexInsideAction();
    switch (char) {
      case '=':
        this.emit('assign');
        return again();
      case ':':
        if (this.nextChar() !== '=') return this.error('expected :=');
        this.emit('declare');
        return again();
      case '|':
        this.emit('pipe');
        return again();
      case '"':
        return this.lexEscapedQuote('"');
      case '`':
        return this.lexRawQuote();
      case '$':
        return this.lexFieldOrVariable('variable');
      case "'":
        return this.lexEscapedQuote("'");
      case '.':
        if (/[0-9]/.test(this.peek() ?? '')) {
          this.backup();
          return this.lexNumber();
        }
        return this.lexFieldOrVariable('field');
      case '(':
        this.emit('leftParen');
        this.parenDepth += 1;
        return again();
      case ')':
        this.parenDepth -= 1;
        if (this.parenDepth < 0) return this.error('unexpected right paren');
        this.emit('rightParen');
        return again();
    }
    if (char === '+' || char === '-' || /[0-9]/.test(char)) {
      this.backup();
      return this.lexNumber();
    }
    if (isAlphaNumeric(char)) {
      this.backup();
      return this.lexIdentifier();
    }
    const code = char.codePointAt(0)!;
    if (code < 0x7f && code >= 0x20) {
      this.emit('char');
      return again();
    }
    return this.error(`unrecognized character in action: ${describeRune(char)}`);
  }

  private lexSpace(): State | null {
    let spaces = 0;
    while (isSpace(this.peek())) {
      this.nextChar();
      spaces += 1;
    }
    // A space followed by `-}}` belongs to the trim marker, not to the action.
    const rest = this.input.slice(this.pos - 1);
    if (rest[1] === '-' && rest.startsWith(RIGHT, 2)) {
      this.backup();
      if (spaces === 1) return () => this.lexInsideAction();
    }
    this.emit('space');
    return () => this.lexInsideAction();
  }

  private lexIdentifier(): State | null {
    while (isAlphaNumeric(this.peek())) this.nextChar();
    if (!this.atTerminator()) return this.error(`bad character ${describeRune(this.peek()!)}`);
    const word = this.input.slice(this.start, this.pos);
    const keyword = Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
    if (keyword) this.emit(keyword);
    else if (word === 'true' || word === 'false') this.emit('bool');
    else this.emit('identifier');
    return () => this.lexInsideAction();
  }

  private lexFieldOrVariable(type: 'field' | 'variable'): State | null {
    if (this.atTerminator()) {
      this.emit(type === 'variable' ? 'variable' : 'dot');
      return () => this.lexInsideAction();
    }
    while (isAlphaNumeric(this.peek())) this.nextChar();
    if (!this.atTerminator()) return this.error(`bad character ${describeRune(this.peek()!)}`);
    this.emit(type);
    return () => this.lexInsideAction();
  }

  /**
   * A quoted string (`"`) or character constant (`'`): backslash escapes anything but a newline,
   * and the token must close on the same line.
   */
  private lexEscapedQuote(close: '"' | "'"): State | null {
    for (;;) {
      const char = this.nextChar();
      if (char === '\\') {
        const escaped = this.nextChar();
        if (escaped !== undefined && escaped !== '\n') continue;
      }
      if (char === undefined || char === '\n' || char === '\\') {
        return this.error(
          close === '"' ? 'unterminated quoted string' : 'unterminated character constant',
        );
      }
      if (char === close) break;
    }
    this.emit(close === '"' ? 'string' : 'charConstant');
    return () => this.lexInsideAction();
  }

  private lexRawQuote(): State | null {
    const end = this.input.indexOf('`', this.pos);
    if (end < 0) return this.error('unterminated raw quoted string');
    this.pos = end + 1;
    this.emit('rawString');
    return () => this.lexInsideAction();
  }

  private lexNumber(): State | null {
    if (!this.scanNumber()) {
      return this.error(`bad number syntax: "${this.input.slice(this.start, this.pos)}"`);
    }
    this.emit('number');
    return () => this.lexInsideAction();
  }
}
