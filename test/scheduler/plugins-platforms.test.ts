/**
 * The PluginFilter and PlatformFilter at work in a whole swarm: a service's log driver must be
 * installed on the node, and an image's platforms (filled in by the client from the registry)
 * must include the node's. Services are created with the docker CLI, as a user would.
 */
import { describe, expect, it } from 'vitest';
import type { Service, Task } from '../../src/model/types.js';
import type { NodeDefinition } from '../../src/swarm.js';
import { withExtraPlugins } from '../../src/model/factory.js';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from '../dockercli/docker.js';

const LOKI = [{ type: 'Log', name: 'loki:latest' }];

function create(fx: Fixture, line: string): void {
  const out = docker(fx, `service create -d ${line}`);
  expect(out.stderr).toBe('');
  expect(out.exitCode).toBe(0);
}

function serviceNamed(fx: Fixture, name: string): Service {
  return Object.values(fx.sim.state.services).find((service) => service.spec.name === name)!;
}

function tasksOf(fx: Fixture, name: string): Task[] {
  const service = serviceNamed(fx, name);
  return Object.values(fx.sim.state.tasks).filter((task) => task.serviceId === service.id);
}

function hostnamesOf(fx: Fixture, name: string): string[] {
  const hosts = tasksOf(fx, name)
    .filter((task) => task.status.state === 'running')
    .map((task) => fx.sim.state.nodes[task.nodeId]!.description.hostname);
  return [...new Set(hosts)].sort();
}

describe('a service with a log driver', () => {
  it('stays pending with docker\'s text when no node has the plugin', () => {
    const fx = fixture();
    create(fx, '--name logs --log-driver loki --log-opt loki-url=http://loki:3100 alpine sleep 1d');
    fx.sim.runUntil(10_000);
    const [task] = tasksOf(fx, 'logs');
    expect(task!.status.state).toBe('pending');
    expect(task!.status.err).toBe('no suitable node (missing plugin on 3 nodes)');
  });

  it('runs only on the nodes that have the plugin installed', () => {
    const nodes: NodeDefinition[] = [
      { hostname: 'manager1', role: 'manager' },
      { hostname: 'worker1', role: 'worker', plugins: LOKI },
      { hostname: 'worker2', role: 'worker' },
      { hostname: 'worker3', role: 'worker', plugins: LOKI },
    ];
    const fx = fixture(nodes);
    create(fx, '--name logs --replicas 6 --log-driver loki alpine sleep 1d');
    fx.sim.runUntil(60_000);
    expect(hostnamesOf(fx, 'logs')).toEqual(['worker1', 'worker3']);
    expect(tasksOf(fx, 'logs').filter((t) => t.status.state === 'running')).toHaveLength(6);
  });

  it('uses the built-in drivers of every stock engine', () => {
    const fx = fixture();
    create(fx, '--name logs --replicas 3 --log-driver syslog alpine sleep 1d');
    fx.sim.runUntil(60_000);
    expect(hostnamesOf(fx, 'logs')).toEqual(['manager1', 'worker1', 'worker2']);
  });
});

describe('an image built for some platforms only', () => {
  const mixed: NodeDefinition[] = [
    { hostname: 'manager1', role: 'manager' },
    { hostname: 'pi1', role: 'worker', architecture: 'aarch64' },
    { hostname: 'worker1', role: 'worker' },
  ];

  it('never lands on a node of another architecture', () => {
    const fx = fixture(mixed);
    create(fx, '--name viz --replicas 4 dockersamples/visualizer');
    fx.sim.runUntil(120_000);
    expect(hostnamesOf(fx, 'viz')).toEqual(['manager1', 'worker1']);
    expect(serviceNamed(fx, 'viz').spec.task.placement.platforms).toEqual([
      { architecture: 'amd64', os: 'linux' },
    ]);
  });

  it('is pending on an all-arm cluster, counted as unsupported platform', () => {
    const fx = fixture([
      { hostname: 'manager1', role: 'manager', architecture: 'aarch64' },
      { hostname: 'pi1', role: 'worker', architecture: 'aarch64' },
    ]);
    create(fx, '--name viz dockersamples/visualizer');
    fx.sim.runUntil(10_000);
    const [task] = tasksOf(fx, 'viz');
    expect(task!.status.state).toBe('pending');
    expect(task!.status.err).toBe('no suitable node (unsupported platform on 2 nodes)');
  });

  it('runs anywhere with --no-resolve-image, which sends no platforms', () => {
    const fx = fixture(mixed);
    create(fx, '--name viz --replicas 3 --no-resolve-image dockersamples/visualizer');
    fx.sim.runUntil(120_000);
    expect(serviceNamed(fx, 'viz').spec.task.placement.platforms).toEqual([]);
    expect(hostnamesOf(fx, 'viz')).toEqual(['manager1', 'pi1', 'worker1']);
  });

  it('a multi-arch image with a 32-bit arm variant runs on every node', () => {
    const fx = fixture(mixed);
    create(fx, '--name web --replicas 3 nginx');
    fx.sim.runUntil(120_000);
    expect(hostnamesOf(fx, 'web')).toEqual(['manager1', 'pi1', 'worker1']);
  });
});

describe("a node's engine plugins in docker info", () => {
  it('lists what the node reports, extra plugins included, as node inspect does', () => {
    const fx = fixture([
      { hostname: 'manager1', role: 'manager', plugins: withExtraPlugins(LOKI) },
      { hostname: 'worker1', role: 'worker' },
    ]);
    const info = docker(fx, 'info').stdout;
    expect(info).toMatch(/\n  Log: awslogs .* local logentries loki:latest splunk syslog\n/);
    expect(info).toMatch(/\n  Volume: local\n/);
  });
});
