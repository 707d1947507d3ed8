/**
 * Go templates as docker's `--format` uses them: parse once (`template parsing error: ...` on
 * failure, as docker words it), then execute against rows, headers or inspected objects.
 */
import { executeTemplate, type ExecOptions } from './exec.js';
import { HEADER_TEMPLATE_FUNCTIONS, TEMPLATE_FUNCTIONS } from './funcs.js';
import { parseTemplate, TemplateError, type ParsedTemplate } from './parse.js';
import type { GoValue } from './values.js';

export { TemplateError, type ParsedTemplate } from './parse.js';

const FUNCTION_NAMES: ReadonlySet<string> = new Set(TEMPLATE_FUNCTIONS.keys());

/** Parses a format; throws TemplateError with Go's parse message (`template: :1: ...`). */
export function compileTemplate(text: string): ParsedTemplate {
  return parseTemplate(text, FUNCTION_NAMES);
}

/** Runs a compiled template on `dot`; `header` selects docker's header functions. */
export function runTemplate(
  template: ParsedTemplate,
  dot: GoValue,
  options: ExecOptions & { header?: boolean } = {},
): string {
  const functions = options.header ? HEADER_TEMPLATE_FUNCTIONS : TEMPLATE_FUNCTIONS;
  return executeTemplate(template, dot, functions, options);
}

/** The message docker prints when a format fails to parse or run. */
export function templateErrorText(error: TemplateError): string {
  return `template parsing error: ${error.message}`;
}

/** Parses and runs in one go; returns the output or the TemplateError. */
export function renderTemplate(text: string, dot: GoValue): string | TemplateError {
  try {
    return runTemplate(compileTemplate(text), dot);
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
}
