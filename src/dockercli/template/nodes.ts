/**
 * The parse tree of a Go template, with Go's node kinds and the `String()` form Go uses to name a
 * node in execution errors (`executing "" at <.Foo>`).
 */

/** Every node records its byte offset in the template, for error locations. */
interface Base {
  pos: number;
}

export interface TextNode extends Base {
  kind: 'text';
  text: string;
}
export interface FieldNode extends Base {
  kind: 'field';
  /** `.A.B` is ['A', 'B']. */
  ident: string[];
}
export interface VariableNode extends Base {
  kind: 'variable';
  /** `$x.A` is ['$x', 'A']. */
  ident: string[];
}
export interface IdentifierNode extends Base {
  kind: 'identifier';
  name: string;
}
export interface ChainNode extends Base {
  kind: 'chain';
  node: Operand;
  fields: string[];
}
export interface DotNode extends Base {
  kind: 'dot';
}
export interface NilNode extends Base {
  kind: 'nil';
}
export interface BoolNode extends Base {
  kind: 'bool';
  value: boolean;
}
export interface NumberNode extends Base {
  kind: 'number';
  text: string;
  value: number;
  isInt: boolean;
}
export interface StringNode extends Base {
  kind: 'string';
  quoted: string;
  text: string;
}
export interface PipeNode extends Base {
  kind: 'pipe';
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode extends Base {
  kind: 'command';
  args: Operand[];
}
export type Operand =
  | FieldNode
  | VariableNode
  | IdentifierNode
  | ChainNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export interface ActionNode extends Base {
  kind: 'action';
  pipe: PipeNode;
}
export interface ListNode extends Base {
  kind: 'list';
  nodes: Node[];
}
export interface BranchNode extends Base {
  kind: 'if' | 'range' | 'with';
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface TemplateNode extends Base {
  kind: 'template';
  name: string;
  pipe: PipeNode | null;
}
export interface LoopControlNode extends Base {
  kind: 'break' | 'continue';
}
export type Node = TextNode | ActionNode | ListNode | BranchNode | TemplateNode | LoopControlNode;

/** Go's `String()` of a node, as execution errors quote it. */
export function nodeString(node: Operand | CommandNode | Node): string {
  switch (node.kind) {
    case 'text':
      return JSON.stringify(node.text);
    case 'field':
      return node.ident.map((part) => `.${part}`).join('');
    case 'variable':
      return node.ident.join('.');
    case 'identifier':
      return node.name;
    case 'chain': {
      const inner =
        node.node.kind === 'pipe' ? `(${nodeString(node.node)})` : nodeString(node.node);
      return inner + node.fields.map((field) => `.${field}`).join('');
    }
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(node.value);
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
    case 'pipe':
      return pipeString(node);
    case 'command':
      return node.args
        .map((arg) => (arg.kind === 'pipe' ? `(${nodeString(arg)})` : nodeString(arg)))
        .join(' ');
    case 'action':
      return `{{${nodeString(node.pipe)}}}`;
    case 'list':
      return node.nodes.map(nodeString).join('');
    case 'if':
    case 'range':
    case 'with': {
      const elsePart = node.elseList ? `{{else}}${nodeString(node.elseList)}` : '';
      return `{{${node.kind} ${nodeString(node.pipe)}}}${nodeString(node.list)}${elsePart}{{end}}`;
    }
    case 'template':
      const pipe = node.pipe ? ` ${nodeString(node.pipe)}` : '';
      return `{{template ${JSON.stringify(node.name)}${pipe}}}`;
    case 'break':
    case 'continue':
      return `{{${node.kind}}}`;
  }
}

function pipeString(pipe: PipeNode): string {
  let text = '';
  if (pipe.decl.length > 0) {
    text = `${pipe.decl.map((v) => v.ident.join('.')).join(', ')} ${pipe.isAssign ? '=' : ':='} `;
  }
  return text + pipe.cmds.map((cmd) => nodeString(cmd)).join(' | ');
}
