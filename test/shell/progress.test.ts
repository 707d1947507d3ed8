import { describe, expect, it } from 'vitest';
import { run, session } from './helpers.js';

const verifyLines = (seconds: number, times: number) =>
  Array<string>(times).fill(
    `verify: Waiting ${seconds} seconds to verify that tasks are stable...`,
  );

describe('docker service create without -d, into a pipe', () => {
  it('prints the ID, the slots once, overall progress per poll, then the verify countdown', () => {
    const shell = session();
    run(shell, 'docker swarm init');
    const start = shell.simulation.now;
    const out = run(shell, 'docker service create --name web --replicas 3 busybox sleep 3600');
    expect(out.exitCode).toBe(0);
    const id = shell.simulation.state.serviceIds[0]!;
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 6)).toEqual([
      id, 'overall progress: 0 out of 3 tasks', '1/3:  ', '2/3:  ', '3/3:  ',
      'overall progress: 0 out of 3 tasks',
    ]);
    const converged = lines.indexOf('overall progress: 3 out of 3 tasks');
    expect(converged).toBeGreaterThan(5);
    const polls = lines.slice(6, converged);
    expect(polls.every((line) => /^overall progress: [0-2] out of 3/.test(line))).toBe(true);
    // The recorded countdown (fixture create-replicas): 5, 5, 5, 5 and 4 lines per second.
    expect(lines.slice(converged + 1)).toEqual([
      ...verifyLines(5, 5), ...verifyLines(4, 5), ...verifyLines(3, 5), ...verifyLines(2, 5),
      ...verifyLines(1, 4), `verify: Service ${id} converged`,
    ]);
    // Virtual time passed while it waited: the tasks run, and at least the 5 s monitor went by.
    expect(shell.simulation.now - start).toBeGreaterThan(5000);
    const tasks = shell.simulation.state.tasksByService[id]!;
    expect(tasks.map((t) => shell.simulation.state.tasks[t]!.status.state)).toEqual([
      'running', 'running', 'running',
    ]);
  });

  it('returns at once with -d, and waits silently with -q', () => {
    const shell = session();
    run(shell, 'docker swarm init');
    const before = shell.simulation.now;
    const detached = run(shell, 'docker service create -d --name a busybox sleep 3600');
    expect(detached.stdout.split('\n')).toHaveLength(2);
    expect(shell.simulation.now).toBe(before);
    const quiet = run(shell, 'docker service create -q --name b busybox sleep 3600');
    expect(quiet.stdout.split('\n')).toHaveLength(2);
    expect(shell.simulation.now).toBeGreaterThan(before + 5000);
  });

  it('names the service as typed after a scale', () => {
    const shell = session();
    run(shell, 'docker swarm init', 'docker service create -d --name web busybox sleep 3600');
    run(shell, 'sleep 10');
    const out = run(shell, 'docker service scale web=3');
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('web scaled to 3');
    // The running task stays up to date (a scale does not make it dirty), so 1 of 3 at once.
    expect(lines[5]).toBe('overall progress: 1 out of 3 tasks');
    expect(lines.at(-1)).toBe('verify: Service web converged');
  });
});

describe('an update that fails', () => {
  it('ends with docker\'s paused error on stderr and exit 1', () => {
    const shell = session();
    run(shell, 'docker swarm init');
    run(shell, 'docker service create -d --name w --replicas 2 busybox sleep 3600');
    run(shell, 'sleep 10');
    const out = run(shell, 'docker service update --args false w');
    expect(out.exitCode).toBe(1);
    const head = 'w\noverall progress: 0 out of 2 tasks\n1/2:  \n2/2:  \n';
    expect(out.stdout.startsWith(head)).toBe(true);
    expect(out.stderr).toMatch(
      /^service update paused: update paused due to failure or early termination of task \w{25}\n$/,
    );
    const rollback = run(shell, 'docker service rollback w');
    expect(rollback.stdout).toMatch(/^w\nrollback: manually requested rollback\n/);
    expect(rollback.stdout).toContain('overall progress: rolling back update: 0 out of 2 tasks\n');
    expect(rollback.stdout.trimEnd().split('\n').at(-1)).toBe('verify: Service w converged');
  });
});

describe('on a terminal', () => {
  it('shows the final screen: one line per ID, bars on a wide terminal', () => {
    const shell = session({ terminal: true, columns: 120 });
    run(shell, 'docker swarm init');
    const out = run(shell, 'docker service create --name web --replicas 2 busybox sleep 3600');
    const bar = `[${'='.repeat(50)}>]`;
    const id = shell.simulation.state.serviceIds[0]!;
    expect(out.stdout).toBe(
      `${id}\noverall progress: 2 out of 2 tasks\n1/2: running   ${bar}\n2/2: running   ${bar}\n` +
        `verify: Service ${id} converged\n`,
    );
    const narrow = session({ terminal: true, columns: 80 });
    run(narrow, 'docker swarm init');
    const plain = run(narrow, 'docker service create --name web --replicas 1 busybox sleep 3600');
    expect(plain.stdout).toContain('\n1/1: running\n');
  });
});
