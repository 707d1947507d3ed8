/**
 * What a command may touch outside the simulation: its two output streams and the directory
 * paths are relative to. Tests pass their own to capture output without spawning a process.
 */
import { resolve } from 'node:path';

/** Output streams and working directory of one CLI invocation. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Directory that relative file arguments are resolved against. */
  cwd: string;
}

/** The real process streams. */
export function processIo(): CliIo {
  // `swarmsim run x | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.once('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}

/** An absolute path for a file argument. */
export function resolvePath(io: CliIo, file: string): string {
  return resolve(io.cwd, file);
}

/** Exit codes shared by every command. */
export const EXIT_OK = 0;
/** An expectation or step failed, a log did not verify, or runs differed. */
export const EXIT_FAILED = 1;
/** Bad input: unreadable file, invalid scenario, unknown flag. */
export const EXIT_USAGE = 2;

/** Prints a one-line error to stderr and returns the usage exit code. */
export function usageError(io: CliIo, message: string): number {
  io.stderr(`swarmsim: ${message}\n`);
  return EXIT_USAGE;
}
