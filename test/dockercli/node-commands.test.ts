import { describe, expect, it } from 'vitest';
import { eventTypes, fixture } from '../api/fixture.js';
import { docker } from './docker.js';

describe('docker node update', () => {
  it('prints the node as typed and records availability and labels', () => {
    const fx = fixture();
    const worker = fx.node('worker1');
    const line = 'node update --availability drain --label-add zone=a --label-add ssd worker1';
    expect(docker(fx, line)).toEqual({
      stdout: 'worker1\n',
      stderr: '',
      exitCode: 0,
    });
    expect(eventTypes(fx)).toEqual(['node/availabilityChanged', 'node/labelsChanged']);
    expect(fx.sim.state.nodes[worker]).toMatchObject({
      availability: 'drain',
      labels: { ssd: '', zone: 'a' },
    });
    docker(fx, 'node update --label-rm zone --availability ACTIVE worker1');
    const node = fx.sim.state.nodes[worker];
    expect(node).toMatchObject({ availability: 'active', labels: { ssd: '' } });
  });

  it('refuses to remove a label the node does not have, in the client', () => {
    const fx = fixture();
    expect(docker(fx, 'node update --label-rm zone worker1')).toEqual({
      stdout: '',
      stderr: "key zone doesn't exist in node's labels\n",
      exitCode: 1,
    });
    expect(fx.events).toEqual([]);
  });

  it("refuses unknown roles and availabilities with dockerd's texts", () => {
    const fx = fixture();
    expect(docker(fx, 'node update --role boss worker1').stderr).toBe(
      'Error response from daemon: invalid Role: "boss"\n',
    );
    expect(docker(fx, 'node update --availability off worker1').stderr).toBe(
      'Error response from daemon: invalid Availability: "off"\n',
    );
  });

  it('reports an unknown node', () => {
    const fx = fixture();
    expect(docker(fx, 'node update --availability pause worker9').stderr).toBe(
      'Error response from daemon: node worker9 not found\n',
    );
  });
});

describe('docker node promote and demote', () => {
  it('promotes, skipping a node that is already a manager', () => {
    const fx = fixture();
    const manager = fx.node('manager1');
    expect(docker(fx, 'node promote worker1 manager1')).toEqual({
      stdout:
        'Node worker1 promoted to a manager in the swarm.\n' +
        `Node ${manager} is already a manager.\n`,
      stderr: '',
      exitCode: 0,
    });
    expect(fx.sim.state.nodes[fx.node('worker1')]?.role).toBe('manager');
  });

  it('demotes, and refuses the last manager', () => {
    const fx = fixture();
    expect(docker(fx, 'node demote manager1')).toEqual({
      stdout: '',
      stderr:
        'Error response from daemon: rpc error: code = FailedPrecondition desc = attempting to ' +
        'demote the last manager of the swarm\n',
      exitCode: 1,
    });
    docker(fx, 'node promote worker1');
    const demoted = docker(fx, 'node demote worker1');
    expect(demoted.stdout).toBe('Manager worker1 demoted in the swarm.\n');
    const node = fx.sim.state.nodes[fx.node('worker1')];
    expect(node).toMatchObject({ role: 'worker', managerStatus: null });
  });

  it('stops at the first failure', () => {
    const fx = fixture();
    expect(docker(fx, 'node promote nope worker1')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: node nope not found\n',
      exitCode: 1,
    });
    expect(fx.events).toEqual([]);
  });
});

describe('docker node rm', () => {
  it('needs -f for a Ready node and refuses managers even with -f', () => {
    const fx = fixture();
    const worker = fx.node('worker1');
    const manager = fx.node('manager1');
    expect(docker(fx, 'node rm worker1').stderr).toBe(
      'Error response from daemon: rpc error: code = FailedPrecondition desc = ' +
        `node ${worker} is not down and can't be removed\n`,
    );
    expect(docker(fx, 'node rm -f manager1').stderr).toBe(
      'Error response from daemon: rpc error: code = FailedPrecondition desc = ' +
        `node ${manager} is a cluster manager and is a member of the raft cluster. ` +
        'It must be demoted to worker before removal\n',
    );
    expect(docker(fx, 'node rm --force worker1 worker2')).toEqual({
      stdout: 'worker1\nworker2\n',
      stderr: '',
      exitCode: 0,
    });
    expect(eventTypes(fx)).toEqual(['node/removed', 'node/removed']);
  });

  it('removes a down node without -f', () => {
    const fx = fixture();
    const nodeId = fx.node('worker2');
    const message = 'heartbeat failure';
    fx.sim.emit({ type: 'node/statusChanged', nodeId, state: 'down', message });
    expect(docker(fx, 'node remove worker2').exitCode).toBe(0);
  });
});
