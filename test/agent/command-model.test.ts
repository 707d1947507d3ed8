import { describe, expect, it } from 'vitest';
import { describeProcess, pid1Program, sigtermBehaviour } from '../../src/agent/command-model.js';
import { effectiveArgv } from '../../src/agent/image-catalogue.js';
import { imageCacheKey, parseImageRef } from '../../src/agent/image.js';
import { resolveHost } from '../../src/agent/ping.js';
import { parseShell } from '../../src/agent/shell.js';
import { defaultTaskSpec } from '../../src/model/factory.js';
import type { ContainerSpec } from '../../src/model/types.js';

function container(image: string, args: string[] = [], command: string[] = []): ContainerSpec {
  return { ...defaultTaskSpec(image).container, args, command };
}

describe('command model: what a container does', () => {
  it("exits 0 at once for alpine's default shell", () => {
    const description = describeProcess(container('alpine'));
    expect(description.argv).toEqual(['/bin/sh']);
    expect(description.outcome).toEqual({ kind: 'exits', exitCode: 0, afterMs: 0, lines: 0 });
    expect(description.assumptions).toEqual([]);
  });

  it('serves forever for nginx and stops quickly on SIGTERM', () => {
    const description = describeProcess(container('nginx:1.25'));
    expect(description.outcome).toEqual({ kind: 'runsForever', printsLines: false });
    expect(description.sigterm).toEqual({ handled: true, exitAfterMs: 100, exitCode: 0 });
    expect(description.assumptions).toEqual([]);
  });

  it('pings forever and ignores SIGTERM as PID 1', () => {
    const description = describeProcess(container('busybox', ['ping', 'docker.com']));
    expect(description.outcome).toEqual({ kind: 'runsForever', printsLines: true });
    expect(description.sigterm.handled).toBe(false);
    expect(description.summary).toContain('ignores SIGTERM');
  });

  it('follows a script to its exit: code and time', () => {
    const description = describeProcess(container('alpine', ['sh', '-c', 'sleep 2; exit 3']));
    expect(description.outcome).toEqual({ kind: 'exits', exitCode: 3, afterMs: 2000, lines: 0 });
    expect(description.summary).toBe(
      "`sh -c 'sleep 2; exit 3'` exits with code 3 after 2 s. As PID 1, sh ignores SIGTERM, " +
        'so a stop waits out the grace period and kills it.',
    );
  });

  it('ends `ping -c 3` after its third reply with the statistics', () => {
    const description = describeProcess(container('alpine', ['ping', '-c', '3', '8.8.8.8']));
    // Header, three replies, blank line, title, counts, round-trip line.
    expect(description.outcome).toEqual({ kind: 'exits', exitCode: 0, afterMs: 2000, lines: 8 });
  });

  it('runs `&&`, `||`, `if` and `while` as sh does', () => {
    const script = 'echo a && false || echo b; if false; then exit 9; else echo c; fi; ' +
      'i=0; until true; do echo never; done';
    expect(describeProcess(container('busybox', ['sh', '-c', script])).outcome).toMatchObject({
      kind: 'exits',
      exitCode: 0,
      lines: 3,
    });
  });

  it('slows a busy printing loop to 10 lines a second instead of looping forever', () => {
    const description = describeProcess(
      container('alpine', ['sh', '-c', 'while true; do echo hi; done']),
    );
    expect(description.outcome).toEqual({ kind: 'runsForever', printsLines: true });
  });

  it('reports sh syntax errors the way sh does: exit 2', () => {
    const description = describeProcess(container('alpine', ['sh', '-c', 'while true; do echo']));
    expect(description.outcome).toMatchObject({ kind: 'exits', exitCode: 2, lines: 1 });
  });

  it('says when it has to guess', () => {
    const piped = describeProcess(container('alpine', ['sh', '-c', 'echo a | cat']));
    expect(piped.outcome.kind).toBe('runsForever');
    expect(piped.assumptions[0]).toContain("unsupported shell syntax '|'");
    const unknown = describeProcess(container('example/app:1.0'));
    expect(unknown.argv).toBeNull();
    expect(unknown.assumptions[0]).toContain('unknown');
    expect(unknown.sigterm.handled).toBe(true);
  });

  it('fails sleep with a bad number', () => {
    const description = describeProcess(container('busybox', ['sleep', 'soon']));
    expect(description.outcome).toMatchObject({ kind: 'exits', exitCode: 1, lines: 1 });
  });

  it('expands $VARS from the container env and from assignments, when the command runs', () => {
    const spec = { ...container('alpine', ['sh', '-c', 'exit $CODE']), env: ['CODE=5'] };
    expect(describeProcess(spec).outcome).toMatchObject({ kind: 'exits', exitCode: 5 });
    const script = 'n=2; sleep $n; false; exit "$?$n"';
    expect(describeProcess(container('alpine', ['sh', '-c', script])).outcome).toEqual({
      kind: 'exits',
      exitCode: 12,
      afterMs: 2000,
      lines: 0,
    });
  });
});

describe('command model: PID 1 and signals', () => {
  it('lets a shell exec a single command, which becomes PID 1', () => {
    expect(pid1Program(container('nginx', ['sh', '-c', 'nginx -g "daemon off;"']))).toBe('nginx');
    expect(sigtermBehaviour(container('nginx', ['sh', '-c', 'nginx -g "daemon off;"'])).handled)
      .toBe(true);
    expect(pid1Program(container('alpine', ['sh', '-c', 'sleep 1; sleep 2']))).toBe('sh');
    expect(sigtermBehaviour(container('alpine', ['sleep', '10'])).handled).toBe(false);
  });
});

describe('command model: images and names', () => {
  it('normalises image references as docker does', () => {
    expect(parseImageRef('docker.io/library/nginx')).toEqual({
      name: 'nginx',
      tag: 'latest',
      digest: '',
    });
    expect(parseImageRef('registry:5000/team/app:2')).toMatchObject({
      name: 'registry:5000/team/app',
      tag: '2',
    });
    expect(imageCacheKey('nginx:1.25@sha256:abc')).toBe('nginx@sha256:abc');
  });

  it('appends arguments to a program entrypoint and replaces an image default', () => {
    expect(effectiveArgv('traefik/whoami', [], ['--port', '8080'])).toEqual([
      '/whoami',
      '--port',
      '8080',
    ]);
    expect(effectiveArgv('alpine', [], ['ping', 'x'])).toEqual(['ping', 'x']);
    expect(effectiveArgv('alpine', ['sh', '-c'], ['exit 1'])).toEqual(['sh', '-c', 'exit 1']);
  });

  it('resolves literals, known and dotted names, but not bare words', () => {
    expect(resolveHost('8.8.8.8')?.ip).toBe('8.8.8.8');
    expect(resolveHost('localhost')).toEqual({ ip: '127.0.0.1', ttl: 64, rttMs: 0.05 });
    expect(resolveHost('docker.com')?.ip).toBe('141.193.213.20');
    expect(resolveHost('api.internal.corp')?.ip).toMatch(/^203\.0\.113\.\d+$/);
    expect(resolveHost('nosuchhost')).toBeNull();
    expect(resolveHost('host.invalid')).toBeNull();
    expect(resolveHost('web', { web: '10.0.1.5' })?.ip).toBe('10.0.1.5');
  });

  it('parses quoting, newlines and keywords', () => {
    const parsed = parseShell("while true\ndo echo 'a; b'\nsleep 1; done");
    expect(parsed).toEqual({
      ok: true,
      node: {
        kind: 'while',
        until: false,
        condition: { kind: 'command', argv: ['true'] },
        body: {
          kind: 'list',
          items: [
            { connector: ';', node: { kind: 'command', argv: ['echo', 'a; b'] } },
            { connector: ';', node: { kind: 'command', argv: ['sleep', '1'] } },
          ],
        },
      },
    });
  });
});
