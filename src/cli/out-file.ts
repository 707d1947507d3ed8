/**
 * A log file written all-or-nothing: lines go to a temporary file beside the target, which is
 * renamed over it only when the run finished, so a crash or an interrupted run never leaves a
 * half-written log where a good one is expected.
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { LogSink } from '../engine/log.js';
import { describeFsError } from './common.js';
import { resolvePath, usageError, type CliIo } from './io.js';

/** Lines are buffered and written in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 16;

/** A log sink that writes `target` only if the run completes (`commit`). */
export class AtomicFileSink implements LogSink {
  private readonly temp: string;
  private readonly fd: number;
  private buffer: string[] = [];
  private buffered = 0;
  private done = false;

  /** Opens the temporary file; throws the fs error when the directory is not writable. */
  constructor(private readonly target: string) {
    this.temp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    this.fd = openSync(this.temp, 'w');
  }

  write(line: string): void {
    this.buffer.push(line, '\n');
    this.buffered += line.length + 1;
    if (this.buffered >= CHUNK_CHARS) this.flush();
  }

  /** Writes a whole log already in memory (newline-terminated lines), then commits. */
  commitText(text: string): void {
    this.buffer.push(text);
    this.buffered += text.length;
    this.commit();
  }

  /** Finishes the file and moves it into place. */
  commit(): void {
    if (this.done) return;
    this.flush();
    closeSync(this.fd);
    this.done = true;
    renameSync(this.temp, this.target);
  }

  /** Drops the temporary file; the target is left as it was. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    closeSync(this.fd);
    unlinkSync(this.temp);
  }

  private flush(): void {
    if (this.buffered === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }
}

/**
 * Opens `--out PATH` before a run, so an unwritable place is reported before any work: the sink,
 * undefined without `--out`, or the exit code after saying why it cannot be written.
 */
export function openOutFile(
  io: CliIo,
  path: string | undefined,
): AtomicFileSink | undefined | number {
  if (path === undefined) return undefined;
  try {
    return new AtomicFileSink(resolvePath(io, path));
  } catch (error) {
    return usageError(io, `cannot write ${path}: ${describeFsError(error)}`);
  }
}

/** Sends every line to several sinks. */
export class TeeSink implements LogSink {
  constructor(private readonly sinks: readonly LogSink[]) {}
  write(line: string): void {
    for (const sink of this.sinks) sink.write(line);
  }
}
