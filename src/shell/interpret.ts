/**
 * How the shell reads one typed line: comments and blank lines do nothing, `$(COMMAND)` is
 * substituted first, shell operators are refused, and the first word picks the command (docker,
 * sleep, sim, curl). Kept apart from session.ts, which owns the machines and the simulation, so
 * the grammar of a line reads on its own; the session hands in the commands, bound to itself.
 */
import type { CommandOutput } from '../dockercli/command.js';
import { splitShellWords } from '../dockercli/shlex.js';
import { substituteCommands } from './substitute.js';

/** The commands a line may run, bound to one session. */
export interface LineCommands {
  /** Runs `docker ...`; `argv` starts with `docker`. */
  docker(argv: string[]): CommandOutput;
  /** Runs `sleep` with its arguments. */
  sleep(args: string[]): CommandOutput;
  /** Runs a `sim` command with its arguments. */
  sim(args: string[]): CommandOutput;
  /** Runs `curl` with its arguments. */
  curl(args: string[]): CommandOutput;
}

/** Shell operators a typed line may hold that swarmsim's one-command lines do not run. */
const SHELL_OPERATORS = new Set(['|', '||', '&&', '&', ';', '>', '>>', '<', '2>', '2>&1']);

const ok = (stdout = ''): CommandOutput => ({ stdout, stderr: '', exitCode: 0 });

/**
 * Interprets one typed line and returns what it printed. `$(COMMAND)` is replaced by what
 * COMMAND prints when interpreted first (substitute.ts); its stderr comes before the line's.
 */
export function interpretLine(line: string, commands: LineCommands): CommandOutput {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return ok();
  const expanded = substituteCommands(text, (inner) => interpretLine(inner, commands));
  if ('error' in expanded) {
    return { stdout: '', stderr: `swarmsim: ${expanded.error}\n`, exitCode: 2 };
  }
  const output = runWords(expanded.line, commands);
  return expanded.stderr === '' ? output : { ...output, stderr: expanded.stderr + output.stderr };
}

/** Runs a line whose substitutions are done. */
function runWords(text: string, commands: LineCommands): CommandOutput {
  const words = splitShellWords(text, 'sh');
  if ('error' in words) return { stdout: '', stderr: `swarmsim: ${words.error}\n`, exitCode: 2 };
  // A line that was only an empty substitution runs nothing, as in sh.
  if (words.value.length === 0) return ok();
  // The words lost their quotes, but a lone operator word is one the shell would have acted on.
  const operator = words.value.find((word) => SHELL_OPERATORS.has(word));
  if (operator !== undefined) {
    const stderr =
      `swarmsim: '${operator}': pipes, redirections and command lists are not simulated; ` +
      'type one command per line\n';
    return { stdout: '', stderr, exitCode: 2 };
  }
  const [first, ...rest] = words.value;
  if (first === 'docker') return commands.docker(words.value);
  if (first === 'sleep') return commands.sleep(rest);
  if (first === 'sim') return commands.sim(rest);
  if (first === 'curl') return commands.curl(rest);
  return {
    stdout: '',
    stderr: `swarmsim: ${first}: command not simulated (docker, curl, sleep and sim are)\n`,
    exitCode: 127,
  };
}
