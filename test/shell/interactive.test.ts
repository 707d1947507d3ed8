import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { complete, completionNames } from '../../src/shell/completion.js';
import { runInteractive } from '../../src/shell/interactive.js';
import { capturedIo } from '../cli/helpers.js';
import { run, session } from './helpers.js';

describe('the interactive shell', () => {
  it('runs typed lines, shows the machine in the prompt, and ends on exit', async () => {
    const shell = session({ managers: 2, workers: 0, preformed: false });
    const input = new PassThrough();
    const screen = new PassThrough();
    let shown = '';
    screen.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const { io, stdout, stderr } = capturedIo('.');
    const done = runInteractive(shell, input, screen, io);
    input.write('sim node manager2\r');
    input.write('docker swarm init --advertise-addr eth0\r');
    input.write('docker service ls\r');
    input.write('exit\r');
    expect(await done).toBe(0);
    expect(shown).toContain('[manager1] $ ');
    expect(shown).toContain('[manager2] $ ');
    expect(stdout()).toMatch(/^Swarm initialized: current node/);
    expect(stdout()).toContain(' 192.168.0.12:2377\n');
    expect(stdout()).toContain('ID        NAME      MODE      REPLICAS   IMAGE     PORTS\n');
    expect(stderr()).toBe('');
  });
});

describe('tab completion', () => {
  it('completes commands, subcommands, flags and names', () => {
    const shell = session();
    run(shell, 'docker swarm init', 'docker service create -d --name pinger alpine ping x');
    const names = completionNames(shell);
    expect(complete('doc', names)).toEqual([['docker '], 'doc']);
    expect(complete('docker sw', names)).toEqual([['swarm '], 'sw']);
    expect(complete('docker service sc', names)).toEqual([['scale '], 'sc']);
    const flags = complete('docker service update --update-par', names)[0];
    expect(flags).toEqual(['--update-parallelism ']);
    expect(complete('docker swarm init --adv', names)[0]).toEqual(['--advertise-addr ']);
    expect(complete('docker service ps pi', names)).toEqual([['pinger '], 'pi']);
    expect(complete('sim node man', names)).toEqual([['manager1 '], 'man']);
  });
});
