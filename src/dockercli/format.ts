/**
 * docker's formatter.Context: how `--format` values are applied to a list of rows. `table ...`
 * prints a header (the template run over the column names) and aligns columns with the
 * tabwriter; `json` is `{{json .}}`; anything else is a template printed once per row. A literal
 * `\t` or `\n` in the format is a tab or newline. A template that fails to parse or to run
 * prints nothing and fails with `template parsing error: ...`.
 */
import { tabwrite } from './tabwriter.js';
import {
  compileTemplate,
  runTemplate,
  TemplateError,
  templateErrorText,
} from './template/index.js';
import { GoMap, type GoValue } from './template/values.js';

/** Column titles by field name, e.g. `{ ID: 'ID', DesiredState: 'DESIRED STATE' }`. */
export type HeaderTitles = Readonly<Record<string, string>>;

/** The rendered text, or docker's error line. */
export type Rendered = { text: string } | { error: string };

/** True when docker treats `format` as a table format. */
export function isTableFormat(format: string): boolean {
  return format.startsWith('table');
}

/** docker's preFormat: the template text a format stands for. */
export function templateText(format: string): string {
  let text = format;
  if (isTableFormat(format)) text = format.slice('table'.length);
  else if (format === 'json') text = '{{json .}}';
  return text
    .replace(/^ +| +$/g, '')
    .replaceAll('\\t', '\t')
    .replaceAll('\\n', '\n');
}

/** Renders `rows` with `format`, as docker's list commands print them. */
export function renderRows(
  format: string,
  rows: readonly GoValue[],
  titles: HeaderTitles,
): Rendered {
  try {
    const template = compileTemplate(templateText(format));
    let body = '';
    for (const row of rows) body += `${runTemplate(template, row)}\n`;
    if (!isTableFormat(format)) return { text: body };
    return { text: tabwrite(`${renderHeader(format, titles)}\n${body}`) };
  } catch (error) {
    if (error instanceof TemplateError) return { error: templateErrorText(error) };
    throw error;
  }
}

/** The header line: the template over the titles; docker ignores a failure part-way. */
function renderHeader(format: string, titles: HeaderTitles): string {
  const template = compileTemplate(templateText(format));
  const header = new GoMap(new Map(Object.entries(titles)), 'formatter.SubHeaderContext');
  return runTemplatePartially(template, header);
}

function runTemplatePartially(template: ReturnType<typeof compileTemplate>, dot: GoValue): string {
  try {
    return runTemplate(template, dot, { header: true });
  } catch (error) {
    if (error instanceof TemplateError && error.partial !== undefined) return error.partial;
    if (error instanceof TemplateError) return '';
    throw error;
  }
}
