/**
 * Splitting an NDJSON log into header, events and footer, with the checks every reader makes
 * (`swarmsim replay`, `swarmsim view`, the browser viewer). It imports nothing from Node, so the
 * viewer bundles it as is; hashing and folding are left to the caller (node:crypto or WebCrypto).
 */
import type { LoggedEvent } from '../model/events.js';
import type { LogFooter, LogHeader } from './log.js';

/** The log format version this swarmsim writes and reads. */
export const LOG_FORMAT_VERSION = 1;

/** A log that cannot be read, with the 1-based line where the problem is. */
export class LogFormatError extends Error {
  override name = 'LogFormatError';
  constructor(
    readonly reason: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** A log split into its parts, not yet folded. */
export interface ParsedLog {
  header: LogHeader;
  footer: LogFooter;
  /** Event lines parsed, in order; line N of the file is `events[N - 2]`. */
  events: LoggedEvent[];
  /** The header and event lines: what the footer's hash covers. */
  hashedLines: string[];
}

/** Splits and checks `text`; throws LogFormatError. */
export function parseLog(text: string): ParsedLog {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length < 2) throw new LogFormatError('a log needs at least a header and a footer', 1);
  const header = objectOn(lines[0]!, 1) as unknown as LogHeader;
  if (header.kind !== 'header') throw new LogFormatError('the first line is not a header', 1);
  if (header.formatVersion !== LOG_FORMAT_VERSION) {
    const found = String(header.formatVersion);
    throw new LogFormatError(`format version ${found} is not ${LOG_FORMAT_VERSION}`, 1);
  }
  const footer = objectOn(lines.at(-1)!, lines.length) as unknown as LogFooter;
  if (footer.kind !== 'footer') {
    throw new LogFormatError('the last line is not a footer: the log is truncated', lines.length);
  }
  const events: LoggedEvent[] = [];
  for (let index = 1; index < lines.length - 1; index += 1) {
    const event = objectOn(lines[index]!, index + 1) as unknown as LoggedEvent;
    if (typeof event.type !== 'string' || typeof event.t !== 'number') {
      throw new LogFormatError('an event needs a "type" and a time "t"', index + 1);
    }
    events.push(event);
  }
  if (footer.events !== events.length) {
    const counted = `the footer counts ${footer.events} events but the log holds ${events.length}`;
    throw new LogFormatError(counted, lines.length);
  }
  return { header, footer, events, hashedLines: lines.slice(0, -1) };
}

function objectOn(line: string, number: number): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Reported below with the line number.
  }
  throw new LogFormatError('not a JSON object', number);
}
