/**
 * Fault commands refused on a machine that is already down say how to bring it back: a learner
 * who crashed a node tries `sim restart` next, and only `sim heal` boots a crashed machine.
 */
import { describe, expect, it } from 'vitest';
import { ShellSession } from '../../src/shell/session.js';

function labWithCrashedWorker(): ShellSession {
  const shell = new ShellSession({ seed: 1, managers: 3, workers: 2, preformed: true });
  expect(shell.execute('sim crash worker2').exitCode).toBe(0);
  return shell;
}

describe('faults: refusals on a machine that is down', () => {
  it('refuses to restart a crashed machine and names the command that boots it', () => {
    const shell = labWithCrashedWorker();
    const restart = shell.execute('sim restart worker2');
    expect(restart.exitCode).toBe(1);
    expect(restart.stderr).toBe(
      "swarmsim: worker2 is already down; 'sim heal worker2' brings it back\n",
    );
    expect(shell.execute('sim crash worker2').stderr).toContain("'sim heal worker2'");
  });

  it('boots it with the command the refusal names: Ready again after re-registering', () => {
    const shell = labWithCrashedWorker();
    shell.execute('sleep 30');
    expect(shell.execute('docker node ls').stdout).toMatch(/worker2 +Down/);
    expect(shell.execute('sim heal worker2').stdout).toMatch(/^swarmsim: healed fault-\d+\n$/);
    shell.execute('sleep 10');
    expect(shell.execute('docker node ls').stdout).toMatch(/worker2 +Ready/);
  });
});
