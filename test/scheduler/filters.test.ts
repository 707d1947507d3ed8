import { describe, expect, it } from 'vitest';
import { constraintFilter } from '../../src/scheduler/filters/constraint.js';
import type { Filter } from '../../src/scheduler/filters/filter.js';
import { hostPortFilter } from '../../src/scheduler/filters/host-port.js';
import { maxReplicasFilter } from '../../src/scheduler/filters/max-replicas.js';
import { platformFilter } from '../../src/scheduler/filters/platform.js';
import { pluginFilter } from '../../src/scheduler/filters/plugin.js';
import { readyFilter } from '../../src/scheduler/filters/ready.js';
import { resourcesFilter } from '../../src/scheduler/filters/resources.js';
import { buildNodeInfos, type NodeInfo } from '../../src/scheduler/node-info.js';
import { CPU, GIB, World } from './world.js';

function infoOf(world: World, nodeId: string): NodeInfo {
  return buildNodeInfos(world.state).byId.get(nodeId)!;
}

function passes(filter: Filter, info: NodeInfo): boolean {
  return filter.check(info.node, info);
}

describe('ReadyFilter', () => {
  it('accepts only READY and ACTIVE nodes, for every task', () => {
    const world = new World();
    const ready = world.node('a');
    const drained = world.node('b', { availability: 'drain' });
    const paused = world.node('c', { availability: 'pause' });
    const down = world.node('d', { status: 'down' });
    const filter = readyFilter();
    expect(filter.appliesTo(world.task(world.service('web')))).toBe(true);
    expect(passes(filter, infoOf(world, ready.id))).toBe(true);
    for (const node of [drained, paused, down]) {
      expect(passes(filter, infoOf(world, node.id))).toBe(false);
    }
    expect(filter.explain(1)).toBe('1 node not available for new tasks');
    expect(filter.explain(3)).toBe('3 nodes not available for new tasks');
  });
});

describe('ResourceFilter', () => {
  it('applies only to tasks with reservations and compares them with what is left', () => {
    const world = new World();
    const node = world.node('a', { nanoCPUs: 2 * CPU, memoryBytes: 4 * GIB });
    const plain = world.service('plain');
    const heavy = world.service('heavy', (spec) => {
      spec.task.resources.reservations = { nanoCPUs: 1.5 * CPU, memoryBytes: GIB };
    });
    const filter = resourcesFilter();
    expect(filter.appliesTo(world.task(plain))).toBe(false);
    expect(filter.appliesTo(world.task(heavy))).toBe(true);
    expect(passes(filter, infoOf(world, node.id))).toBe(true);
    world.task(heavy, { nodeId: node.id, state: 'running' });
    // 0.5 CPU left: a second 1.5 CPU reservation no longer fits.
    expect(passes(filter, infoOf(world, node.id))).toBe(false);
    expect(filter.explain(1)).toBe('insufficient resources on 1 node');
    expect(filter.explain(2)).toBe('insufficient resources on 2 nodes');
  });

  it('refuses memory that exceeds MemTotal even when it is nominally the node size', () => {
    const world = new World();
    const node = world.node('a'); // a "2 GB" VM reports slightly less than 2 GiB
    const big = world.service('big', (spec) => {
      spec.task.resources.reservations.memoryBytes = 2 * GIB;
    });
    const filter = resourcesFilter();
    filter.appliesTo(world.task(big));
    expect(passes(filter, infoOf(world, node.id))).toBe(false);
  });
});

describe('PluginFilter', () => {
  const loki = { type: 'Log', name: 'loki:latest' };
  const rexray = { type: 'Volume', name: 'rexray' };

  it('is off for a task with no log driver and only local volumes', () => {
    const world = new World();
    world.node('a');
    const local = world.service('local', (spec) => {
      spec.task.container.mounts = [
        { type: 'volume', source: 'data', target: '/data', readOnly: false },
        {
          type: 'volume', source: 'more', target: '/more', readOnly: false,
          volumeOptions: { driver: { name: 'local' } },
        },
      ];
    });
    const filter = pluginFilter();
    expect(filter.appliesTo(world.task(world.service('web')))).toBe(false);
    expect(filter.appliesTo(world.task(local))).toBe(false);
    expect(filter.explain(1)).toBe('missing plugin on 1 node');
    expect(filter.explain(4)).toBe('missing plugin on 4 nodes');
  });

  it('needs the log driver on the node, `x` also matching `x:latest`', () => {
    const world = new World();
    const stock = world.node('a');
    const withLoki = world.node('b', { plugins: [loki] });
    const filter = pluginFilter();
    const service = world.service('web', (spec) => {
      spec.task.logDriver = { name: 'loki', options: {} };
    });
    expect(filter.appliesTo(world.task(service))).toBe(true);
    expect(passes(filter, infoOf(world, stock.id))).toBe(false);
    expect(passes(filter, infoOf(world, withLoki.id))).toBe(true);
    const builtIn = world.service('syslog', (spec) => {
      spec.task.logDriver = { name: 'syslog', options: { tag: 'x' } };
    });
    expect(filter.appliesTo(world.task(builtIn))).toBe(true);
    expect(passes(filter, infoOf(world, stock.id))).toBe(true);
  });

  it('does not check `none`, an empty name, or an engine that lists no log driver', () => {
    const world = new World();
    const stock = world.node('a');
    const silent = world.node('b');
    // An engine too old to report its log drivers: only its volume and network plugins.
    silent.description.plugins = [{ type: 'Volume', name: 'local' }];
    const filter = pluginFilter();
    for (const name of ['none', '']) {
      const service = world.service(`n${name}`, (spec) => {
        spec.task.logDriver = { name, options: {} };
      });
      expect(filter.appliesTo(world.task(service))).toBe(true);
      expect(passes(filter, infoOf(world, stock.id))).toBe(true);
    }
    const lokiService = world.service('loki', (spec) => {
      spec.task.logDriver = { name: 'loki', options: {} };
    });
    filter.appliesTo(world.task(lokiService));
    expect(passes(filter, infoOf(world, silent.id))).toBe(true);
    expect(passes(filter, infoOf(world, stock.id))).toBe(false);
  });

  it('needs every non-local volume driver a volume mount names', () => {
    const world = new World();
    const stock = world.node('a');
    const withRexray = world.node('b', { plugins: [rexray] });
    const service = world.service('db', (spec) => {
      spec.task.container.mounts = [
        {
          type: 'volume', source: 'data', target: '/data', readOnly: false,
          volumeOptions: { driver: { name: 'rexray' } },
        },
      ];
    });
    const filter = pluginFilter();
    expect(filter.appliesTo(world.task(service))).toBe(true);
    expect(passes(filter, infoOf(world, stock.id))).toBe(false);
    expect(passes(filter, infoOf(world, withRexray.id))).toBe(true);
  });
});

describe('ConstraintFilter', () => {
  it('applies when there are constraints and requires all of them', () => {
    const world = new World();
    const east = world.node('a', { labels: { zone: 'east' }, role: 'manager' });
    const west = world.node('b', { labels: { zone: 'west' }, role: 'manager' });
    const worker = world.node('c', { labels: { zone: 'east' } });
    const service = world.service('web', (spec) => {
      spec.task.placement.constraints = ['node.labels.zone == east', 'node.role==manager'];
    });
    const filter = constraintFilter();
    expect(filter.appliesTo(world.task(world.service('plain')))).toBe(false);
    expect(filter.appliesTo(world.task(service))).toBe(true);
    expect(passes(filter, infoOf(world, east.id))).toBe(true);
    expect(passes(filter, infoOf(world, west.id))).toBe(false);
    expect(passes(filter, infoOf(world, worker.id))).toBe(false);
    expect(filter.explain(1)).toBe('scheduling constraints not satisfied on 1 node');
    expect(filter.explain(3)).toBe('scheduling constraints not satisfied on 3 nodes');
  });

  it('switches itself off for constraints that do not parse, as swarmkit does', () => {
    const world = new World();
    const service = world.service('web', (spec) => {
      spec.task.placement.constraints = ['node.labels.zone ~ east'];
    });
    expect(constraintFilter().appliesTo(world.task(service))).toBe(false);
  });
});

describe('PlatformFilter', () => {
  it('matches os and architecture with x86_64 = amd64 and aarch64 = arm64', () => {
    const world = new World();
    const intel = world.node('a'); // linux / x86_64
    const arm = world.node('b', { architecture: 'aarch64' });
    const windows = world.node('c', { os: 'windows' });
    const service = world.service('web', (spec) => {
      spec.task.placement.platforms = [{ os: 'linux', architecture: 'amd64' }];
    });
    const filter = platformFilter();
    expect(filter.appliesTo(world.task(world.service('plain')))).toBe(false);
    expect(filter.appliesTo(world.task(service))).toBe(true);
    expect(passes(filter, infoOf(world, intel.id))).toBe(true);
    expect(passes(filter, infoOf(world, arm.id))).toBe(false);
    expect(passes(filter, infoOf(world, windows.id))).toBe(false);
    const anyArm = world.service('arm', (spec) => {
      spec.task.placement.platforms = [{ os: '', architecture: 'arm64' }];
    });
    filter.appliesTo(world.task(anyArm));
    expect(passes(filter, infoOf(world, arm.id))).toBe(true);
    expect(filter.explain(1)).toBe('unsupported platform on 1 node');
    expect(filter.explain(2)).toBe('unsupported platform on 2 nodes');
  });
});

describe('HostPortFilter', () => {
  it('refuses a node where a tracked task holds the same host-mode port and protocol', () => {
    const world = new World();
    const node = world.node('a');
    const web = world.service('web', (spec) => {
      spec.endpoint.ports = [
        { name: '', protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'host' },
      ];
    });
    const udp = world.service('dns', (spec) => {
      spec.endpoint.ports = [
        { name: '', protocol: 'udp', targetPort: 53, publishedPort: 8080, publishMode: 'host' },
      ];
    });
    const ingress = world.service('lb', (spec) => {
      spec.endpoint.ports = [
        { name: '', protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress' },
      ];
    });
    const filter = hostPortFilter();
    expect(filter.appliesTo(world.task(ingress))).toBe(false);
    expect(filter.appliesTo(world.task(web))).toBe(true);
    expect(passes(filter, infoOf(world, node.id))).toBe(true);
    world.task(web, { nodeId: node.id, state: 'running' });
    expect(passes(filter, infoOf(world, node.id))).toBe(false);
    filter.appliesTo(world.task(udp));
    expect(passes(filter, infoOf(world, node.id))).toBe(true);
    expect(filter.explain(1)).toBe('host-mode port already in use on 1 node');
    expect(filter.explain(2)).toBe('host-mode port already in use on 2 nodes');
  });
});

describe('MaxReplicasFilter', () => {
  it('counts only active tasks of the same service on the node', () => {
    const world = new World();
    const node = world.node('a');
    const web = world.service('web', (spec) => {
      spec.task.placement.maxReplicas = 1;
    });
    const filter = maxReplicasFilter();
    expect(filter.appliesTo(world.task(world.service('plain')))).toBe(false);
    expect(filter.appliesTo(world.task(web))).toBe(true);
    world.task(web, { nodeId: node.id, state: 'running', desiredState: 'shutdown' });
    // A task being shut down is not active, although it still holds its reservation.
    expect(passes(filter, infoOf(world, node.id))).toBe(true);
    world.task(web, { nodeId: node.id, state: 'running' });
    expect(passes(filter, infoOf(world, node.id))).toBe(false);
    expect(filter.explain(1)).toBe('max replicas per node limit exceed');
    expect(filter.explain(5)).toBe('max replicas per node limit exceed');
  });
});
