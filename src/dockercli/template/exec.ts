/**
 * Executes a parsed Go template against a value, with text/template's rules: field and map
 * lookup, variables, pipelines whose value becomes the last argument of the next command,
 * `if`/`with`/`range` truth, and Go's execution-error texts with their `:line:col` locations.
 */
import { Evaluator, MAX_STEPS } from './exec-eval.js';
import { rangeEntries, type ExecValue } from './exec-values.js';
import { printGoValue } from './go-print.js';
import type { ListNode, Node, PipeNode } from './nodes.js';
import { TemplateError, type ParsedTemplate } from './parse.js';
import type { GoFunction } from './signature.js';
import { isTrue, type GoValue } from './values.js';

export type { ExecValue } from './exec-values.js';

/** Execution options, as Go's `Option("missingkey=...")`. */
export interface ExecOptions {
  /** `error`: a missing map key fails instead of printing `<no value>`. */
  missingKey?: 'invalid' | 'error';
}

/** Go's limit on nested template calls; swarmsim stops much earlier (see MAX_DEPTH). */
const GO_MAX_DEPTH = 100000;
/** JavaScript's stack is smaller than Go's, so recursion stops here, with Go's message. */
const MAX_DEPTH = 500;

class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** Runs `template` with `dot` as `.`; throws TemplateError. */
export function executeTemplate(
  template: ParsedTemplate,
  dot: GoValue,
  functions: ReadonlyMap<string, GoFunction>,
  options: ExecOptions = {},
): string {
  const state = new ExecState(template, functions, options.missingKey ?? 'invalid');
  state.vars.push({ name: '$', value: dot });
  try {
    state.walk(dot, template.root);
  } catch (error) {
    if (error instanceof TemplateError) error.partial = state.out;
    throw error;
  }
  return state.out;
}

class ExecState extends Evaluator {
  private depth = 0;

  walk(dot: ExecValue, node: Node): void {
    this.at(node);
    switch (node.kind) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out += printGoValue(value);
        return;
      }
      case 'list':
        for (const child of node.nodes) this.walk(dot, child);
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(dot, node.kind, node.pipe, node.list, node.elseList);
      case 'range':
        return this.walkRange(dot, node.pipe, node.list, node.elseList);
      case 'template':
        return this.walkTemplate(dot, node.name, node.pipe);
      case 'break':
      case 'continue':
        throw new LoopSignal(node.kind);
    }
  }

  private walkIfOrWith(
    dot: ExecValue,
    kind: 'if' | 'with',
    pipe: PipeNode,
    list: ListNode,
    elseList: ListNode | null,
  ): void {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, pipe);
    if (isTrue(value)) this.walk(kind === 'with' ? value : dot, list);
    else if (elseList) this.walk(dot, elseList);
    this.vars.length = mark;
  }

  private walkRange(
    dot: ExecValue,
    pipe: PipeNode,
    list: ListNode,
    elseList: ListNode | null,
  ): void {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, pipe);
    const entries = this.must(rangeEntries(value, MAX_STEPS));
    const inner = this.vars.length;
    let stopped = false;
    for (const [index, element] of entries) {
      if (stopped) break;
      if (pipe.decl.length > 0) this.setLoopVars(pipe, index, element);
      try {
        this.walk(element, list);
      } catch (error) {
        if (!(error instanceof LoopSignal)) throw error;
        if (error.kind === 'break') stopped = true;
      }
      this.vars.length = inner;
    }
    if (entries.length === 0 && elseList) this.walk(dot, elseList);
    this.vars.length = mark;
  }

  /** Go's rules: one variable gets the element, two get index and element. */
  private setLoopVars(pipe: PipeNode, index: GoValue, element: GoValue): void {
    const [first, second] = pipe.decl;
    if (pipe.isAssign) {
      this.setVar(first!.ident[0]!, second ? index : element);
      if (second) this.setVar(second.ident[0]!, element);
      return;
    }
    // Declared variables are on top of the stack: the last one declared is the element.
    this.vars[this.vars.length - 1]!.value = element;
    if (second) this.vars[this.vars.length - 2]!.value = index;
  }

  private walkTemplate(dot: ExecValue, name: string, pipe: PipeNode | null): void {
    const tree = this.template.defines.get(name);
    if (!tree) this.fail(`no such template ${JSON.stringify(name)}`);
    if (this.depth >= MAX_DEPTH) {
      this.fail(`exceeded maximum template depth (${GO_MAX_DEPTH})`);
    }
    const value = pipe ? this.evalPipeline(dot, pipe) : dot;
    const saved = this.vars;
    this.vars = [{ name: '$', value }];
    this.depth += 1;
    try {
      this.walk(value, tree);
    } finally {
      this.depth -= 1;
      this.vars = saved;
    }
  }
}
