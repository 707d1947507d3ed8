import { describe, expect, it } from 'vitest';
import { run, session } from './helpers.js';

describe('sleep in the shell', () => {
  it('waits up to two days of virtual time at once, covering the 24 h orphan timer', () => {
    const shell = session();
    expect(run(shell, 'sleep 1d 23h').exitCode).toBe(0);
    expect(shell.simulation.now).toBe(47 * 3_600_000);
  });

  it('refuses a longer wait at once instead of hanging on a typo of many digits', () => {
    const shell = session();
    expect(run(shell, 'sleep 99999999999999999999999')).toEqual({
      stdout: '',
      stderr:
        'swarmsim: sleep: at most 2d of virtual time at once (asked for ' +
        '99999999999999999999999)\n',
      exitCode: 1,
    });
    expect(shell.simulation.now).toBe(0);
  });
});

describe('shell operators', () => {
  it('refuses a pipe, a redirection or a command list instead of passing it as arguments', () => {
    const shell = session();
    expect(run(shell, 'curl -s localhost:8080 | head -3')).toEqual({
      stdout: '',
      stderr:
        "swarmsim: '|': pipes, redirections and command lists are not simulated; type one " +
        'command per line\n',
      exitCode: 2,
    });
    expect(run(shell, 'docker ps > out.txt').stderr).toMatch(/^swarmsim: '>': pipes/);
    expect(run(shell, "docker service create --name x busybox sh -c 'a | b'").stderr).not.toMatch(
      /pipes/,
    );
  });
});
