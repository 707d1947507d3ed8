/**
 * Standalone containers in `swarmsim shell`: `docker run -d` and kept foreground runs,
 * `docker ps -a` beside task containers, `docker logs`, `docker stop`, `docker rm`, name and
 * port conflicts, a host crash, and a replay of the session's log rebuilding them. Texts follow
 * test/fixtures/real-docker/run-detached (docker 28 CLI).
 */
import { describe, expect, it } from 'vitest';
import { replayLog } from '../../src/engine/replay.js';
import { ShellSession } from '../../src/shell/session.js';

const LOG_HEADER = { scenarioHash: 'sha256:0', scenario: 'shell', swarmsimVersion: 'test' };

function laptop(): ShellSession {
  return new ShellSession({ seed: 5, managers: 1, workers: 0, preformed: false });
}

/** Runs `line`, failing the test on an unexpected exit code; returns stdout. */
function ok(shell: ShellSession, line: string): string {
  const out = shell.execute(line);
  expect(out.exitCode, `${line}\n${out.stderr}`).toBe(0);
  return out.stdout;
}

/** `docker ps` rows without the header, as arrays of columns split on 2+ spaces. */
function rows(shell: ShellSession, line = 'docker ps -a'): string[][] {
  return ok(shell, line)
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((row) => row.split(/ {2,}/));
}

describe('standalone containers', () => {
  it('runs detached, prints the ID, and keeps foreground runs unless --rm', () => {
    const shell = laptop();
    const id = ok(shell, 'docker run -d --name sleeper alpine sleep 600').trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(ok(shell, 'docker run alpine echo kept')).toBe('kept\n');
    expect(ok(shell, 'docker run --rm alpine echo gone')).toBe('gone\n');
    ok(shell, 'sleep 3');
    const [kept, sleeper, ...rest] = rows(shell);
    expect(rest).toEqual([]);
    // Outside a swarm the laptop pulls alpine for each run (its pulls are not recorded).
    expect(kept).toEqual([
      expect.stringMatching(/^[0-9a-f]{12}$/),
      'alpine',
      '"echo kept"',
      expect.stringMatching(/^\d seconds ago$/),
      expect.stringMatching(/^Exited \(0\) \d seconds ago$/),
      expect.stringMatching(/^[a-z]+_[a-z]+$/),
    ]);
    expect(sleeper).toEqual([id.slice(0, 12), 'alpine', '"sleep 600"',
      expect.stringMatching(/^\d+ seconds ago$/), expect.stringMatching(/^Up \d+ seconds$/),
      'sleeper']);
    expect(rows(shell, 'docker ps').map((row) => row.at(-1))).toEqual(['sleeper']);
  });

  it('lists them beside task containers, newest first, with published ports; logs of both', () => {
    const shell = new ShellSession({ seed: 5, managers: 1, workers: 0, preformed: false });
    ok(shell, 'docker swarm init');
    ok(shell, "docker service create -d --name svc alpine sh -c 'echo up; sleep 600'");
    ok(shell, 'sleep 10');
    ok(shell, 'docker run -d --name web -p 8080:80 nginx');
    ok(shell, 'docker run -d --name any -p 80 nginx');
    const table = rows(shell, 'docker ps');
    expect(table.map((row) => row.at(-1))).toEqual([
      'any',
      'web',
      expect.stringMatching(/^svc\.1\./),
    ]);
    expect(table[0]![5]).toBe('0.0.0.0:32768->80/tcp, [::]:32768->80/tcp');
    expect(table[1]![5]).toBe('0.0.0.0:8080->80/tcp, [::]:8080->80/tcp');
    // docker logs reads a task's container too, by its name.
    expect(ok(shell, `docker logs ${table[2]!.at(-1)!}`)).toBe('up\n');
  });

  it('prints their output with docker logs, stdout and stderr apart', () => {
    const shell = laptop();
    ok(shell, "docker run -d --name quick alpine sh -c 'echo hello; sleep x; exit 4'");
    ok(shell, 'docker run -d --name pinger alpine ping -c 5 localhost');
    ok(shell, 'sleep 2');
    const logs = shell.execute('docker logs quick');
    expect(logs).toEqual({
      stdout: 'hello\n',
      stderr: "sleep: invalid number 'x'\n",
      exitCode: 0,
    });
    expect(rows(shell).find((row) => row.at(-1) === 'quick')![4]).toMatch(/^Exited \(4\) /);
    expect(ok(shell, 'docker logs -f pinger').split('\n')[0]).toMatch(/^PING localhost/);
    expect(ok(shell, 'docker logs --tail 1 pinger')).toMatch(/^round-trip/);
    expect(shell.execute('docker logs nosuch')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: No such container: nosuch\n',
      exitCode: 1,
    });
  });

  it('stops with SIGTERM, then SIGKILL after the timeout for a process that ignores it', () => {
    const shell = laptop();
    ok(shell, 'docker run -d --name sleeper alpine sleep 600');
    ok(shell, 'docker run -d --name web nginx');
    const before = shell.simulation.now;
    expect(ok(shell, 'docker stop sleeper')).toBe('sleeper\n');
    expect(shell.simulation.now - before).toBeGreaterThanOrEqual(10_000);
    expect(ok(shell, 'docker stop web')).toBe('web\n');
    expect(rows(shell).map((row) => [row.at(-1), row[4]])).toEqual([
      ['web', 'Exited (0) Less than a second ago'],
      ['sleeper', 'Exited (137) Less than a second ago'],
    ]);
    expect(shell.execute('docker stop nosuch')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: No such container: nosuch\n',
      exitCode: 1,
    });
  });

  it('refuses to remove a running container without -f, with docker texts', () => {
    const shell = laptop();
    const id = ok(shell, 'docker run -d --name sleeper alpine sleep 600').trim();
    expect(shell.execute('docker rm sleeper')).toEqual({
      stdout: '',
      stderr:
        `Error response from daemon: You cannot remove a running container ${id}. ` +
        'Stop the container before attempting removal or force remove\n',
      exitCode: 1,
    });
    expect(ok(shell, 'docker rm -f sleeper')).toBe('sleeper\n');
    expect(rows(shell)).toEqual([]);
    expect(shell.execute('docker rm -f nosuch')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: No such container: nosuch\n',
      exitCode: 0,
    });
    expect(shell.execute('docker rm nosuch').exitCode).toBe(1);
  });

  it("answers a name in use with docker's Conflict error", () => {
    const shell = laptop();
    const id = ok(shell, 'docker run -d --name bg alpine sleep 600').trim();
    const out = shell.execute('docker run --name bg alpine true');
    expect(out.exitCode).toBe(125);
    expect(out.stderr).toMatch(/^Unable to find image 'alpine:latest' locally\n/);
    expect(out.stderr).toContain(
      `\ndocker: Error response from daemon: Conflict. The container name "/bg" is already in ` +
        `use by container "${id}". You have to remove (or rename) that container to be able ` +
        "to reuse that name.\n\nRun 'docker run --help' for more information\n",
    );
    ok(shell, 'docker rm -f bg');
    expect(ok(shell, 'docker run --name bg alpine true')).toBe('');
  });

  it('leaves a container Created when its host port is taken by a container or a task', () => {
    const shell = new ShellSession({ seed: 5, managers: 1, workers: 0, preformed: false });
    ok(shell, 'docker swarm init');
    const hostMode = '--publish mode=host,published=7070,target=80';
    ok(shell, `docker service create -d --name hs ${hostMode} nginx`);
    ok(shell, 'sleep 10');
    ok(shell, 'docker run -d --name web -p 8080:80 nginx');
    for (const [name, port] of [['web2', 8080], ['clash', 7070]] as const) {
      const out = shell.execute(`docker run -d --name ${name} -p ${port}:80 nginx`);
      expect(out.exitCode).toBe(125);
      expect(out.stdout).toMatch(/^[0-9a-f]{64}\n$/);
      expect(out.stderr).toMatch(
        new RegExp(
          `^docker: Error response from daemon: driver failed programming external ` +
            `connectivity on endpoint ${name} \\([0-9a-f]{64}\\): Bind for 0\\.0\\.0\\.0:${port} ` +
            'failed: port is already allocated\n',
        ),
      );
      expect(rows(shell, `docker ps -a --filter name=${name}`)[0]![4]).toBe('Created');
    }
  });

  it('dies with a crash of its host', () => {
    const shell = new ShellSession({ seed: 5, managers: 1, workers: 1, preformed: true });
    ok(shell, 'sim node worker1');
    ok(shell, 'docker run -d --name sleeper alpine sleep 600');
    ok(shell, 'sim crash worker1');
    ok(shell, 'sim heal all');
    ok(shell, 'sleep 5');
    expect(rows(shell)[0]![4]).toMatch(/^Exited \(255\) 5 seconds ago$/);
  });

  it('is stopped by an engine restart of its host and stays stopped', () => {
    const shell = new ShellSession({ seed: 5, managers: 1, workers: 1, preformed: true });
    ok(shell, 'sim node worker1');
    ok(shell, 'docker run -d --name web nginx');
    ok(shell, 'docker run -d --name sleeper alpine sleep 600');
    ok(shell, 'sim restart worker1 5s');
    ok(shell, 'sleep 30');
    expect(rows(shell).map((row) => [row.at(-1), row[4]])).toEqual([
      ['sleeper', 'Exited (137) 20 seconds ago'],
      ['web', 'Exited (0) 29 seconds ago'],
    ]);
  });

  it('is rebuilt by a replay of the session log', () => {
    const shell = new ShellSession({
      seed: 5, managers: 1, workers: 0, preformed: false, logHeader: LOG_HEADER,
    });
    ok(shell, 'docker run -d --name sleeper alpine sleep 600');
    ok(shell, 'docker run -d --name pinger alpine ping -c 3 localhost');
    ok(shell, 'docker run alpine echo hi');
    ok(shell, 'docker run -d --rm alpine sleep 1');
    ok(shell, 'docker stop sleeper');
    const live = structuredClone(shell.simulation.state.containers);
    const ids = [...shell.simulation.state.containerIds!];
    const replayed = replayLog(shell.closeEventLog()!);
    expect(ids).toHaveLength(3);
    expect(replayed.state.containerIds).toEqual(ids);
    expect(replayed.state.containers).toEqual(live);
    expect(replayed.state.containers![ids[1]!]!.output.length).toBeGreaterThan(3);
  });
});
