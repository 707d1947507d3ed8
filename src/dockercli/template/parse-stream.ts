/**
 * The token stream under the template parser: look-ahead over the lexer's items, the current
 * line for messages, and Go's parse-error wording (`unexpected "|" in command`).
 */
import { isKeyword, lex, type Item } from './lex.js';
import { unquoteGo } from './literals.js';

/** A failed parse or execution: the message is exactly what Go's error prints. */
export class TemplateError extends Error {
  override name = 'TemplateError';
  /** For an execution error: what the template had written before it failed. */
  partial?: string;
}

function itemString(item: Item): string {
  if (item.type === 'eof') return 'EOF';
  if (item.type === 'error') return item.value;
  if (isKeyword(item.type)) return `<${item.value}>`;
  if ([...item.value].length > 10) return `${goQuotePrefix(item.value)}...`;
  return JSON.stringify(item.value);
}

/** Go's `%.10q`: the first ten characters, quoted. */
function goQuotePrefix(value: string): string {
  return JSON.stringify([...value].slice(0, 10).join(''));
}

/** Reads tokens; subclasses parse them. */
export abstract class TokenStream {
  protected readonly items: Item[];
  protected index = 0;
  protected actionLine = 0;
  protected lastLine = 1;

  constructor(
    protected readonly name: string,
    text: string,
  ) {
    this.items = lex(text);
  }

  protected fail(message: string): never {
    throw new TemplateError(`template: ${this.name}:${this.lastLine}: ${message}`);
  }

  protected next(): Item {
    const item = this.items[this.index] ?? this.items[this.items.length - 1]!;
    if (this.index < this.items.length) this.index += 1;
    this.lastLine = item.line;
    return item;
  }

  protected backup(count = 1): void {
    this.index -= count;
  }

  protected peek(): Item {
    return this.items[this.index] ?? this.items[this.items.length - 1]!;
  }

  protected nextNonSpace(): Item {
    let item = this.next();
    while (item.type === 'space') item = this.next();
    return item;
  }

  protected peekNonSpace(): Item {
    const item = this.nextNonSpace();
    this.backup();
    return item;
  }

  protected unexpected(item: Item, context: string): never {
    if (item.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== item.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (item.value.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.fail(`${item.value}${extra}`);
    }
    this.fail(`unexpected ${itemString(item)} in ${context}`);
  }

  protected expect(type: Item['type'], context: string): Item {
    const item = this.nextNonSpace();
    if (item.type !== type) this.unexpected(item, context);
    return item;
  }

  protected unquote(quoted: string): string {
    const text = unquoteGo(quoted);
    if (text === null) this.fail('invalid syntax');
    return text;
  }
}
