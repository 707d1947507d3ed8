/**
 * The event log, swarmsim's single source of truth. NDJSON: a header line, one line per event in
 * the order they were applied, and a footer with the SHA-256 of every line before it. Two runs are
 * identical exactly when their footers' hashes are.
 */
import { createHash, type Hash } from 'node:crypto';
import type { LoggedEvent } from '../model/events.js';
import { LOG_FORMAT_VERSION } from './log-parse.js';

export interface LogHeader {
  kind: 'header';
  formatVersion: number;
  seed: number;
  /** SHA-256 of the scenario text, so a log names exactly what produced it. */
  scenarioHash: string;
  /** Scenario path as given to the CLI, for people; not part of the identity. */
  scenario: string;
  swarmsimVersion: string;
}

export interface LogFooter {
  kind: 'footer';
  events: number;
  /** `sha256:` of the header and event lines, each followed by a newline. */
  hash: string;
}

/** Where a run's log lines go: a file, memory, or nowhere. */
export interface LogSink {
  write(line: string): void;
}

/** Keeps every line in memory (tests, the viewer, the CLI summary). */
export class MemorySink implements LogSink {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
}

/** Serialises events to a sink while hashing them. */
export class LogWriter {
  private readonly hash: Hash = createHash('sha256');
  /** Lines not yet hashed: hashing in chunks is several times faster than per line. */
  private unhashed = '';
  private count = 0;
  private closed: LogFooter | null = null;

  constructor(
    private readonly sink: LogSink,
    header: Omit<LogHeader, 'kind' | 'formatVersion'>,
  ) {
    const line = { kind: 'header', formatVersion: LOG_FORMAT_VERSION, ...header };
    this.writeLine(JSON.stringify(line));
  }

  /** Writes one event; `line` is its JSON when the caller already serialised it. */
  append(event: LoggedEvent, line = JSON.stringify(event)): void {
    if (this.closed) throw new Error('event appended to a closed log');
    this.count += 1;
    this.writeLine(line);
  }

  /** Writes the footer and returns it; the log accepts nothing after. */
  close(): LogFooter {
    if (this.closed) return this.closed;
    this.hash.update(this.unhashed);
    this.unhashed = '';
    const footer: LogFooter = {
      kind: 'footer',
      events: this.count,
      hash: `sha256:${this.hash.digest('hex')}`,
    };
    this.closed = footer;
    this.sink.write(JSON.stringify(footer));
    return footer;
  }

  private writeLine(line: string): void {
    this.unhashed += `${line}\n`;
    if (this.unhashed.length > 1 << 16) {
      this.hash.update(this.unhashed);
      this.unhashed = '';
    }
    this.sink.write(line);
  }
}

/** The hash a footer should carry for these header and event lines. */
export function hashLogLines(lines: readonly string[]): string {
  const hash = createHash('sha256');
  for (const line of lines) {
    hash.update(line);
    hash.update('\n');
  }
  return `sha256:${hash.digest('hex')}`;
}
