/**
 * `sim` fault commands in the shell and `docker swarm leave`: the same fault table as scenario
 * steps, swarmsim-prefixed confirmations, and a node that left is never brought back by a heal.
 */
import { describe, expect, it } from 'vitest';
import type { ShellSession } from '../../src/shell/session.js';
import { run, session } from './helpers.js';

const pwd = () => session({ managers: 3, workers: 2 });

function node(shell: ShellSession, hostname: string, nth = 0) {
  const { state } = shell.simulation;
  const ids = state.nodeIds.filter((id) => state.nodes[id]!.description.hostname === hostname);
  return state.nodes[ids[nth]!]!;
}

function runningOn(shell: ShellSession, nodeId: string): number {
  const { state } = shell.simulation;
  return (state.tasksByNode[nodeId] ?? []).filter((id) => {
    const task = state.tasks[id]!;
    return task.status.state === 'running' && task.desiredState === 'running';
  }).length;
}

describe('sim fault commands in the shell', () => {
  it('crashes a node, which goes Down, and heals it back to Ready', () => {
    const shell = pwd();
    const crashed = run(shell, 'sim crash worker1');
    expect(crashed).toEqual({
      stdout: expect.stringMatching(/^swarmsim: worker1 crashed \(fault-\d+\)\n$/),
      stderr: '',
      exitCode: 0,
    });
    run(shell, 'sleep 30');
    expect(node(shell, 'worker1').status.state).toBe('down');
    const faultId = /\((fault-\d+)\)/.exec(crashed.stdout)![1];
    expect(run(shell, 'sim heal').stdout).toBe(`swarmsim: healed ${faultId}\n`);
    run(shell, 'sleep 10');
    expect(node(shell, 'worker1').status.state).toBe('ready');
    expect(run(shell, 'sim heal').stdout).toBe('swarmsim: nothing to heal\n');
  });

  it('restarts an engine for a while, then it is back by itself', () => {
    const shell = pwd();
    expect(run(shell, 'sim restart worker2 20s').stdout).toMatch(
      /^swarmsim: engine of worker2 restarting, back in 20s \(fault-\d+\)\n$/,
    );
    run(shell, 'sleep 19');
    expect(node(shell, 'worker2').status.state).toBe('down');
    run(shell, 'sleep 10');
    expect(node(shell, 'worker2').status.state).toBe('ready');
  });

  it('restarts an engine on a smaller machine and says so', () => {
    const shell = pwd();
    expect(run(shell, 'sim restart worker2 --memory 1GB --cpus 1').stdout).toMatch(
      /^swarmsim: engine of worker2 restarting, back in 5s with 1 CPUs and 1GiB of memory \(fault-\d+\)\n$/,
    );
    run(shell, 'sleep 30');
    const { resources } = node(shell, 'worker2').description;
    expect(resources).toMatchObject({ nanoCPUs: 1e9, memoryBytes: 1024 ** 3 });
    expect(run(shell, 'sim restart worker2 --disk 1GB').stderr).toMatch(
      /unknown flag --disk; usage: sim restart HOSTNAME \[DOWNTIME\] \[--memory SIZE\] \[--cpus N\]/,
    );
  });

  it('partitions two groups of machines and heals by hostname', () => {
    const shell = pwd();
    const out = run(shell, 'sim partition manager1,worker1 manager2,manager3,worker2');
    expect(out.stdout).toMatch(
      /^swarmsim: manager1,worker1 cut off from manager2,manager3,worker2 \(fault-\d+\)\n$/,
    );
    expect(shell.simulation.state.world.faults.map((f) => f.fault.kind)).toEqual(['partition']);
    expect(run(shell, 'sim heal worker1').stdout).toMatch(/^swarmsim: healed fault-\d+\n$/);
    expect(shell.simulation.state.world.faults).toEqual([]);
  });

  it('explains bad arguments and unknown machines on stderr', () => {
    const shell = pwd();
    expect(run(shell, 'sim crash')).toEqual({
      stdout: '',
      stderr: 'swarmsim: usage: sim crash HOSTNAME\n',
      exitCode: 1,
    });
    expect(run(shell, 'sim crash nowhere').stderr).toBe('swarmsim: no node nowhere\n');
    expect(run(shell, 'sim leave worker1').stderr).toContain("'docker swarm leave'");
  });
});

describe('docker swarm leave', () => {
  it('takes a worker out for good: Down, tasks rescheduled, no heal brings it back', () => {
    const shell = pwd();
    run(shell, 'docker service create --replicas 5 --name web nginx', 'sleep 30');
    const worker1 = node(shell, 'worker1');
    expect(runningOn(shell, worker1.id)).toBeGreaterThan(0);
    run(shell, 'sim node worker1', 'docker swarm leave', 'sim node manager1', 'sleep 40');
    expect(node(shell, 'worker1').status.state).toBe('down');
    const others = ['manager1', 'manager2', 'manager3', 'worker2'].map((h) => node(shell, h).id);
    expect(others.reduce((sum, id) => sum + runningOn(shell, id), 0)).toBe(5);
    run(shell, 'sim heal', 'sim heal worker1', 'sleep 60');
    expect(node(shell, 'worker1').status.state).toBe('down');
    const kinds = shell.simulation.state.world.faults.map((f) => f.fault.kind);
    expect(kinds).toEqual(['nodeLeave']);
    // Down, so an operator removes it without --force (SWARM.md 13.19).
    expect(run(shell, 'docker node rm worker1')).toEqual({
      stdout: 'worker1\n',
      stderr: '',
      exitCode: 0,
    });
    run(shell, 'sleep 30');
    expect(run(shell, 'docker node ls').stdout).not.toContain('worker1');
  });

  it('leaves a forced-out manager as a ghost Unreachable member', () => {
    const shell = pwd();
    run(shell, 'sim node manager3', 'docker swarm leave --force', 'sim node manager1');
    run(shell, 'sim heal', 'sleep 60');
    expect(node(shell, 'manager3').managerStatus?.reachability).toBe('unreachable');
    expect(run(shell, 'docker node ls').stdout).toMatch(/manager3\s+Down\s+Active\s+Unreachable/);
  });

  it('lets the machine join again as a new node while the old one stays down', () => {
    const shell = pwd();
    const token = run(shell, 'docker swarm join-token -q worker').stdout.trim();
    run(shell, 'sim node worker2', 'docker swarm leave');
    const joined = run(shell, `docker swarm join --token ${token} 192.168.0.11:2377`);
    expect(joined.stdout).toBe('This node joined a swarm as a worker.\n');
    run(shell, 'sleep 30');
    expect(node(shell, 'worker2', 0).status.state).toBe('down');
    expect(node(shell, 'worker2', 1).status.state).toBe('ready');
    // The hostname now names the member, so a crash strikes the new node, not the ghost.
    run(shell, 'sim crash worker2', 'sleep 30');
    expect(node(shell, 'worker2', 1).status.state).toBe('down');
  });
});

describe('docker commands when the engine or the leader is gone', () => {
  it("answers docker's cannot-connect error on a crashed machine; the client alone still works", () => {
    const shell = pwd();
    run(shell, 'sim crash manager1');
    expect(run(shell, 'docker service ls')).toEqual({
      stdout: '',
      stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. ' +
        'Is the docker daemon running?\n',
      exitCode: 1,
    });
    expect(run(shell, 'docker --version').stdout).toBe('Docker version 28.2.2, build e6534b4\n');
  });

  it('waits on another manager until a new leader is elected, then answers (fixture quorum-loss)', () => {
    const shell = pwd();
    run(shell, 'sim crash manager1', 'sim node manager2');
    const before = shell.simulation.now;
    const listed = run(shell, 'docker node ls');
    const waitedMs = shell.simulation.now - before;
    // An election takes 10-20 s of raft ticks; the real call hung ~14 s.
    expect(waitedMs).toBeGreaterThanOrEqual(10_000);
    expect(waitedMs).toBeLessThanOrEqual(21_000);
    expect(listed.exitCode).toBe(0);
    expect(listed.stdout).toMatch(/manager2 +Unknown +Active +(Leader|Reachable)/);
    expect(listed.stdout).toMatch(/manager1 +\w+ +Active +Unreachable/);
  });
});
