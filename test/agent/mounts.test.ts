/**
 * Mounts on the node: the host paths a simulated node has, the executor's and the engine's
 * refusals (REJECTED with the texts a real engine gave), the volumes `docker volume ls` lists and
 * the MOUNTS column of `docker ps`.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOST_PATHS, hostPathExists } from '../../src/agent/mounts.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from '../dockercli/docker.js';

function oneNode(hostPaths?: string[]): Fixture {
  return fixture([{ hostname: 'manager1', role: 'manager', ...(hostPaths ? { hostPaths } : {}) }]);
}

function create(fx: Fixture, name: string, mount: string): void {
  const out = docker(fx, `service create -d --name ${name} --mount ${mount} busybox sleep 3600`);
  expect(out.stderr).toBe('');
}

/** `state / message / err` of the service's first task. */
function firstTask(fx: Fixture, name: string): string {
  const service = Object.values(fx.sim.state.services).find((s) => s.spec.name === name)!;
  const task = fx.sim.state.tasks[fx.sim.state.tasksByService[service.id]![0]!]!;
  return `${task.status.state} / ${task.status.message} / ${task.status.err}`;
}

describe('host paths', () => {
  it('has the Docker socket and the usual tree, their parents, and nothing else', () => {
    const node = {};
    expect(DEFAULT_HOST_PATHS).toContain('/var/run/docker.sock');
    expect(hostPathExists(node, '/var/run/docker.sock')).toBe(true);
    expect(hostPathExists(node, '/var/lib/docker/')).toBe(true);
    expect(hostPathExists(node, '/tmp/../etc//hosts')).toBe(true);
    expect(hostPathExists(node, '/nope')).toBe(false);
    expect(hostPathExists(node, '/tmp/data')).toBe(false);
    const declared = { hostPaths: ['/srv/app/config.yml'] };
    expect(hostPathExists(declared, '/srv/app')).toBe(true);
    expect(hostPathExists(declared, '/srv/app/config.yml')).toBe(true);
  });
});

describe('the node and task mounts', () => {
  it('runs a task with a bind of the Docker socket', () => {
    const fx = oneNode();
    create(fx, 'viz', 'type=bind,src=/var/run/docker.sock,dst=/var/run/docker.sock');
    fx.sim.runUntil(5_000);
    expect(firstTask(fx, 'viz')).toBe('running / started / ');
  });

  it('rejects a missing bind source while preparing, and runs it once the node declares it', () => {
    const missing = oneNode();
    create(missing, 'app', 'type=bind,src=/srv/app,dst=/app');
    missing.sim.runUntil(5_000);
    expect(firstTask(missing, 'app')).toBe(
      'rejected / preparing / invalid mount config for type "bind": bind source path does not ' +
        'exist: /srv/app',
    );
    const declared = oneNode(['/srv/app']);
    create(declared, 'app', 'type=bind,src=/srv/app,dst=/app');
    declared.sim.runUntil(5_000);
    expect(firstTask(declared, 'app')).toBe('running / started / ');
  });

  it.each([
    ['type=bind,src=/tmp,dst=rel', 'invalid mount target, must be an absolute path: rel'],
    ['type=bind,src=rel,dst=/x', 'invalid bind mount source, must be an absolute path: rel'],
    [
      'type=volume,src=/abs,dst=/x',
      'invalid volume mount source, must not be an absolute path: /abs',
    ],
    ['type=tmpfs,src=foo,dst=/x', 'invalid tmpfs source, source must be empty'],
  ])('rejects %s when resolving the task: %s', (mount, err) => {
    const fx = oneNode();
    create(fx, 'bad', mount);
    fx.sim.runUntil(1_000);
    expect(firstTask(fx, 'bad')).toBe(`rejected / resolving controller failed / ${err}`);
  });

  it('lists named and anonymous volumes, and shows the mounts in docker ps', () => {
    const fx = oneNode();
    create(fx, 'vol', 'type=volume,src=data,dst=/data');
    create(fx, 'anon', 'type=volume,dst=/anon');
    create(fx, 'tmp', 'type=tmpfs,dst=/t');
    expect(docker(fx, 'volume ls').stdout).toBe('DRIVER    VOLUME NAME\n');
    fx.sim.runUntil(5_000);
    const listed = docker(fx, 'volume ls').stdout.split('\n');
    expect(listed[0]).toBe('DRIVER    VOLUME NAME');
    expect(listed[1]).toMatch(/^local {5}[0-9a-f]{64}$/);
    expect(listed.slice(2)).toEqual(['local     data', '']);
    const names = docker(fx, 'volume ls -q --filter name=dat').stdout;
    expect(names).toBe('data\n');
    const ps = docker(fx, "ps --no-trunc --format '{{.Names}} {{.Mounts}} {{.LocalVolumes}}'");
    expect(ps.stdout).toMatch(/^tmp\.1\.\w+  0\n/);
    expect(ps.stdout).toMatch(/\nanon\.1\.\w+ [0-9a-f]{64} 1\n/);
    expect(ps.stdout).toMatch(/\nvol\.1\.\w+ data 1\n$/);
    docker(fx, 'service rm anon');
    // Its container is removed with the task, once stopped (10 s grace) and deleted.
    fx.sim.runUntil(25_000);
    expect(docker(fx, 'volume ls -q').stdout).toBe('data\n');
  });
});

describe('the paths of a scenario node', () => {
  const scenario = (paths: string) => `
name: paths
until: 10s
cluster:
  nodes:
    - {hostname: manager1${paths}}
steps:
  - at: 1s
    run: docker service create --name app --mount type=bind,src=/srv/app/conf,dst=/c busybox top
`;

  function appTask(text: string): string {
    const { sim } = runScenario(parseScenario(text, 'paths.yaml'));
    const service = Object.values(sim.state.services)[0]!;
    const task = sim.state.tasks[sim.state.tasksByService[service.id]![0]!]!;
    return `${task.status.state} / ${task.status.err}`;
  }

  it('lets a bind mount of a declared path run, and rejects it elsewhere', () => {
    expect(appTask(scenario(', paths: [/srv/app/conf]'))).toBe('running / ');
    expect(appTask(scenario(''))).toBe(
      'rejected / invalid mount config for type "bind": bind source path does not exist: ' +
        '/srv/app/conf',
    );
  });

  it('refuses a relative path with a located error', () => {
    expect(() => parseScenario(scenario(', paths: [srv]'), 'paths.yaml')).toThrow(/paths/);
  });
});
