/** Drives `swarmsim shell` in-process: a session line by line, or the CLI with a given stdin. */
import { Readable, PassThrough } from 'node:stream';
import { shellCommand, type ShellArgs } from '../../src/cli/shell.js';
import { ShellSession, type ShellOptions } from '../../src/shell/session.js';
import { capturedIo } from '../cli/helpers.js';

/** A session of the default laptop (one machine outside any swarm) unless told otherwise. */
export function session(options: Partial<ShellOptions> = {}): ShellSession {
  return new ShellSession({ seed: 1, managers: 1, workers: 0, preformed: true, ...options });
}

/** Runs lines one after the other; returns the last line's output. */
export function run(shell: ShellSession, ...lines: string[]) {
  let last = { stdout: '', stderr: '', exitCode: 0 };
  for (const line of lines) last = shell.execute(line);
  return last;
}

/** `swarmsim shell` with `stdin` as a pipe (not a terminal). */
export async function shellWithStdin(stdin: string, args: Partial<ShellArgs> = {}) {
  const { io, stdout, stderr } = capturedIo(process.cwd());
  const stream = Readable.from([stdin]);
  const input = { stream, isTTY: false, columns: 80, output: new PassThrough() };
  const code = await shellCommand({ managers: 1, workers: 0, swarm: true, ...args }, io, input);
  return { code, stdout: stdout(), stderr: stderr() };
}
