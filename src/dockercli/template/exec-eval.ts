/**
 * Evaluation of template pipelines: commands, field chains, variables, function calls with
 * Go's argument checks, and the `:line:col` error locations of text/template.
 */
import {
  arityProblem,
  fieldOf,
  MISSING,
  numberValue,
  Problem,
  type ExecValue,
  type Missing,
} from './exec-values.js';
import type { CommandNode, Node, Operand, PipeNode } from './nodes.js';
import { nodeString } from './nodes.js';
import { TemplateError, type ParsedTemplate } from './parse.js';
import { isTrue } from './values.js';
import { checkArgument, FunctionError, type GoFunction } from './signature.js';

/** A bound on work, so a template like `{{range 1000000000}}` cannot hang the simulation. */
export const MAX_STEPS = 2_000_000;

/** The evaluation half of an execution; the executor adds the walk over the tree. */
export abstract class Evaluator {
  out = '';
  vars: { name: string; value: ExecValue }[] = [];
  protected node: Node | Operand | CommandNode | null = null;
  private steps = 0;

  constructor(
    protected readonly template: ParsedTemplate,
    protected readonly functions: ReadonlyMap<string, GoFunction>,
    protected readonly missingKey: 'invalid' | 'error',
  ) {}

  fail(message: string): never {
    const name = this.template.name;
    if (!this.node) throw new TemplateError(`template: ${name}: ${message}`);
    const before = this.template.text.slice(0, this.node.pos);
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const lastNewline = before.lastIndexOf('\n');
    const column = lastNewline < 0 ? this.node.pos : this.node.pos - lastNewline - 1;
    throw new TemplateError(
      `template: ${name}:${line}:${column}: executing ${JSON.stringify(name)} at ` +
        `<${nodeString(this.node)}>: ${message}`,
    );
  }

  at(node: Node | Operand | CommandNode): void {
    this.node = node;
    this.steps += 1;
    if (this.steps > MAX_STEPS) this.fail(`swarmsim stopped the template after ${MAX_STEPS} steps`);
  }

  evalPipeline(dot: ExecValue, pipe: PipeNode): ExecValue {
    this.at(pipe as unknown as Operand);
    let value: ExecValue | typeof MISSING = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    const result = value === MISSING ? undefined : value;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0]!, result);
      else this.vars.push({ name: variable.ident[0]!, value: result });
    }
    return result;
  }

  protected setVar(name: string, value: ExecValue): void {
    for (let i = this.vars.length - 1; i >= 0; i -= 1) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.fail(`undefined variable: ${name}`);
  }

  protected varValue(name: string): ExecValue {
    for (let i = this.vars.length - 1; i >= 0; i -= 1) {
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    }
    this.fail(`undefined variable: ${name}`);
  }

  protected evalCommand(dot: ExecValue, cmd: CommandNode, final: ExecValue | Missing): ExecValue {
    const first = cmd.args[0]!;
    switch (first.kind) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case 'chain': {
        this.at(first);
        if (first.node.kind === 'nil')
          this.fail(`indirection through explicit nil in ${nodeString(first)}`);
        const receiver = this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, receiver, first, first.fields, cmd.args, final);
      }
      case 'identifier':
        return this.evalFunction(dot, first.name, first, cmd, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': {
        this.at(first);
        const value = this.varValue(first.ident[0]!);
        if (first.ident.length === 1) {
          this.notAFunction(cmd.args, final);
          return value;
        }
        return this.evalFieldChain(dot, value, first, first.ident.slice(1), cmd.args, final);
      }
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.fail('nil is not a command');
      case 'number':
        return numberValue(first);
      case 'string':
        return first.text;
    }
  }

  protected notAFunction(args: Operand[], final: ExecValue | Missing): void {
    if (args.length > 1 || final !== MISSING) {
      this.fail(`can't give argument to non-function ${nodeString(args[0]!)}`);
    }
  }

  protected evalFieldChain(
    dot: ExecValue,
    receiver: ExecValue,
    node: Operand,
    idents: string[],
    args: Operand[],
    final: ExecValue | Missing,
  ): ExecValue {
    let value = receiver;
    idents.forEach((name, index) => {
      const last = index === idents.length - 1;
      value = this.evalField(name, last ? args : [], last ? final : MISSING, value);
    });
    return value;
  }

  protected evalField(
    name: string,
    args: Operand[],
    final: ExecValue | Missing,
    receiver: ExecValue,
  ): ExecValue {
    const hasArgs = args.length > 1 || final !== MISSING;
    return this.must(fieldOf(receiver, name, hasArgs, this.missingKey));
  }

  /** The value, or a failure at the current node with the problem's text. */
  protected must<T>(result: T | Problem): T {
    if (result instanceof Problem) this.fail(result.message);
    return result;
  }

  protected evalFunction(
    dot: ExecValue,
    name: string,
    node: Operand,
    cmd: CommandNode,
    final: ExecValue | Missing,
  ): ExecValue {
    this.at(node);
    const fn = this.functions.get(name);
    if (!fn) this.fail(`${JSON.stringify(name)} is not a defined function`);
    const args = cmd.args.slice(1);
    const arity = arityProblem(fn, name, args.length, final !== MISSING);
    if (arity) this.fail(arity);
    if (fn.shortCircuit) return this.evalAndOr(dot, name, args, final);
    const values = args.map((arg, index) => {
      const kind = fn.params[Math.min(index, fn.params.length - 1)]!;
      return this.checked(kind, this.evalArg(dot, arg), arg);
    });
    if (final !== MISSING) values.push(this.checked(fn.params[fn.params.length - 1]!, final, null));
    try {
      return fn.call(values);
    } catch (error) {
      if (!(error instanceof FunctionError)) throw error;
      this.at(cmd);
      this.fail(`error calling ${name}: ${error.message}`);
    }
  }

  protected evalAndOr(
    dot: ExecValue,
    name: string,
    args: Operand[],
    final: ExecValue | Missing,
  ): ExecValue {
    let value: ExecValue;
    for (const arg of args) {
      value = this.evalArg(dot, arg);
      if (isTrue(value) === (name === 'or')) return value;
    }
    return final === MISSING ? value : final;
  }

  protected checked(
    kind: Parameters<typeof checkArgument>[0],
    value: ExecValue,
    arg: Operand | null,
  ) {
    const problem = checkArgument(kind, value, arg);
    if (problem) this.fail(problem);
    return value;
  }

  evalArg(dot: ExecValue, arg: Operand): ExecValue {
    this.at(arg);
    switch (arg.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return undefined;
      case 'field':
        return this.evalFieldChain(dot, dot, arg, arg.ident, [arg], MISSING);
      case 'variable': {
        const value = this.varValue(arg.ident[0]!);
        if (arg.ident.length === 1) return value;
        return this.evalFieldChain(dot, value, arg, arg.ident.slice(1), [arg], MISSING);
      }
      case 'pipe':
        return this.evalPipeline(dot, arg);
      case 'identifier':
        return this.evalFunction(
          dot,
          arg.name,
          arg,
          { kind: 'command', pos: arg.pos, args: [arg] },
          MISSING,
        );
      case 'chain': {
        const receiver = this.evalArg(dot, arg.node);
        return this.evalFieldChain(dot, receiver, arg, arg.fields, [arg], MISSING);
      }
      case 'bool':
        return arg.value;
      case 'number':
        return numberValue(arg);
      case 'string':
        return arg.text;
    }
  }
}
