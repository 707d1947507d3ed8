/**
 * Docker's recorded answers to the course notes (test/fixtures/real-docker-multinode/
 * course-notes/output.txt) and the shape the course test compares them by: masked error text,
 * table headers, rows and cells, IDs, JSON keys, and the labels of other output.
 */

/** One recorded command: the notes' line and text, what ran, and docker's answer. */
export interface Recorded {
  line: number;
  node: string;
  text: string;
  ran: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

const HEAD = /^=== L(\d+) (node\d+): (.*)$/;

/** Parses output.txt (format in the fixture's script.sh) into its entries, in order. */
export function parseRecording(text: string): Recorded[] {
  const entries: Recorded[] = [];
  for (const block of text.split(/^(?==== L)/m)) {
    const lines = block.split('\n');
    const head = HEAD.exec(lines[0] ?? '');
    if (!head) continue;
    const out = lines.indexOf('--- stdout');
    const err = lines.indexOf('--- stderr');
    const exits = lines.flatMap((line, at) => (/^\[exit \d+\]$/.test(line) ? [at] : []));
    const exit = exits[exits.length - 1] ?? -1;
    if (out < 0 || err < out || exit < err) throw new Error(`malformed entry: ${lines[0]}`);
    const join = (part: string[]) => part.map((line) => `${line}\n`).join('');
    entries.push({
      line: Number(head[1]),
      node: head[2]!,
      text: head[3]!,
      ran: lines[1]!.replace(/^\$ /, ''),
      stdout: join(lines.slice(out + 1, err)),
      stderr: join(lines.slice(err + 1, exit)),
      exitCode: Number(/\d+/.exec(lines[exit]!)![0]),
    });
  }
  return entries;
}

/** Hides what differs between any two runs: IDs, digests, join tokens, addresses. */
export function mask(text: string): string {
  return text
    .replace(/SWMTKN-1-[a-z0-9-]+/g, '<TOKEN>')
    // The swarm's root CA key: a P-256 SubjectPublicKeyInfo (its fixed header kept) and the point.
    .replace(/(MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE)[A-Za-z0-9+/]{86}==/g, '$1<POINT>')
    .replace(/sha256:[0-9a-f]{64}/g, '<DIGEST>')
    .replace(/\b[0-9a-f]{64}\b/g, '<HEX>')
    .replace(/\b[a-z0-9]{25}\b/g, '<ID>')
    .replace(/\b[0-9a-f]{12}\b/g, '<ID12>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ADDR>');
}

/** An error's text as docker prints it: masked, without swarmsim's own `swarmsim:` hints. */
export function errorText(stderr: string): string {
  return mask(stderr.split('\n').filter((line) => !line.startsWith('swarmsim:')).join('\n'));
}

/** What a command's stdout is compared by; `kind` picks the comparison. */
export type Shape =
  | { kind: 'empty' }
  | { kind: 'id' }
  | { kind: 'logs' }
  | { kind: 'table'; columns: string[]; rows: number; cells: number[] }
  | { kind: 'json'; keys: string[] }
  | { kind: 'text'; first: string; labels: string[]; last: string };

const TABLE_HEADER = /^[A-Z][A-Z]*(?: [A-Z]+)*(?: {2,}[A-Z]+(?: [A-Z]+)*)+ *$/;

/** A line of `docker service logs`: `<service>.<slot>.<task id>@<node>    | <text>`. */
const LOG_LINE = /^[\w.-]+\.\d+\.[a-z0-9]{12}@[\w.-]+ +\| /;

/** The cells of a table row that start under a header column (tabwriter aligns them). */
function cellCount(row: string, starts: number[]): number {
  const startsCell = (at: number) => row[at] !== ' ' && (at === 0 || row[at - 1] === ' ');
  return starts.filter((at) => at < row.length && startsCell(at)).length;
}

/** A table's columns, rows, and cells per row (sorted: rows come in ID order, which varies). */
function tableShape(lines: string[]): Shape {
  const header = lines[0]!;
  const starts = [...header.matchAll(/(?:^| {2,})(\S)/g)].map((m) => m.index! + m[0].length - 1);
  const rows = lines.slice(1);
  const cells = rows.map((row) => cellCount(row, starts)).sort((a, b) => a - b);
  // The header's padding follows the widest cell (an image ID is wider than a name): the
  // column names are compared, not the spaces between them.
  const columns = header.trim().split(/ {2,}/);
  return { kind: 'table', columns, rows: rows.length, cells };
}

/** The label of a top-level line (`Key:` of `docker info`, `verify:` of progress), masked. */
function label(line: string): string {
  return mask(line.slice(0, line.indexOf(':'))).replace(/\d+/g, 'N');
}

/** The shape of a command's stdout. */
export function shapeOf(stdout: string): Shape {
  const lines = stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return { kind: 'empty' };
  if (lines.length === 1 && /^[a-z0-9]{25}$/.test(lines[0]!)) return { kind: 'id' };
  if (TABLE_HEADER.test(lines[0]!)) return tableShape(lines);
  if (lines.every((line) => LOG_LINE.test(line))) return { kind: 'logs' };
  if (lines[0] === '[') {
    const parsed = JSON.parse(stdout) as Record<string, unknown>[];
    const keys = new Set(parsed.flatMap((item) => Object.keys(item)));
    return { kind: 'json', keys: [...keys].sort() };
  }
  const labels: string[] = [];
  for (const line of lines) {
    if (/^\s/.test(line) || !line.includes(':')) continue;
    if (!labels.includes(label(line))) labels.push(label(line));
  }
  // Counts and times in them vary with timing (`overall progress: 1 out of 20 tasks`).
  const digitless = (line: string) => mask(line).replace(/\d+/g, 'N');
  const last = digitless(lines[lines.length - 1]!);
  return { kind: 'text', first: digitless(lines[0]!), labels, last };
}
