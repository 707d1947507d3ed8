/**
 * A node's volumes outlive the task containers that made them, as on a real engine: a named
 * volume stays after `docker service rm` until `docker volume rm`, which refuses while a
 * container uses it; an anonymous volume goes with its container. `docker volume create` makes
 * a named one.
 */
import { describe, expect, it } from 'vitest';
import { containerId } from '../../src/dockercli/engine-ids.js';
import { anonymousVolumeName } from '../../src/dockercli/volume-ls.js';
import type { Task } from '../../src/model/types.js';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from './docker.js';

function only(fx: Fixture, service: string): Task {
  const { services, serviceIds, tasksByService, tasks } = fx.sim.state;
  const id = serviceIds.find((each) => services[each]!.spec.name === service)!;
  return tasks[tasksByService[id]![0]!]!;
}

function hostOf(fx: Fixture, task: Task): string {
  return fx.sim.state.nodes[task.nodeId]!.description.hostname;
}

function volumeNames(fx: Fixture, host: string): string[] {
  const out = docker(fx, 'volume ls -q', host);
  expect(out.exitCode).toBe(0);
  return out.stdout.split('\n').filter((line) => line !== '');
}

describe('volumes that outlive their tasks', () => {
  it('keeps a named volume after service rm, drops the anonymous one, until volume rm', () => {
    const fx = fixture();
    const create =
      'service create -d --name db --mount type=volume,src=data,dst=/data ' +
      '--mount type=volume,dst=/scratch alpine sleep 3600';
    expect(docker(fx, create).exitCode).toBe(0);
    fx.sim.runUntil(fx.sim.now + 10_000);
    const task = only(fx, 'db');
    const host = hostOf(fx, task);
    const anonymous = anonymousVolumeName(task, { target: '/scratch' });
    expect(volumeNames(fx, host)).toEqual([anonymous, 'data'].sort());

    const refused = docker(fx, 'volume rm data', host);
    expect(refused.stderr).toBe(
      `Error response from daemon: remove data: volume is in use - [${containerId(task.id)}]\n`,
    );
    expect(refused.exitCode).toBe(1);

    expect(docker(fx, 'service rm db').exitCode).toBe(0);
    fx.sim.runUntil(fx.sim.now + 60_000);
    expect(fx.sim.state.tasks[task.id]).toBeUndefined();
    expect(volumeNames(fx, host)).toEqual(['data']);
    const ls = docker(fx, 'volume ls -f dangling=true', host).stdout;
    expect(ls).toBe('DRIVER    VOLUME NAME\nlocal     data\n');

    expect(docker(fx, 'volume rm data', host)).toEqual({
      stdout: 'data\n',
      stderr: '',
      exitCode: 0,
    });
    expect(volumeNames(fx, host)).toEqual([]);
  });

  it('reports an unknown volume unless forced, and goes on with the other names', () => {
    const fx = fixture();
    expect(docker(fx, 'volume create keep').stdout).toBe('keep\n');
    expect(docker(fx, 'volume rm nosuch keep')).toEqual({
      stdout: 'keep\n',
      stderr: 'Error response from daemon: get nosuch: no such volume\n',
      exitCode: 1,
    });
    expect(docker(fx, 'volume rm -f nosuch')).toEqual({
      stdout: 'nosuch\n',
      stderr: '',
      exitCode: 0,
    });
  });
});

describe('docker volume create', () => {
  it('creates a named volume on the session node only, with its labels', () => {
    const fx = fixture();
    expect(docker(fx, 'volume create --label tier=db mine', 'worker1')).toEqual({
      stdout: 'mine\n',
      stderr: '',
      exitCode: 0,
    });
    expect(docker(fx, 'volume create mine', 'worker1').stdout).toBe('mine\n');
    expect(volumeNames(fx, 'worker1')).toEqual(['mine']);
    expect(volumeNames(fx, 'manager1')).toEqual([]);
    const labelled = docker(fx, 'volume ls -q -f label=tier=db', 'worker1');
    expect(labelled.stdout).toBe('mine\n');
  });

  it('names an unnamed volume with 64 hex digits and refuses an invalid name', () => {
    const fx = fixture();
    expect(docker(fx, 'volume create').stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(docker(fx, 'volume create a').stderr).toBe(
      'Error response from daemon: create a: volume name is too short, names should be at ' +
        'least two alphanumeric characters\n',
    );
    expect(docker(fx, 'volume create a:b').stderr).toBe(
      'Error response from daemon: create a:b: "a:b" includes invalid characters for a local ' +
        'volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a ' +
        'host directory, use absolute path\n',
    );
  });
});
