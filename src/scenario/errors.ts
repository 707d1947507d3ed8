/**
 * Scenario errors. Every problem in a scenario file is reported the way compilers do, as
 * `file:line:column: <what is wrong>; <what would be valid>`, so an editor can jump to it and the
 * reader knows how to fix it without opening the documentation.
 */

/** A place in a scenario file; line and column are 1-based. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One problem found in a scenario. */
export interface ScenarioIssue {
  position: SourcePosition;
  /** What is wrong, e.g. `unknown field 'replica' in cluster`. */
  problem: string;
  /** What would be valid, e.g. `valid fields: managers, workers, nodes, defaults`. */
  hint: string;
}

/** `file:line:column`, the form every scenario location takes in messages and in the log. */
export function formatPosition(position: SourcePosition): string {
  return `${position.file}:${position.line}:${position.column}`;
}

/**
 * One issue as a single line: keys, values and sentences quoted from the file may hold line
 * breaks, which are written as `\n` so that every line of a message starts with its place.
 */
export function formatIssue(issue: ScenarioIssue): string {
  const hint = issue.hint ? `; ${issue.hint}` : '';
  const text = `${issue.problem}${hint}`.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  return `${formatPosition(issue.position)}: ${text}`;
}

/** The only error a scenario load throws: one or more issues, in file order. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  readonly issues: readonly ScenarioIssue[];

  constructor(issues: readonly ScenarioIssue[]) {
    if (issues.length === 0) throw new RangeError('a ScenarioError needs at least one issue');
    const sorted = [...issues].sort(
      (a, b) => a.position.line - b.position.line || a.position.column - b.position.column,
    );
    super(sorted.map(formatIssue).join('\n'));
    this.issues = sorted;
  }
}
