/**
 * What a machine's engine answers outside swarm mode: `docker version`, `docker network ls` and
 * `docker volume ls` work on the laptop, on bare Play with Docker instances and after
 * `swarm leave --force`, as on a real engine (only the swarm commands need a swarm).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, session, shellWithStdin } from './helpers.js';

const RECORDED = join(import.meta.dirname, '..', 'fixtures', 'real-docker', 'engine.txt');

/** The label of each line (`  API version`), the layout without the values. */
function labels(text: string): string[] {
  return text.split('\n').map((line) => line.replace(/:.*/, ':'));
}

/** `docker network ls` of an engine that never was in a swarm (IDs vary by machine). */
const BARE_NETWORKS = new RegExp(
  [
    '^NETWORK ID {5}NAME {6}DRIVER {4}SCOPE',
    '[0-9a-f]{12} {3}bridge {4}bridge {4}local',
    '[0-9a-f]{12} {3}host {6}host {6}local',
    '[0-9a-f]{12} {3}none {6}null {6}local\n$',
  ].join('\n'),
);

describe('an engine outside any swarm', () => {
  it('answers docker version on the default laptop, laid out as the recorded engine', async () => {
    const result = await shellWithStdin('docker version\n');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const recorded = readFileSync(RECORDED, 'utf8');
    const start = recorded.indexOf('$ docker version\n') + '$ docker version\n'.length;
    const real = recorded.slice(start, recorded.indexOf('[exit ', start));
    expect(labels(result.stdout)).toEqual(labels(real));
    expect(result.stdout).toContain('Server:\n Engine:\n  Version:          28.2.2\n');
  });

  it('lists bridge, host and none, and no volumes, on the laptop', () => {
    const shell = session();
    expect(run(shell, 'docker network ls')).toMatchObject({ stderr: '', exitCode: 0 });
    expect(run(shell, 'docker network ls').stdout).toMatch(BARE_NETWORKS);
    expect(run(shell, 'docker network ls -q').stdout.split('\n')).toHaveLength(4);
    const bridge = run(shell, 'docker network inspect bridge --format "{{.Name}} {{.Scope}}"');
    expect(bridge).toEqual({ stdout: 'bridge local\n', stderr: '', exitCode: 0 });
    expect(run(shell, 'docker version --format "{{.Server.Version}}"').stdout).toBe('28.2.2\n');
    expect(run(shell, 'docker volume ls')).toEqual({
      stdout: 'DRIVER    VOLUME NAME\n',
      stderr: '',
      exitCode: 0,
    });
    expect(run(shell, 'docker volume inspect data')).toEqual({
      stdout: '[]\n',
      stderr: 'Error response from daemon: get data: no such volume\n',
      exitCode: 1,
    });
  });

  it('answers on a bare Play with Docker instance (--no-swarm)', async () => {
    const lines = 'docker version --format {{.Server.Version}}\ndocker network ls\n';
    const result = await shellWithStdin(lines, { managers: 3, workers: 2, swarm: false });
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('28.2.2\n')).toBe(true);
    expect(result.stdout.slice('28.2.2\n'.length)).toMatch(BARE_NETWORKS);
  });

  it('answers after swarm leave --force, without the swarm networks', () => {
    const shell = session({ managers: 1, workers: 1, preformed: true });
    run(shell, 'sim node worker1');
    expect(run(shell, 'docker network ls').stdout).toContain(' ingress ');
    expect(run(shell, 'docker swarm leave --force').exitCode).toBe(0);
    expect(run(shell, 'docker network ls')).toMatchObject({ stderr: '', exitCode: 0 });
    expect(run(shell, 'docker network ls').stdout).toMatch(BARE_NETWORKS);
    expect(run(shell, 'docker version').stdout).toContain(' Engine:\n');
    expect(run(shell, 'docker info --format {{.Swarm.LocalNodeState}}').stdout).toBe('inactive\n');
  });

  it('still refuses what needs a swarm node, with the swarm error', () => {
    const shell = session();
    const result = run(shell, 'docker service ls');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('This node is not a swarm manager.');
  });
});

describe('docker --help', () => {
  it('prints the usage bare docker prints, on stdout, exit 0', () => {
    const shell = session();
    const bare = run(shell, 'docker');
    for (const flag of ['--help', '-h']) {
      const help = run(shell, `docker ${flag}`);
      expect(help).toEqual({ stdout: bare.stderr, stderr: '', exitCode: 0 });
    }
    expect(bare.stderr).toMatch(/^Usage: {2}docker \[OPTIONS\] COMMAND\n/);
  });

  it('with a command after it, prints that command help', () => {
    const shell = session();
    const help = run(shell, 'docker --help service ls');
    expect(help).toEqual(run(shell, 'docker service ls --help'));
    expect(help.stdout).toMatch(/^Usage: {2}docker service ls \[OPTIONS\]\n/);
  });
});
