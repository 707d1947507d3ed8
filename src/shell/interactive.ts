/**
 * The interactive shell: node:readline with a prompt naming the current machine, in-memory
 * history (arrow keys) and tab completion. Progress is drawn as on a terminal.
 */
import { createInterface } from 'node:readline';
import type { CliIo } from '../cli/io.js';
import { complete, completionNames } from './completion.js';
import type { ShellSession } from './session.js';

/** Reads lines from `input` until end of input (Ctrl-D) or `exit`; returns the last status. */
export function runInteractive(
  session: ShellSession,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  io: CliIo,
): Promise<number> {
  return new Promise((resolve) => {
    let status = 0;
    const reader = createInterface({
      input,
      output,
      terminal: true,
      historySize: 1000,
      completer: (line: string) => complete(line, completionNames(session)),
    });
    reader.setPrompt(session.prompt());
    reader.prompt();
    let pending = '';
    reader.on('line', (typed) => {
      if (typed.endsWith('\\')) {
        // A continued line, as in sh: the secondary prompt until the command is complete.
        pending += typed.slice(0, -1);
        reader.setPrompt('> ');
        reader.prompt();
        return;
      }
      const line = pending + typed;
      pending = '';
      if (line.trim() === 'exit') {
        reader.close();
        return;
      }
      const result = session.execute(line);
      if (result.stdout !== '') io.stdout(result.stdout);
      if (result.stderr !== '') io.stderr(result.stderr);
      status = result.exitCode;
      reader.setPrompt(session.prompt());
      reader.prompt();
    });
    // Like bash: Ctrl-C drops the line being typed; Ctrl-D (end of input) leaves.
    reader.on('SIGINT', () => {
      output.write('^C\n');
      reader.write(null, { ctrl: true, name: 'u' });
      reader.prompt();
    });
    reader.on('close', () => resolve(status));
  });
}
