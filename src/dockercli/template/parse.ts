/**
 * The parser of Go's text/template, re-expressed over the tokens of lex.ts: actions, pipelines,
 * variables, `if`/`else if`/`range`/`with`/`break`/`continue`, `define`/`template`/`block`, with
 * Go's parse-error texts (`template: :1: function "foo" not defined`).
 */
import type { BranchNode, ListNode, Node, PipeNode, TemplateNode } from './nodes.js';
import { PipelineParser } from './parse-pipeline.js';
import type { Item } from './lex.js';

export { TemplateError } from './parse-stream.js';

/** A parsed template: its main tree and the trees `{{define}}` and `{{block}}` named. */
export interface ParsedTemplate {
  name: string;
  text: string;
  root: ListNode;
  defines: Map<string, ListNode>;
}

/** Parses `text`; `functions` are the names calls may use. Throws TemplateError. */
export function parseTemplate(
  text: string,
  functions: ReadonlySet<string>,
  name = '',
): ParsedTemplate {
  const parser = new Parser(name, text, functions);
  return { name, text, root: parser.parseRoot(), defines: parser.defines };
}

class Parser extends PipelineParser {
  readonly defines = new Map<string, ListNode>();
  private rangeDepth = 0;

  parseRoot(): ListNode {
    const root: ListNode = { kind: 'list', pos: 0, nodes: [] };
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const delim = this.next();
        if (this.nextNonSpace().type === 'define') {
          this.parseDefinition();
          continue;
        }
        this.index = this.items.indexOf(delim);
      }
      const node = this.textOrAction();
      if (node === 'end' || node === 'else') this.fail(`unexpected {{${node}}}`);
      root.nodes.push(node);
    }
    return root;
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const nameItem = this.nextNonSpace();
    if (nameItem.type !== 'string' && nameItem.type !== 'rawString') {
      this.unexpected(nameItem, context);
    }
    const name = this.unquote(nameItem.value);
    this.expect('rightDelim', context);
    const [list, end] = this.itemList();
    if (end !== 'end') this.fail(`unexpected {{else}} in ${context}`);
    this.defines.set(name, list);
  }

  /** Nodes up to the next `{{end}}` or `{{else}}`, which is returned with them. */
  private itemList(): [ListNode, 'end' | 'else'] {
    const list: ListNode = { kind: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== 'eof') {
      const node = this.textOrAction();
      if (node === 'end' || node === 'else') return [list, node];
      list.nodes.push(node);
    }
    this.fail('unexpected EOF');
  }

  private textOrAction(): Node | 'end' | 'else' {
    const item = this.nextNonSpace();
    if (item.type === 'text') return { kind: 'text', pos: item.pos, text: item.value };
    if (item.type !== 'leftDelim') this.unexpected(item, 'input');
    this.actionLine = item.line;
    try {
      return this.action();
    } finally {
      this.actionLine = 0;
    }
  }

  private action(): Node | 'end' | 'else' {
    const item = this.nextNonSpace();
    switch (item.type) {
      case 'block':
        return this.blockControl(item);
      case 'break':
      case 'continue':
        return this.loopControl(item);
      case 'else':
        return this.elseControl();
      case 'end':
        this.expect('rightDelim', 'end');
        return 'end';
      case 'if':
      case 'range':
      case 'with':
        return this.branch(item.type, item.pos);
      case 'template':
        return this.templateControl(item);
    }
    this.backup();
    const start = this.peek();
    return { kind: 'action', pos: start.pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(item: Item): Node {
    const kind = item.type as 'break' | 'continue';
    const after = this.nextNonSpace();
    if (after.type !== 'rightDelim') this.unexpected(after, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.fail(`{{${kind}}} outside {{range}}`);
    return { kind, pos: item.pos };
  }

  private elseControl(): 'else' {
    const peek = this.peekNonSpace();
    if (peek.type === 'if' || peek.type === 'with') return 'else';
    this.expect('rightDelim', 'else');
    return 'else';
  }

  private branch(kind: BranchNode['kind'], pos: number): BranchNode {
    const mark = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth += 1;
    const [list, next] = this.itemList();
    if (kind === 'range') this.rangeDepth -= 1;
    let elseList: ListNode | null = null;
    if (next === 'else') {
      const peek = this.peek();
      if ((kind === 'if' && peek.type === 'if') || (kind === 'with' && peek.type === 'with')) {
        this.next();
        elseList = { kind: 'list', pos: peek.pos, nodes: [this.branch(kind, peek.pos)] };
      } else {
        const [otherList, end] = this.itemList();
        if (end !== 'end') this.fail('expected end; found {{else}}');
        elseList = otherList;
      }
    }
    this.vars.length = mark;
    return { kind, pos, pipe, list, elseList };
  }

  private templateControl(item: Item): TemplateNode {
    const context = 'template clause';
    const nameItem = this.nextNonSpace();
    if (nameItem.type !== 'string' && nameItem.type !== 'rawString') {
      this.unexpected(nameItem, context);
    }
    const name = this.unquote(nameItem.value);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { kind: 'template', pos: item.pos, name, pipe };
  }

  private blockControl(item: Item): TemplateNode {
    const context = 'block clause';
    const nameItem = this.nextNonSpace();
    if (nameItem.type !== 'string' && nameItem.type !== 'rawString') {
      this.unexpected(nameItem, context);
    }
    const name = this.unquote(nameItem.value);
    const pipe = this.pipeline(context, 'rightDelim');
    const [list, end] = this.itemList();
    if (end !== 'end') this.fail(`unexpected {{else}} in ${context}`);
    this.defines.set(name, list);
    return { kind: 'template', pos: item.pos, name, pipe };
  }
}
