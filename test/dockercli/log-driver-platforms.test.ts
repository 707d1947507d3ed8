/**
 * `--log-driver`/`--log-opt` and compose `logging:` as docker 28 sends and shows them, and the
 * platforms the client copies from the registry into `Placement.Platforms`.
 */
import { describe, expect, it } from 'vitest';
import { specFromCompose } from '../../src/dockercli/compose-convert.js';
import { loadCompose } from '../../src/dockercli/compose-load.js';
import { placementPlatforms, resolveImage } from '../../src/dockercli/image-resolve.js';
import { logsReadable } from '../../src/dockercli/log-driver.js';
import { defaultTaskSpec } from '../../src/model/factory.js';
import type { Service } from '../../src/model/types.js';
import { ContainerLogBook } from '../../src/dockercli/log-book.js';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { createSwarm } from '../../src/swarm.js';
import { fixture, THREE_NODES, type Fixture } from '../api/fixture.js';
import { docker } from './docker.js';

function ok(fx: Fixture, line: string): string {
  const out = docker(fx, line);
  expect(out.stderr).toBe('');
  expect(out.exitCode).toBe(0);
  return out.stdout;
}

function spec(fx: Fixture, name: string): Service['spec'] {
  return Object.values(fx.sim.state.services).find((s) => s.spec.name === name)!.spec;
}

describe('--log-driver and --log-opt', () => {
  it('create sends the driver with its options; inspect shows them as the Engine API', () => {
    const fx = fixture();
    ok(fx, 'service create -d --name web --log-driver gelf --log-opt gelf-address=udp://g:12201 ' +
      '--log-opt tag nginx');
    expect(spec(fx, 'web').task.logDriver).toEqual({
      name: 'gelf',
      options: { 'gelf-address': 'udp://g:12201', tag: '' },
    });
    expect(ok(fx, "service inspect --format '{{json .Spec.TaskTemplate.LogDriver}}' web")).toBe(
      '{"Name":"gelf","Options":{"gelf-address":"udp://g:12201","tag":""}}\n',
    );
    const pretty = ok(fx, 'service inspect --pretty web');
    expect(pretty).toContain(
      ' Init:\t\tfalse\nLog Driver:\n Name:\t\tgelf\n LogOpts:\n' +
        '  gelf-address:       udp://g:12201\n  tag\n\nResources:\n',
    );
  });

  it('sends nothing without a driver name, and inspect then has no LogDriver', () => {
    const fx = fixture();
    ok(fx, 'service create -d --name web --log-opt max-size=10m nginx');
    expect(spec(fx, 'web').task.logDriver).toBeUndefined();
    const json = JSON.parse(ok(fx, 'service inspect web'))[0];
    expect(json.Spec.TaskTemplate).not.toHaveProperty('LogDriver');
    expect(ok(fx, 'service inspect --pretty web')).not.toContain('Log Driver');
  });

  it('update replaces the options whole, and ignores --log-opt without --log-driver', () => {
    const fx = fixture();
    ok(fx, 'service create -d --name web --log-driver json-file --log-opt max-size=10m nginx');
    ok(fx, 'service update -d --log-opt max-file=3 web');
    expect(spec(fx, 'web').task.logDriver).toEqual({
      name: 'json-file',
      options: { 'max-size': '10m' },
    });
    ok(fx, 'service update -d --log-driver json-file --log-opt max-file=3 web');
    expect(spec(fx, 'web').task.logDriver).toEqual({
      name: 'json-file',
      options: { 'max-file': '3' },
    });
  });

  it('refuses a log option without a key, as docker validates it', () => {
    const fx = fixture();
    const out = docker(fx, 'service create --log-driver syslog --log-opt =x nginx');
    expect(out.exitCode).not.toBe(0);
    expect(out.stderr).toContain('invalid environment variable: =x');
  });

  it('changing the driver replaces the running tasks', () => {
    const fx = fixture();
    ok(fx, 'service create -d --name web --replicas 2 nginx');
    fx.sim.runUntil(60_000);
    ok(fx, 'service update -d --log-driver syslog web');
    fx.sim.runUntil(180_000);
    const tasks = Object.values(fx.sim.state.tasks);
    const running = tasks.filter((task) => task.status.state === 'running');
    expect(running).toHaveLength(2);
    expect(running.every((task) => task.spec.logDriver?.name === 'syslog')).toBe(true);
    expect(tasks.filter((task) => task.status.state === 'shutdown')).toHaveLength(2);
  });
});

describe('docker service logs and the log driver', () => {
  it('reads drivers the engine reads or caches, not none or a disabled cache', () => {
    const withDriver = (name: string, options: Record<string, string> = {}) => ({
      ...defaultTaskSpec('nginx'),
      logDriver: { name, options },
    });
    expect(logsReadable(defaultTaskSpec('nginx'))).toBe(true);
    expect(logsReadable(withDriver('json-file'))).toBe(true);
    expect(logsReadable(withDriver('syslog'))).toBe(true);
    expect(logsReadable(withDriver('syslog', { 'cache-disabled': 'true' }))).toBe(false);
    expect(logsReadable(withDriver('local', { 'cache-disabled': 'true' }))).toBe(true);
    expect(logsReadable(withDriver('none'))).toBe(false);
  });

  it('prints nothing for tasks logging to none, and the lines of the others', () => {
    const book = new ContainerLogBook();
    const sim = createSwarm({ seed: 7, nodes: THREE_NODES, observers: [book.observe] });
    const exec = (line: string) =>
      runDockerCommand(sim.ctx, ['docker', ...line.split(' ')], {
        nodeId: sim.state.nodeIds[0]!,
        logs: book,
      });
    exec('service create -d --name quiet --log-driver none nginx');
    exec('service create -d --name loud nginx');
    sim.runUntil(30_000);
    for (const service of Object.values(sim.state.services)) {
      const [taskId] = sim.state.tasksByService[service.id]!;
      sim.ctx.emit({ type: 'task/logged', taskId: taskId!, stream: 'stdout', line: 'hello' });
    }
    expect(exec('service logs quiet')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(exec('service logs loud').stdout).toContain('| hello\n');
  });
});

describe('compose logging', () => {
  it('maps to the task log driver, numbers and nulls becoming strings', () => {
    const built = specFromCompose(
      'app',
      'web',
      {
        image: 'nginx',
        logging: { driver: 'json-file', options: { 'max-size': '10m', 'max-file': 3, tag: null } },
      },
      null,
    );
    expect('spec' in built && built.spec.task.logDriver).toEqual({
      name: 'json-file',
      options: { 'max-file': '3', 'max-size': '10m', tag: '' },
    });
  });

  it('a later file with another driver replaces the block; the same driver merges options', () => {
    const files: Record<string, string> = {
      'a.yml': 'services:\n  web:\n    image: nginx\n    logging:\n      driver: syslog\n' +
        '      options: {tag: web, syslog-address: "udp://x:514"}\n',
      'b.yml': 'services:\n  web:\n    logging:\n      driver: gelf\n' +
        '      options: {gelf-address: "udp://g:12201"}\n',
      'c.yml': 'services:\n  web:\n    logging:\n      options: {tag: api}\n',
    };
    const load = (...paths: string[]) => {
      const loaded = loadCompose(paths, (path) => files[path]);
      if ('error' in loaded) throw new Error(loaded.error);
      return loaded.project.services[0]!.service.logging;
    };
    expect(load('a.yml', 'b.yml')).toEqual({
      driver: 'gelf',
      options: { 'gelf-address': 'udp://g:12201' },
    });
    expect(load('a.yml', 'c.yml')).toEqual({
      driver: 'syslog',
      options: { tag: 'api', 'syslog-address': 'udp://x:514' },
    });
  });

  it('a logging block with a wrong type is refused in docker\'s words', () => {
    const loaded = loadCompose(['a.yml'], () =>
      'services:\n  web:\n    image: nginx\n    logging:\n      options: {tag: [a]}\n',
    );
    expect(loaded).toEqual({
      error: 'services.web.logging.options.tag must be a string, number or null',
    });
  });
});

describe('platforms from the registry', () => {
  it('copies OS and architecture as docker 28 does: arm cleared, attestations kept', () => {
    expect(
      placementPlatforms(['linux/amd64', 'unknown/unknown', 'linux/arm/v7', 'linux/arm64/v8']),
    ).toEqual([
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'unknown', os: 'unknown' },
      { architecture: '', os: 'linux' },
      { architecture: 'arm64', os: 'linux' },
    ]);
  });

  it('gives declared images their own platforms, by default amd64 and arm64', () => {
    expect(resolveImage('myorg/app', true, ['myorg/app']).platforms).toEqual([
      { architecture: 'amd64', os: 'linux' },
      { architecture: 'arm64', os: 'linux' },
    ]);
    const declared = [{ name: 'myorg/app', platforms: ['linux/arm/v7'] }];
    expect(resolveImage('myorg/app:v2', true, declared).platforms).toEqual([
      { architecture: '', os: 'linux' },
    ]);
    // An image the registry does not hold, or an unresolved one, has none.
    expect(resolveImage('ping', true).platforms).toBeUndefined();
    expect(resolveImage('alpine', false).platforms).toBeUndefined();
  });

  it('service inspect shows them; update keeps them unless --image is resolved again', () => {
    const fx = fixture();
    ok(fx, 'service create -d --name viz dockersamples/visualizer');
    const platforms = "'{{json .Spec.TaskTemplate.Placement.Platforms}}'";
    expect(ok(fx, `service inspect --format ${platforms} viz`)).toBe(
      '[{"Architecture":"amd64","OS":"linux"}]\n',
    );
    ok(fx, 'service update -d --replicas 2 viz');
    expect(spec(fx, 'viz').task.placement.platforms).toEqual([
      { architecture: 'amd64', os: 'linux' },
    ]);
    ok(fx, 'service update -d --image mysql viz');
    expect(ok(fx, `service inspect --format ${platforms} viz`)).toBe(
      '[{"Architecture":"amd64","OS":"linux"},{"Architecture":"unknown","OS":"unknown"},' +
        '{"Architecture":"arm64","OS":"linux"},{"Architecture":"unknown","OS":"unknown"}]\n',
    );
    // Without a registry query the client sends the current platforms back.
    ok(fx, 'service update -d --no-resolve-image --image dockersamples/visualizer viz');
    expect(spec(fx, 'viz').task.placement.platforms).toHaveLength(4);
  });
});
