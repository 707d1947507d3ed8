/**
 * `sim ...` lines: what a lab user does with their hands rather than with docker. `sim node`
 * moves to another machine, `sim time` shows virtual time; the fault commands (crash, restart,
 * partition, heal, kill, ...) run the very table scenario `sim` steps run (src/faults/
 * sim-commands.ts), so shell and scenarios share one fault mechanism.
 *
 * What they print is swarmsim's, not docker's: one confirmation line on stdout starting with
 * `swarmsim: ` and naming the fault id (`sim heal FAULT-ID` takes it), so a transcript never
 * passes it off as docker output. Errors go to stderr with the same prefix and exit code 1.
 */
import type { CommandOutput } from '../dockercli/command.js';
import { describeRestart } from '../faults/restart-args.js';
import { FAULT_COMMANDS } from '../faults/sim-commands.js';
import type { ShellSession } from './session.js';

/** What each fault command did, in words, from its arguments (the fault id follows). */
const DONE: Readonly<Record<string, (args: readonly string[]) => string>> = {
  crash: ([host]) => `${host} crashed`,
  restart: ([host, ...rest]) => `engine of ${host} restarting, ${describeRestart(rest)}`,
  partition: (args) => {
    const [from, to] = args.filter((word) => word !== '--one-way');
    const target = to ?? 'the other nodes';
    if (args.includes('--one-way')) return `traffic from ${from} to ${target} dropped (one way)`;
    return `${from} cut off from ${target}`;
  },
  kill: ([target, code]) => `a container of ${target} exited with code ${code ?? '1'}`,
  oom: ([target]) => `a container of ${target} was OOM-killed`,
  'pull-fail': ([host, image]) => `image pulls${image ? ` of ${image}` : ''} on ${host} fail`,
  'slow-pull': ([host, extra, image]) =>
    `image pulls${image ? ` of ${image}` : ''} on ${host} take ${extra} longer`,
  'start-fail': ([host, image]) =>
    `containers${image ? ` of ${image}` : ''} on ${host} fail to start`,
};

/** The verbs `sim` takes in the shell, for completion. */
export const SIM_VERBS: readonly string[] = ['node', 'time', ...Object.keys(DONE), 'heal'];

/** How the shell's own verbs are written; the fault verbs' come from the shared fault table. */
const SHELL_USAGES: Readonly<Record<string, string>> = { node: 'sim node NAME', time: 'sim time' };

/**
 * How each `sim` line is written, one per verb in SIM_VERBS order: the shell's usage after an
 * unknown verb and `swarmsim shell --help` both print this list.
 */
export const SIM_USAGES: readonly string[] = SIM_VERBS.map(
  (verb) => SHELL_USAGES[verb] ?? FAULT_COMMANDS[verb]!.usage,
);

const USAGE = `usage: ${SIM_USAGES.join(' | ')}`;

function fail(text: string): CommandOutput {
  return { stdout: '', stderr: `${text}\n`, exitCode: 1 };
}

function said(text: string): CommandOutput {
  return { stdout: `swarmsim: ${text}\n`, stderr: '', exitCode: 0 };
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
  if (verb === 'leave') {
    return fail("swarmsim: in the shell a machine leaves with 'docker swarm leave'");
  }
  if (verb !== undefined && (verb === 'heal' || DONE[verb])) return runFault(session, verb, rest);
  const what = verb === undefined ? 'missing sim command' : `unknown sim command '${verb}'`;
  return fail(`swarmsim: ${what}; ${USAGE}`);
}

function runFault(session: ShellSession, verb: string, args: readonly string[]): CommandOutput {
  const command = FAULT_COMMANDS[verb]!;
  const wrong = command.check(args);
  if (wrong !== null) return fail(`swarmsim: ${wrong}`);
  const sim = session.simulation;
  const output = command.run(sim.ctx, args);
  // Settle what the fault emitted, as after a docker command.
  sim.runUntil(sim.now);
  if (output.exitCode !== 0) return fail(`swarmsim: ${output.stderr.trim()}`);
  const ids = output.stdout.split('\n').filter((line) => line !== '');
  if (verb === 'heal') {
    return said(ids.length === 0 ? 'nothing to heal' : `healed ${ids.join(' ')}`);
  }
  return said(`${DONE[verb]!(args)} (${ids.join(' ')})`);
}
