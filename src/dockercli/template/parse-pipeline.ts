/**
 * Pipelines of Go templates: declarations (`$x :=`, `$i, $v :=`), commands separated by `|`,
 * and their operands (fields, variables, literals, function names, parenthesized pipelines).
 */
import { parseGoNumber } from './literals.js';
import type { Item } from './lex.js';
import type { CommandNode, Operand, PipeNode, VariableNode } from './nodes.js';
import { TokenStream } from './parse-stream.js';

/** Parses pipelines; the template structure is parsed by the subclass. */
export abstract class PipelineParser extends TokenStream {
  protected vars: string[] = ['$'];

  constructor(
    name: string,
    text: string,
    protected readonly functions: ReadonlySet<string>,
  ) {
    super(name, text);
  }

  protected pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const pipe: PipeNode = {
      kind: 'pipe',
      pos: this.peekNonSpace().pos,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    this.declarations(pipe, context);
    for (;;) {
      const item = this.nextNonSpace();
      if (item.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      const starts = [
        'bool',
        'charConstant',
        'dot',
        'field',
        'identifier',
        'number',
        'nil',
        'rawString',
        'string',
        'variable',
        'leftParen',
      ];
      if (!starts.includes(item.type)) this.unexpected(item, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }

  /** `$x :=`, `$x =`, `$i, $v :=` at the start of a pipeline. */
  protected declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const variable = this.peekNonSpace();
      if (variable.type !== 'variable') return;
      const before = this.index;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        pipe.isAssign = next.type === 'assign';
        this.nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: variable.pos, ident: [variable.value] });
        this.vars.push(variable.value);
        return;
      }
      if (next.type === 'char' && next.value === ',') {
        this.nextNonSpace();
        pipe.decl.push({ kind: 'variable', pos: variable.pos, ident: [variable.value] });
        this.vars.push(variable.value);
        if (context === 'range' && pipe.decl.length < 2) {
          const after = this.peekNonSpace().type;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue;
          this.fail('range can only initialize variables');
        }
        this.fail(`too many declarations in ${context}`);
      }
      this.index = before;
      return;
    }
  }

  protected checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((cmd, index) => {
      const first = cmd.args[0]!.kind;
      if (['bool', 'dot', 'nil', 'number', 'string'].includes(first)) {
        this.fail(`non executable command in pipeline stage ${index + 2}`);
      }
    });
  }

  protected command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const item = this.next();
      if (item.type === 'space') continue;
      if (item.type === 'rightDelim' || item.type === 'rightParen') this.backup();
      else if (item.type !== 'pipe') this.unexpected(item, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.fail('empty command');
    return cmd;
  }

  protected operand(): Operand | null {
    const node = this.term();
    if (!node || this.peek().type !== 'field') return node;
    const fields: string[] = [];
    const pos = this.peek().pos;
    while (this.peek().type === 'field') fields.push(this.next().value.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos: node.pos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { kind: 'variable', pos: node.pos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.fail(`unexpected . after term ${JSON.stringify(termString(node))}`);
    }
    return { kind: 'chain', pos, node, fields };
  }

  protected term(): Operand | null {
    const item = this.nextNonSpace();
    switch (item.type) {
      case 'identifier':
        if (!this.functions.has(item.value)) {
          this.fail(`function ${JSON.stringify(item.value)} not defined`);
        }
        return { kind: 'identifier', pos: item.pos, name: item.value };
      case 'dot':
        return { kind: 'dot', pos: item.pos };
      case 'nil':
        return { kind: 'nil', pos: item.pos };
      case 'variable':
        return this.useVar(item);
      case 'field':
        return { kind: 'field', pos: item.pos, ident: [item.value.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: item.pos, value: item.value === 'true' };
      case 'charConstant':
      case 'number': {
        const number = parseGoNumber(item.value, item.type === 'charConstant');
        if (typeof number === 'string') this.fail(number);
        return { kind: 'number', pos: item.pos, text: item.value, ...number };
      }
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString':
        return {
          kind: 'string',
          pos: item.pos,
          quoted: item.value,
          text: this.unquote(item.value),
        };
    }
    this.backup();
    return null;
  }

  protected useVar(item: Item): VariableNode {
    const ident = item.value.split('.');
    if (!this.vars.includes(ident[0]!)) {
      this.fail(`undefined variable ${JSON.stringify(ident[0])}`);
    }
    return { kind: 'variable', pos: item.pos, ident };
  }
}

function termString(node: Operand): string {
  if (node.kind === 'string') return node.quoted;
  if (node.kind === 'number') return node.text;
  if (node.kind === 'bool') return String(node.value);
  return node.kind === 'nil' ? 'nil' : '.';
}
