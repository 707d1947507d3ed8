/**
 * Reading the YAML of a scenario or lesson file: the data with a locator that maps every value
 * back to its line and column, or a located ScenarioError for bad syntax and bad aliases, with a
 * hint for the mistakes people make most. The library's own warnings are silenced: every problem
 * reaches the user as one located message, never as a line on stderr.
 */
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { ScenarioError } from './errors.js';
import { Locator } from './locate.js';

/** A YAML document read into data, with the positions of its values. */
export interface YamlDocument {
  data: unknown;
  locator: Locator;
}

/** Reads `text`; `file` names it in messages. Throws only ScenarioError. */
export function readYamlDocument(text: string, file: string): YamlDocument {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    logLevel: 'error',
  });
  const locator = new Locator(file, doc, lines);
  const yamlError = doc.errors[0];
  if (yamlError) throw new ScenarioError([yamlIssue(yamlError, locator)]);
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }), locator };
  } catch (error) {
    // Unresolved or exploding aliases are only found when the document is turned into data.
    throw new ScenarioError([
      {
        position: locator.offset(0),
        problem: lowerFirst((error as Error).message),
        hint: 'define each &anchor before its *alias',
      },
    ]);
  }
}

const INDENT_HINT = 'fields of one mapping start in the same column; nested ones further right';

/** Hints for the YAML mistakes people make most. */
const YAML_HINTS: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  DUPLICATE_KEY: 'each field may appear once in a mapping',
  MISSING_CHAR: 'close every quote and bracket that is opened',
  MULTIPLE_DOCS: "a file is one YAML document: remove the '---' line",
  BAD_DQ_ESCAPE: "inside double quotes write a backslash as \\\\, or use single quotes",
  BAD_INDENT: INDENT_HINT,
  BLOCK_AS_IMPLICIT_KEY: INDENT_HINT,
  BLOCK_IN_FLOW: "inside { } or [ ], quote text that contains ': ' or commas",
  MULTILINE_IMPLICIT_KEY:
    'a field name and its colon fit on one line; quote text that contains ": "',
};

function yamlIssue(error: YAMLError, locator: Locator) {
  // MISSING_CHAR covers both an unclosed quote or bracket and a missing `-`: tell them apart.
  const missingIndicator = error.code === 'MISSING_CHAR' && !/quote|[\]}]/.test(error.message);
  const code = missingIndicator ? 'BAD_INDENT' : error.code;
  return {
    position: locator.offset(error.pos[0]),
    problem: `bad YAML: ${lowerFirst(error.message.split('\n')[0]!)}`,
    hint: YAML_HINTS[code] ?? 'check the YAML syntax here (quote text with special characters)',
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
