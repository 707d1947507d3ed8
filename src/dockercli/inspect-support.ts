/**
 * docker's inspect printing (`cli/command/inspect`): without `--format` a JSON array indented by
 * four spaces (`[]` when nothing was found), with `--format json` the compact array, otherwise
 * the template once per object. Objects that cannot be found are reported after the output,
 * one error per line, and make the command exit 1.
 */
import type { SimContext } from '../engine/simulation.js';
import type { Node } from '../model/types.js';
import { type CommandOutput, type DockerSession, sessionEngine } from './command.js';
import { lastValue, type ParsedFlags } from './flags.js';
import { encodeGoJson } from './template/go-json.js';
import {
  compileTemplate,
  runTemplate,
  TemplateError,
  templateErrorText,
} from './template/index.js';
import type { GoValue } from './template/values.js';

/** Why a reference named nothing: the error line docker prints. */
export class LookupFailure {
  constructor(readonly error: string) {}
}

/** Finds the object a reference names. */
export type GetRef = (ref: string) => GoValue | LookupFailure;

/** Prints `refs` as `docker <object> inspect [--format]` does. */
export function inspectObjects(
  refs: readonly string[],
  format: string,
  getRef: GetRef,
): CommandOutput {
  let template: ReturnType<typeof compileTemplate> | null = null;
  if (format !== '' && format !== 'json') {
    try {
      template = compileTemplate(format);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return { stdout: '', stderr: `${templateErrorText(error)}\n`, exitCode: 1 };
    }
  }
  const errors: string[] = [];
  const found: GoValue[] = [];
  let text = '';
  for (const ref of refs) {
    const object = getRef(ref);
    if (object instanceof LookupFailure) {
      errors.push(object.error);
      continue;
    }
    if (!template) {
      found.push(object);
      continue;
    }
    try {
      text += `${runTemplate(template, object)}\n`;
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      errors.push(templateErrorText(error));
    }
  }
  const stdout = template ? text || '\n' : `${jsonArray(found, format === 'json')}\n`;
  const stderr = errors.map((error) => `${error}\n`).join('');
  return { stdout, stderr, exitCode: errors.length > 0 ? 1 : 0 };
}

function jsonArray(objects: GoValue[], compact: boolean): string {
  if (objects.length === 0) return '[]';
  return encodeGoJson(
    objects,
    compact ? { escapeHTML: true } : { escapeHTML: true, indent: '    ' },
  );
}

/**
 * `docker <object> inspect [--format]` of objects the session machine's own engine holds
 * (networks, volumes), in or out of a swarm: `find` looks each reference up on that engine.
 */
export function inspectOnEngine(
  ctx: SimContext,
  parsed: ParsedFlags,
  session: DockerSession,
  find: (node: Node, ref: string) => GoValue | LookupFailure,
): CommandOutput {
  const engine = sessionEngine(ctx, session);
  if ('exitCode' in engine) return engine;
  const format = lastValue<string>(parsed, 'format') ?? '';
  return inspectObjects(parsed.args, format, (ref) => find(engine.node, ref));
}
