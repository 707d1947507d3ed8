/**
 * swarmsim against the real swarm's writes on a leader without a quorum
 * (test/fixtures/real-docker-multinode/quorum-loss-write, Engine 20.10): the same texts, writes
 * that wait until the leader steps down, reads that do not wait, and a write that commits once a
 * cut heals before the step-down.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { healAllFaults } from '../../src/faults/inject.js';
import { ShellSession } from '../../src/shell/session.js';

const FILE = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'real-docker-multinode',
  'quorum-loss-write',
  'output.txt',
);

interface Call {
  /** When it was sent and how long it took, s. */
  t: number;
  took: number;
  command: string;
  output: string;
  exit: number;
}

const text = readFileSync(FILE, 'utf8');
const CALLS: Call[] = [...text.matchAll(
  /^# t=\+([\d.]+)s node\d \(took ([\d.]+)s\)\n\$ docker (.*)\n([\s\S]*?)\[exit (\d+)\]$/gm,
)].map((m) => ({ t: +m[1]!, took: +m[2]!, command: m[3]!, output: m[4]!, exit: +m[5]! }));

function call(command: string, nth = 0): Call {
  const found = CALLS.filter((each) => each.command === command)[nth];
  if (!found) throw new Error(`no call "${command}" in the fixture`);
  return found;
}

function noteAt(note: string): number {
  const match = new RegExp(`^# t=\\+([\\d.]+)s ${note}`, 'm').exec(text);
  if (!match) throw new Error(`no note "${note}"`);
  return Number(match[1]);
}

/** swarmsim's 3 managers + 2 workers with a 3-replica `web` and a 1-replica `gone`. */
function pwd(): ShellSession {
  const shell = new ShellSession({ seed: 21, managers: 3, workers: 2, preformed: true });
  shell.execute('docker service create -d --name web --replicas 3 nginx');
  shell.execute('docker service create -d --name gone --replicas 1 nginx');
  shell.execute('sleep 10');
  return shell;
}

const WRITES = [
  'service scale -d web=5',
  'service rm gone',
  'node update --availability drain worker1',
  'service create -d --name fresh',
];
/** The real create named the busybox image by ID; swarmsim's catalogue has busybox. */
const simCommand = (command: string) =>
  command.endsWith('fresh') ? `${command} busybox sleep 1d` : command;
/** The fixture's call whose command starts with `command`. */
function callStarting(command: string): Call {
  const found = CALLS.find((each) => each.command.startsWith(command));
  if (!found) throw new Error(`no call "${command}" in the fixture`);
  return found;
}

describe('real swarm: writes on a leader without a quorum', () => {
  const killedAt = noteAt('killed');
  const firstWrites = WRITES.map((command) => callStarting(command));

  it('failed with the text swarmsim prints, after the same wait', () => {
    // The real calls ran together; the shell runs one at a time, so each gets its own swarm.
    for (const [index, command] of WRITES.entries()) {
      const shell = pwd();
      shell.execute('sim crash manager2');
      shell.execute('sim crash manager3');
      const before = shell.simulation.now;
      const ran = shell.execute(`docker ${simCommand(command)}`);
      const real = firstWrites[index]!;
      expect({ command, out: ran.stdout + ran.stderr, exit: ran.exitCode }).toEqual({
        command,
        out: real.output,
        exit: real.exit,
      });
      const waited = (shell.simulation.now - before) / 1000;
      expect(real.t + real.took - killedAt).toBeGreaterThanOrEqual(10);
      expect(real.t + real.took - killedAt).toBeLessThanOrEqual(19.5);
      expect(waited).toBeGreaterThanOrEqual(10);
      expect(waited).toBeLessThanOrEqual(19.5);
    }
  });

  it('ended every pending write at the one step-down, a later one too', () => {
    const ends = [...firstWrites, call('service scale -d web=4')].map((c) => c.t + c.took);
    expect(Math.max(...ends) - Math.min(...ends)).toBeLessThan(0.1);
  });

  it('answered reads at once meanwhile, as swarmsim does', () => {
    expect(call('service ls').took).toBeLessThan(0.5);
    expect(call('node ls', 1).took).toBeLessThan(0.5);
    const shell = pwd();
    shell.execute('sim crash manager2');
    shell.execute('sim crash manager3');
    const before = shell.simulation.now;
    expect(shell.execute('docker node ls').exitCode).toBe(0);
    expect(shell.simulation.now).toBe(before);
  });

  it('committed a write on a cut-off leader once the cut healed within a second', () => {
    const real = call('service scale -d web=2');
    const healedAt = noteAt('healed \\(eth0 up\\) after 5 s');
    expect(real.output).toBe('web scaled to 2\n');
    expect(real.t + real.took - healedAt).toBeLessThan(1);
    const shell = pwd();
    shell.execute('sim partition manager1 manager2,manager3,worker1,worker2');
    const cutAt = shell.simulation.now;
    shell.simulation.at(cutAt + 5_500, 'heal', (ctx) => void healAllFaults(ctx));
    expect(shell.execute('docker service scale -d web=2').stdout).toBe(real.output);
    expect(shell.simulation.now - (cutAt + 5_500)).toBeLessThan(1_000);
  });

  it('failed a write on a leader cut off for good at its step-down', () => {
    const real = call('service scale -d web=6');
    expect(real.took).toBeGreaterThanOrEqual(10);
    const shell = pwd();
    shell.execute('sim partition manager1 manager2,manager3,worker1,worker2');
    const ran = shell.execute('docker service scale -d web=6');
    expect(ran.stderr).toBe(real.output);
    expect(shell.simulation.now / 1000).toBeGreaterThan(10);
  });
});
