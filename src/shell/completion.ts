/**
 * Tab completion for the interactive shell: the first words complete to docker's groups and
 * subcommands (and curl, sleep, sim), a word starting with `-` to the command's flags, any other
 * word to service and machine names; curl's words to its options and `http://MACHINE:`.
 */
import { COMMAND_GROUPS, findCommand, TOP_LEVEL_COMMANDS } from '../dockercli/commands.js';
import { SIM_VERBS } from './sim-commands.js';

/** readline's completer result for `line` (completions, and the word they replace). */
export function complete(line: string, objectNames: readonly string[]): [string[], string] {
  const words = line.split(/\s+/);
  const word = words[words.length - 1] ?? '';
  const before = words.slice(0, -1).filter((each) => each !== '');
  const candidates = candidatesFor(before, word, objectNames);
  return [candidates.filter((candidate) => candidate.startsWith(word)), word];
}

function candidatesFor(
  before: readonly string[],
  word: string,
  objectNames: readonly string[],
): string[] {
  if (before.length === 0) return ['docker', 'curl', 'sleep', 'sim'];
  if (before[0] === 'curl') return curlCandidates(word, objectNames);
  if (before[0] === 'sim') return before.length === 1 ? [...SIM_VERBS] : objectNames.slice();
  if (before[0] !== 'docker') return [];
  if (before.length === 1) {
    return [
      ...COMMAND_GROUPS.map((group) => group.name),
      ...TOP_LEVEL_COMMANDS.map((command) => command.path[0]!),
    ];
  }
  const group = COMMAND_GROUPS.find((candidate) => candidate.name === before[1]);
  if (group && before.length === 2) {
    return group.commands.map((command) => command.path[command.path.length - 1]!);
  }
  const command = group
    ? findCommand(group, before[2] ?? '')
    : TOP_LEVEL_COMMANDS.find((candidate) => candidate.path[0] === before[1]);
  if (word.startsWith('-') && command) {
    return command.flags.map((flag) => `--${flag.name}`);
  }
  return objectNames.slice();
}

/** curl's options, and `http://NAME:` for the names the shell knows (only machines resolve). */
function curlCandidates(word: string, objectNames: readonly string[]): string[] {
  if (word.startsWith('-')) {
    return ['--silent', '--show-error', '--include', '--head', '--max-time', '--location'];
  }
  return ['http://localhost:', ...objectNames.map((name) => `http://${name}:`)];
}
