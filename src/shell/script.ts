/**
 * Running a whole script of shell lines (a FILE, or standard input when it is not a terminal):
 * each line's output goes out as soon as it ran, and the exit status is the last command's, as
 * with `sh script`. A line ending in a backslash continues on the next one, as in sh.
 */
import type { CliIo } from '../cli/io.js';
import type { ShellSession } from './session.js';

/** The logical lines of `text`: backslash-newline continuations joined. */
export function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const line of text.split(/\r?\n/)) {
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1);
      continue;
    }
    lines.push(pending + line);
    pending = '';
  }
  if (pending !== '') lines.push(pending);
  return lines;
}

/** Runs every line of `text` in `session`; returns the last line's exit code (0 if none). */
export function runScript(session: ShellSession, text: string, io: CliIo): number {
  let status = 0;
  for (const line of logicalLines(text)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const output = session.execute(line);
    if (output.stdout !== '') io.stdout(output.stdout);
    if (output.stderr !== '') io.stderr(output.stderr);
    status = output.exitCode;
  }
  return status;
}
