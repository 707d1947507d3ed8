/**
 * How docker's CLI shows the progress stream of `service create/update/scale` (its jsonmessage
 * display), in the two forms a reader sees:
 * - into a pipe (no terminal): every message is a new line `ID: text`, except the ones carrying
 *   a progress bar (the per-task state lines), which the CLI drops (fixtures README, note 11);
 * - on a terminal: each ID keeps one line that is redrawn in place. Virtual time passes at once,
 *   so swarmsim prints the screen as it stands when the command returns.
 */

/** Progress bars appear only on terminals wider than this (jsonmessage). */
const BAR_MIN_COLUMNS = 111;
const BAR_WIDTH = 50;

/** One message of the stream: an ID with a text, and for task lines a bar `current/total`. */
export interface ProgressMessage {
  id: string;
  text: string;
  bar?: { current: number; total: number };
  /** A plain status line (no bar object at all): on a terminal it starts a fresh block. */
  status?: boolean;
}

/** Collects the stream and renders it in the form of the reader's output. */
export class ProgressWriter {
  private readonly pipeLines: string[] = [];
  private screen: string[] = [];
  private onScreen: Record<string, number> = {};

  constructor(
    private readonly terminal: boolean,
    private readonly columns: number,
  ) {}

  write(message: ProgressMessage): void {
    if (!this.terminal) {
      // Without a terminal the CLI sizes bars for 200 columns, so a bar is never empty and the
      // whole message is skipped.
      if (message.bar) return;
      this.pipeLines.push(message.id === '' ? message.text : `${message.id}: ${message.text}`);
      return;
    }
    const line = this.terminalLine(message);
    if (message.status || message.id === '') {
      this.screen.push(line);
      this.onScreen = {};
      return;
    }
    const at = this.onScreen[message.id];
    if (at === undefined) {
      this.onScreen[message.id] = this.screen.length;
      this.screen.push(line);
    } else {
      this.screen[at] = line;
    }
  }

  /** Everything shown so far, each line ending in a newline. */
  text(): string {
    const lines = this.terminal ? this.screen : this.pipeLines;
    return lines.map((line) => `${line}\n`).join('');
  }

  private terminalLine(message: ProgressMessage): string {
    const head = message.id === '' ? message.text : `${message.id}: ${message.text}`;
    if (!message.bar || this.columns < BAR_MIN_COLUMNS) return head.trimEnd();
    const filled = Math.min(
      BAR_WIDTH,
      Math.trunc(Math.trunc((message.bar.current / message.bar.total) * 100) / 2),
    );
    return `${head} [${'='.repeat(filled)}>${' '.repeat(BAR_WIDTH - filled)}]`;
  }
}
