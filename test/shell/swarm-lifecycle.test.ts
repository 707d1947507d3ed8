import { describe, expect, it } from 'vitest';
import { run, session } from './helpers.js';

const NOT_MANAGER =
  'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or ' +
  '"docker swarm join" to connect this node to swarm and try again.\n';
const TOKEN = /SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}/;

describe('a laptop outside any swarm', () => {
  it('refuses service and node commands with the engine error until swarm init', () => {
    const shell = session();
    for (const line of ['docker service ls', 'docker node ls', 'docker service create nginx']) {
      expect(run(shell, line)).toEqual({ stdout: '', stderr: NOT_MANAGER, exitCode: 1 });
    }
  });

  it('says it is not part of a swarm on leave', () => {
    expect(run(session(), 'docker swarm leave')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: This node is not part of a swarm\n',
      exitCode: 1,
    });
  });

  it('initialises a swarm and prints the join block with a seeded token', () => {
    const shell = session();
    const out = run(shell, 'docker swarm init');
    expect(out.exitCode).toBe(0);
    const nodeId = shell.simulation.state.nodeIds[0]!;
    const token = TOKEN.exec(out.stdout)?.[0];
    expect(out.stdout).toBe(
      `Swarm initialized: current node (${nodeId}) is now a manager.\n\n` +
        'To add a worker to this swarm, run the following command:\n\n' +
        `    docker swarm join --token ${token} 192.168.65.3:2377\n\n` +
        "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the " +
        'instructions.\n',
    );
    expect(run(session(), 'docker swarm init').stdout).toBe(out.stdout);
    expect(run(session({ seed: 2 }), 'docker swarm init').stdout).not.toBe(out.stdout);
    expect(run(shell, 'docker node ls').exitCode).toBe(0);
  });

  it('refuses a second init', () => {
    const out = run(session(), 'docker swarm init', 'docker swarm init');
    expect(out.stderr).toBe(
      'Error response from daemon: This node is already part of a swarm. Use "docker swarm ' +
        'leave" to leave this swarm and join another one.\n',
    );
  });

  it('refuses to leave as the last manager (trailing space), then leaves with --force', () => {
    const shell = session();
    const refused = run(shell, 'docker swarm init', 'docker swarm leave');
    expect(refused.stderr).toBe(
      'Error response from daemon: You are attempting to leave the swarm on a node that is ' +
        'participating as a manager. Removing the last manager erases all current state of the ' +
        'swarm. Use `--force` to ignore this message.\n',
    );
    expect(run(shell, 'docker swarm leave --force')).toEqual({
      stdout: 'Node left the swarm.\n',
      stderr: '',
      exitCode: 0,
    });
    expect(run(shell, 'docker service ls').stderr).toBe(NOT_MANAGER);
    // A new swarm after the old one was abandoned: empty, with this machine leading it.
    expect(run(shell, 'docker swarm init').exitCode).toBe(0);
    expect(shell.simulation.state.nodeIds).toHaveLength(1);
  });
});

describe('Play with Docker instances (--no-swarm)', () => {
  const pwd = () => session({ managers: 2, workers: 1, preformed: false });

  it('needs --advertise-addr on machines with two interfaces', () => {
    expect(run(pwd(), 'docker swarm init').stderr).toBe(
      'Error response from daemon: could not choose an IP address to advertise since this system ' +
        'has multiple addresses on different interfaces (192.168.0.11 on eth0 and 172.18.0.11 on ' +
        'eth1) - specify one with --advertise-addr\n',
    );
    expect(run(pwd(), 'docker swarm init --advertise-addr 192.168.0.11').stdout).toContain(
      ' 192.168.0.11:2377\n',
    );
  });

  it('joins workers and managers by token and refuses a bad one', () => {
    const shell = pwd();
    run(shell, 'docker swarm init --advertise-addr eth0');
    const worker = run(shell, 'docker swarm join-token -q worker').stdout.trim();
    const manager = run(shell, 'docker swarm join-token -q manager').stdout.trim();
    expect(worker).toMatch(TOKEN);
    expect(worker.slice(0, 59)).toBe(manager.slice(0, 59));
    expect(worker).not.toBe(manager);
    run(shell, 'sim node worker1');
    expect(run(shell, 'docker swarm join --token SWMTKN-1-nope 192.168.0.11:2377').stderr).toBe(
      'Error response from daemon: rpc error: code = InvalidArgument desc = A valid join token ' +
        'is necessary to join this cluster\n',
    );
    expect(run(shell, `docker swarm join --token ${worker} 192.168.0.11:2377`).stdout).toBe(
      'This node joined a swarm as a worker.\n',
    );
    expect(run(shell, 'docker node ls').stderr).toContain("Worker nodes can't be used");
    run(shell, 'sim node manager2');
    expect(run(shell, `docker swarm join --token ${manager} 192.168.0.11:2377`).stdout).toBe(
      'This node joined a swarm as a manager.\n',
    );
    const { state } = shell.simulation;
    const roles = state.nodeIds.map((id) => state.nodes[id]!.role);
    expect(roles).toEqual(['manager', 'worker', 'manager']);
  });

  it('rotates a token: the old one no longer joins', () => {
    const shell = pwd();
    run(shell, 'docker swarm init --advertise-addr 192.168.0.11');
    const old = run(shell, 'docker swarm join-token -q worker').stdout.trim();
    const rotated = run(shell, 'docker swarm join-token --rotate worker').stdout;
    expect(rotated).toMatch(/^Successfully rotated worker join token\.\n\nTo add a worker/);
    expect(rotated).not.toContain(old);
    run(shell, 'sim node worker1');
    expect(run(shell, `docker swarm join --token ${old} 192.168.0.11:2377`).exitCode).toBe(1);
    run(shell, 'sim node manager1');
    expect(run(shell, 'docker swarm join-token foo').stderr).toBe('unknown role foo\n');
  });
});

describe('the PWD template (3 managers, 2 workers, swarm formed)', () => {
  it('warns a manager whose leave breaks nothing, and lets a worker leave', () => {
    const shell = session({ managers: 3, workers: 2 });
    expect(run(shell, 'docker swarm leave').stderr).toBe(
      'Error response from daemon: You are attempting to leave the swarm on a node that is ' +
        'participating as a manager. The only way to restore a swarm that has lost consensus is ' +
        'to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.\n',
    );
    const left = run(shell, 'sim node worker1', 'docker swarm leave');
    expect(left.stdout).toBe('Node left the swarm.\n');
    run(shell, 'sim node manager1', 'sleep 30');
    const worker1 = shell.simulation.state.nodes[shell.simulation.state.nodeIds[3]!]!;
    expect(worker1.status.state).toBe('down');
  });

  it('warns of the lost quorum with two managers', () => {
    expect(run(session({ managers: 2, workers: 0 }), 'docker swarm leave').stderr).toContain(
      'participating as a manager. Removing this node leaves 1 managers out of 2. Without a Raft ' +
        'quorum your swarm will be inaccessible. The only way',
    );
  });
});

describe('docker info outside the swarm', () => {
  it('prints the Swarm: inactive form on the laptop, then active after init', () => {
    const shell = session();
    const out = run(shell, 'docker info');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('\n Swarm: inactive\n Runtimes:');
    expect(out.stdout).toContain('\n Name: manager1\n');
    expect(out.stdout).not.toContain('NodeID');
    expect(run(shell, "docker info --format '{{.Swarm.LocalNodeState}}'").stdout).toBe(
      'inactive\n',
    );
    run(shell, 'docker swarm init');
    expect(run(shell, 'docker info').stdout).toContain('\n Swarm: active\n  NodeID: ');
  });

  it('prints it on a worker that left, where node ls gives the engine error', () => {
    const shell = session({ managers: 3, workers: 2 });
    run(shell, 'sim node worker1', 'docker swarm leave');
    expect(run(shell, 'docker info').stdout).toContain('\n Swarm: inactive\n');
    expect(run(shell, 'docker node ls')).toEqual({ stdout: '', stderr: NOT_MANAGER, exitCode: 1 });
  });
});
