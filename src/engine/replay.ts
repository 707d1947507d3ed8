/**
 * Re-folds a log: checks its header, applies every event with the same reducer the engine used,
 * and verifies the footer hash. It needs no generator and no component, only `model/`.
 */
import type { LoggedEvent } from '../model/events.js';
import { applyEvent } from '../model/reduce.js';
import { emptyClusterState, type ClusterState } from '../model/state.js';
import { hashLogLines, LOG_FORMAT_VERSION, type LogFooter, type LogHeader } from './log.js';

export interface ReplayResult {
  header: LogHeader;
  footer: LogFooter;
  events: LoggedEvent[];
  state: ClusterState;
  /** The hash recomputed from the lines; equals `footer.hash` when the log is intact. */
  computedHash: string;
}

/** A log that cannot be replayed, with the 1-based line where the problem is. */
export class LogFormatError extends Error {
  override name = 'LogFormatError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function replayLog(text: string): ReplayResult {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length < 2) throw new LogFormatError('a log needs at least a header and a footer', 1);
  const header = parseLine(lines[0]!, 1) as unknown as LogHeader;
  if (header.kind !== 'header') throw new LogFormatError('the first line is not a header', 1);
  if (header.formatVersion !== LOG_FORMAT_VERSION) {
    throw new LogFormatError(
      `format version ${String(header.formatVersion)} is not ${LOG_FORMAT_VERSION}`,
      1,
    );
  }
  const footer = parseLine(lines.at(-1)!, lines.length) as unknown as LogFooter;
  if (footer.kind !== 'footer') {
    throw new LogFormatError('the last line is not a footer: the log is truncated', lines.length);
  }
  const state = emptyClusterState();
  const events: LoggedEvent[] = [];
  for (let index = 1; index < lines.length - 1; index += 1) {
    const event = parseLine(lines[index]!, index + 1) as unknown as LoggedEvent;
    if (typeof event.type !== 'string' || typeof event.t !== 'number') {
      throw new LogFormatError('an event needs a "type" and a time "t"', index + 1);
    }
    try {
      applyEvent(state, event);
    } catch (error) {
      throw new LogFormatError((error as Error).message, index + 1);
    }
    events.push(event);
  }
  if (footer.events !== events.length) {
    throw new LogFormatError(
      `the footer counts ${footer.events} events but the log holds ${events.length}`,
      lines.length,
    );
  }
  return { header, footer, events, state, computedHash: hashLogLines(lines.slice(0, -1)) };
}

function parseLine(line: string, number: number): Record<string, unknown> {
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
