/**
 * Tab completion as a user sees it: keys go through the interactive shell's readline (the
 * completer wired as `swarmsim shell` wires it), and the test reads the line that ran.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { complete, completionNames } from '../../src/shell/completion.js';
import { runInteractive } from '../../src/shell/interactive.js';
import type { ShellSession } from '../../src/shell/session.js';
import { capturedIo } from '../cli/helpers.js';
import { run, session } from './helpers.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Types each chunk of `keys` (`\t` is Tab) into an interactive shell over `shell`, then Enter,
 * and returns the line the shell ran.
 */
async function typed(shell: ShellSession, keys: string[]): Promise<string> {
  const ran: string[] = [];
  const execute = shell.execute.bind(shell);
  shell.execute = (line) => {
    ran.push(line);
    return execute(line);
  };
  const input = new PassThrough();
  const done = runInteractive(shell, input, new PassThrough(), capturedIo('.').io);
  for (const chunk of keys) {
    input.write(chunk);
    await tick();
  }
  input.write('\r');
  await tick();
  input.write('exit\r');
  await done;
  shell.execute = execute;
  return ran[0] ?? '';
}

/** A formed swarm of manager1 and worker1 running service `web`. */
function lab(): ShellSession {
  const shell = session({ managers: 1, workers: 1, preformed: true });
  run(shell, 'docker service create -d --name web nginx');
  return shell;
}

describe('tab completion on the line', () => {
  it('adds a space after a unique match, so the next word can follow', async () => {
    expect(await typed(session(), ['docker serv', '\t', 'cr', '\t'])).toBe(
      'docker service create ',
    );
    expect(await typed(session(), ['doc', '\t', 'sw', '\t', 'in', '\t'])).toBe(
      'docker swarm init ',
    );
  });

  it('completes service arguments to services and node arguments to nodes', async () => {
    expect(await typed(lab(), ['docker service ps w', '\t'])).toBe('docker service ps web ');
    expect(await typed(lab(), ['docker service logs w', '\t'])).toBe('docker service logs web ');
    expect(await typed(lab(), ['docker node inspect w', '\t'])).toBe(
      'docker node inspect worker1 ',
    );
    expect(await typed(lab(), ['sim node w', '\t'])).toBe('sim node worker1 ');
    expect(await typed(lab(), ['sim crash w', '\t'])).toBe('sim crash worker1 ');
    expect(await typed(lab(), ['sim kill w', '\t'])).toBe('sim kill web ');
  });

  it('completes scale to NAME= and join-token to worker or manager', async () => {
    expect(await typed(lab(), ['docker service scale w', '\t', '3'])).toBe(
      'docker service scale web=3',
    );
    expect(await typed(lab(), ['docker swarm join-token w', '\t'])).toBe(
      'docker swarm join-token worker ',
    );
  });

  it('completes enumerated flag values', async () => {
    expect(await typed(lab(), ['docker node update --avail', '\t', 'd', '\t', 'w', '\t'])).toBe(
      'docker node update --availability drain worker1 ',
    );
    const create = ['docker service create --update-order sta', '\t', '--mod', '\t', 'g', '\t'];
    expect(await typed(lab(), create)).toBe(
      'docker service create --update-order start-first --mode global',
    );
  });

  it('completes network and stack names where the command takes them', async () => {
    expect(await typed(lab(), ['docker network inspect in', '\t'])).toBe(
      'docker network inspect ingress ',
    );
    const stacks = { stacks: ['shop'], services: ['shop_web'] };
    expect(complete('docker stack ps s', stacks)).toEqual([['shop '], 's']);
    expect(complete('docker stack rm s', stacks)).toEqual([['shop '], 's']);
  });
});

describe('completion candidates', () => {
  const names = completionNames(lab());

  it('offers no names where a command takes none, and nothing for --format', () => {
    expect(complete('docker service create --name w', names)[0]).toEqual([]);
    expect(complete('docker service ls --format ', names)[0]).toEqual([]);
    expect(complete('docker node ls w', names)[0]).toEqual([]);
  });

  it('never offers the flags swarmsim refuses as not simulated', () => {
    expect(complete('docker service create --secr', names)[0]).toEqual([]);
    expect(complete('docker service create --health-c', names)[0]).toEqual([]);
    expect(complete('docker service create --env', names)[0]).toEqual(['--env ']);
    expect(complete('docker swarm init --', names)[0]).not.toContain('--autolock');
  });

  it('offers every value of an enumeration, and the values after --flag=', () => {
    expect(complete('docker node update --availability ', names)[0]).toEqual([
      'active',
      'pause',
      'drain',
    ]);
    expect(complete('docker service update --restart-condition=on', names)[0]).toEqual([
      '--restart-condition=on-failure ',
    ]);
    expect(complete('docker service create --update-failure-action ', names)[0]).toEqual([
      'pause',
      'continue',
      'rollback',
    ]);
  });

  it('offers node IDs when no hostname starts with what was typed', () => {
    const id = names.nodeIds[0]!;
    const hit = complete(`docker node ps ${id.slice(0, 6)}`, names)[0];
    expect(hit.some((each) => each.startsWith(id))).toBe(true);
    // Fault commands take hostnames only.
    expect(complete(`sim crash ${id.slice(0, 6)}`, names)[0]).toEqual([]);
  });

  it('completes sim partition groups and restart flags', () => {
    expect(complete('sim partition manager1,w', names)[0]).toEqual(['manager1,worker1 ']);
    expect(complete('sim partition manager1 --o', names)[0]).toEqual(['--one-way ']);
    expect(complete('sim restart worker1 --n', names)[0]).toEqual(['--node-generic-resource ']);
  });
});
