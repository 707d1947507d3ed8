/**
 * `sim ...` lines: what a lab user does with their hands rather than with docker. `sim node`
 * moves to another machine, `sim time` shows virtual time; the fault commands wait for the fault
 * injection layer (src/faults) to be part of the build.
 */
import type { CommandOutput } from '../dockercli/command.js';
import type { ShellSession } from './session.js';

const FAULT_COMMANDS = ['crash', 'restart', 'partition', 'heal'];

const USAGE =
  'usage: sim node NAME | sim time | sim crash NAME | sim restart NAME | ' +
  'sim partition A,B C,D | sim heal';

function fail(text: string): CommandOutput {
  return { stdout: '', stderr: `${text}\n`, exitCode: 1 };
}

/** Runs `sim <args>` in `session`. */
export function runSimCommand(session: ShellSession, args: readonly string[]): CommandOutput {
  const [verb, ...rest] = args;
  if (verb === 'node') {
    if (rest.length !== 1) return fail('swarmsim: usage: sim node NAME');
    return session.switchTo(rest[0]!);
  }
  if (verb === 'time') {
    if (rest.length !== 0) return fail('swarmsim: usage: sim time');
    const now = session.simulation.now;
    return { stdout: `t=${(now / 1000).toFixed(3)}s\n`, stderr: '', exitCode: 0 };
  }
  if (verb !== undefined && FAULT_COMMANDS.includes(verb)) {
    return fail(
      `swarmsim: 'sim ${verb}' is not simulated yet (fault injection is not in this build)`,
    );
  }
  const what = verb === undefined ? 'missing sim command' : `unknown sim command '${verb}'`;
  return fail(`swarmsim: ${what}; ${USAGE}`);
}
