/**
 * The `docker ...` commands of the course notes, in reading order, for the course test. What
 * counts as a command (kept small on purpose):
 * - a fenced block with no language tag whose first line starts with `docker `: each line that
 *   starts with `docker ` is a command, and any other non-empty line continues the previous one
 *   (the notes split `docker service create` over lines without backslashes). Blocks whose first
 *   line is not a command are sample output and are skipped;
 * - outside blocks, an inline code span that starts with `docker` (`docker service ls`), and a
 *   blockquote line `> docker ...` (the notes' asides show `-d` variants that way).
 */

/** One command of the notes: its 1-based line and text. */
export interface NoteCommand {
  line: number;
  text: string;
}

const FENCE = /^\s*```(\S*)/;

/** Every docker command in `markdown`, in order. */
export function courseCommands(markdown: string): NoteCommand[] {
  const commands: NoteCommand[] = [];
  const lines = markdown.split('\n');
  let block: { tag: string; commands: boolean | null } | null = null;
  lines.forEach((raw, index) => {
    const line = raw.trimEnd();
    const fence = FENCE.exec(line);
    if (fence) {
      block = block ? null : { tag: fence[1]!, commands: null };
      return;
    }
    if (block) {
      if (block.tag !== '' || line.trim() === '') return;
      block.commands ??= line.startsWith('docker ');
      if (!block.commands) return;
      if (line.startsWith('docker ')) commands.push({ line: index + 1, text: line });
      else commands[commands.length - 1]!.text += ` ${line.trim()}`;
      return;
    }
    const quote = /^>\s*(docker\s.*)$/.exec(line);
    if (quote) commands.push({ line: index + 1, text: quote[1]!.trim() });
    for (const span of line.matchAll(/`(docker(?:\s[^`]*)?)`/g)) {
      commands.push({ line: index + 1, text: span[1]!.trim() });
    }
  });
  return commands;
}
