/**
 * swarmsim's extra line after a docker error caused by a typo (the course notes have
 * `--update-pararellism`, `--constrant-add`, `docker scale app=6`): docker's own text comes
 * first, unchanged; the hint follows on stderr, marked as swarmsim's.
 */
import type { CommandOutput } from '../dockercli/command.js';
import { COMMAND_GROUPS, findCommand, TOP_LEVEL_COMMANDS } from '../dockercli/commands.js';

/** The hint line for a failed docker command line, or null when there is nothing to suggest. */
export function hintFor(argv: readonly string[], output: CommandOutput): string | null {
  const firstLine = output.stderr.split('\n')[0] ?? '';
  const flag = /^unknown flag: --([^\s=]+)/.exec(firstLine);
  if (flag) return flagHint(argv, flag[1]!);
  const command = /^docker: unknown command: docker (.+)$/.exec(firstLine);
  if (command) return commandHint(command[1]!.split(' '));
  return null;
}

function suggestion(what: string): string {
  return `swarmsim: did you mean ${what}?`;
}

function flagHint(argv: readonly string[], typed: string): string | null {
  const group = COMMAND_GROUPS.find((candidate) => candidate.name === argv[1]);
  const command = group
    ? findCommand(group, argv[2] ?? '')
    : TOP_LEVEL_COMMANDS.find((candidate) => candidate.path[0] === argv[1]);
  if (!command) return null;
  const names = command.flags.filter((def) => !def.unsupported).map((def) => def.name);
  const best = nearest(typed, names);
  return best === null ? null : suggestion(`--${best}`);
}

function commandHint(words: readonly string[]): string | null {
  const [first, second] = words;
  if (first === undefined) return null;
  if (second === undefined) {
    // `docker scale`: a subcommand typed without its group.
    const owner = COMMAND_GROUPS.find((group) => findCommand(group, first));
    if (owner) return suggestion(`docker ${owner.name} ${first}`);
    const names = [
      ...COMMAND_GROUPS.map((group) => group.name),
      ...TOP_LEVEL_COMMANDS.map((command) => command.path[0]!),
    ];
    const best = nearest(first, names);
    return best === null ? null : suggestion(`docker ${best}`);
  }
  const group = COMMAND_GROUPS.find((candidate) => candidate.name === first);
  if (!group) return null;
  const names = group.commands.map((command) => command.path[command.path.length - 1]!);
  const best = nearest(second, names);
  return best === null ? null : suggestion(`docker ${first} ${best}`);
}

/** The closest name within a typo's reach (about a quarter of its length), or null. */
export function nearest(typed: string, names: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(typed.length / 4)) + 1;
  for (const name of names) {
    const distance = editDistance(typed, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edit distance counting insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}
