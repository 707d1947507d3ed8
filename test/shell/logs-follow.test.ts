/**
 * `docker service logs -f` in the shell follows in virtual time: a task's logs until the task
 * ends, a service's until it is removed or, as docker would follow for ever, for 10 s.
 */
import { describe, expect, it } from 'vitest';
import { session } from './helpers.js';

const SCRIPT = 'sh -c "sleep 3; echo hi; sleep 2; echo bye"';

function shellWithService() {
  const shell = session();
  shell.execute('docker swarm init');
  shell.execute(`docker service create -d --name p --restart-condition none alpine ${SCRIPT}`);
  shell.execute('sleep 1');
  return shell;
}

describe('docker service logs -f', () => {
  it('prints what the service writes later, then stops after 10 s as with Ctrl-C', () => {
    const shell = shellWithService();
    const out = shell.execute('docker service logs -f p');
    expect(out.stdout).toMatch(/^p\.1\.\w+@manager1 +\| hi\np\.1\.\w+@manager1 +\| bye\n$/);
    expect(out.stderr).toBe('swarmsim: stopped following after 10 s of virtual time (Ctrl-C)\n');
    expect(out.exitCode).toBe(0);
    expect(shell.execute('sim time').stdout).toBe('t=11.000s\n');
  });

  it('follows one task until it ends', () => {
    const shell = shellWithService();
    const taskId = shell.execute('docker service ps -q p').stdout.trim();
    const out = shell.execute(`docker service logs -f ${taskId}`);
    expect(out.stdout.split('\n').filter(Boolean).map((line) => line.split('| ')[1])).toEqual([
      'hi',
      'bye',
    ]);
    expect(out.stderr).toBe('');
    const now = Number(/t=([\d.]+)s/.exec(shell.execute('sim time').stdout)![1]);
    expect(now).toBeGreaterThanOrEqual(6);
    expect(now).toBeLessThan(10);
  });

  it('without -f prints only what was written so far', () => {
    const shell = shellWithService();
    expect(shell.execute('docker service logs p').stdout).toBe('');
    expect(shell.execute('sim time').stdout).toBe('t=1.000s\n');
  });
});
