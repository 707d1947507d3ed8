/**
 * Cluster (CSI) volumes in the scheduler (SWARM.md 5.2 item 8, swarmkit `volumes.go` and
 * `filter.go` VolumesFilter): which volume a `type=cluster` mount gets on which node, the
 * explanation of a task no node can serve, and the publish status that follows the tasks.
 */
import { describe, expect, it } from 'vitest';
import { NO_CSI_NODE_ID } from '../../src/csi/manager.js';
import type { NodeCsiPlugin } from '../../src/model/types.js';
import { defaultFilters } from '../../src/scheduler/pipeline.js';
import { isInTopology } from '../../src/scheduler/filters/volumes-set.js';
import { fixture, type Fixture } from '../api/fixture.js';
import { dockerOk as ok, hostOf, tasksOf } from '../dockercli/docker.js';

const plugin = (zone: string): NodeCsiPlugin[] => [
  { name: 'blockstore', topology: { zone }, maxVolumesPerNode: 0 },
];

/** A manager and two workers, all running the `blockstore` plugin, in zones a, a and b. */
function csiCluster(worker2: NodeCsiPlugin[] = plugin('b')): Fixture {
  return fixture([
    { hostname: 'manager1', role: 'manager', csiPlugins: plugin('a') },
    { hostname: 'worker1', role: 'worker', csiPlugins: plugin('a') },
    { hostname: 'worker2', role: 'worker', csiPlugins: worker2 },
  ]);
}

function volume(fx: Fixture, name: string) {
  return Object.values(fx.sim.state.clusterVolumes ?? {}).find((v) => v.spec.name === name)!;
}

const VOLUME = 'volume create -d blockstore --type mount';
const MOUNT = (src: string, extra = '') => `--mount type=cluster,src=${src},dst=/data${extra}`;

describe('the VolumesFilter', () => {
  it('comes last in the pipeline, after the default filters', () => {
    expect(defaultFilters().map((filter) => filter.name)).toEqual([
      'ready', 'resources', 'plugin', 'constraint', 'platform', 'host-port', 'max-replicas',
      'volumes',
    ]);
  });

  it('gives a single-node, single-writer volume to one task and explains the other', () => {
    const fx = csiCluster();
    ok(fx, `${VOLUME} --scope single --sharing none data`);
    ok(fx, `service create -d --name db --replicas 2 ${MOUNT('data')} nginx`);
    fx.sim.runUntil(30_000);
    const [first, second] = tasksOf(fx, 'db');
    expect(first!.status.state).toBe('running');
    const attachment = { id: volume(fx, 'data').id, source: 'data', target: '/data' };
    expect(first!.volumes).toEqual([attachment]);
    expect(second!.status.state).toBe('pending');
    // A batch of 2 keeps the 2 best nodes (SWARM.md 5.5); after the first task took the volume,
    // both failed the filter: the explanation counts only them.
    expect(second!.status.err).toBe(
      'no suitable node (cannot fulfill requested CSI volume mounts on 2 nodes)',
    );
    expect(volume(fx, 'data').publishStatus).toEqual([
      { nodeId: first!.nodeId, state: 'published', message: '' },
    ]);
  });

  it('lets a one-writer volume have one writer and any readers on its node', () => {
    const fx = csiCluster();
    ok(fx, `${VOLUME} --scope single --sharing onewriter logs`);
    ok(fx, `service create -d --name writer --replicas 2 ${MOUNT('logs')} nginx`);
    fx.sim.runUntil(30_000);
    ok(fx, `service create -d --name reader --replicas 2 ${MOUNT('logs', ',readonly')} nginx`);
    fx.sim.runUntil(60_000);
    const writers = tasksOf(fx, 'writer');
    expect(writers.map((task) => task.status.state)).toEqual(['running', 'pending']);
    const readers = tasksOf(fx, 'reader');
    expect(readers.map((task) => task.status.state)).toEqual(['running', 'running']);
    // Scope single: the readers join the writer's node.
    expect(readers.map((task) => hostOf(fx, task))).toEqual([
      hostOf(fx, writers[0]!),
      hostOf(fx, writers[0]!),
    ]);
  });

  it('shares a multi-node volume with sharing all across nodes, published on each', () => {
    const fx = csiCluster();
    ok(fx, `${VOLUME} --scope multi --sharing all shared`);
    ok(fx, `service create -d --name web --replicas 3 ${MOUNT('shared')} nginx`);
    fx.sim.runUntil(30_000);
    const hosts = tasksOf(fx, 'web').map((task) => hostOf(fx, task));
    expect(hosts.sort()).toEqual(['manager1', 'worker1', 'worker2']);
    expect(volume(fx, 'shared').publishStatus.map((status) => status.state)).toEqual([
      'published', 'published', 'published',
    ]);
  });

  it('refuses a writable mount of a read-only volume', () => {
    const fx = csiCluster();
    ok(fx, `${VOLUME} --scope multi --sharing readonly assets`);
    ok(fx, `service create -d --name rw ${MOUNT('assets')} nginx`);
    ok(fx, `service create -d --name ro ${MOUNT('assets', ',readonly')} nginx`);
    fx.sim.runUntil(30_000);
    expect(tasksOf(fx, 'rw')[0]!.status.err).toBe(
      'no suitable node (cannot fulfill requested CSI volume mounts on 3 nodes)',
    );
    expect(tasksOf(fx, 'ro')[0]!.status.state).toBe('running');
  });

  it('gives each task of a group mount its own free volume of the group', () => {
    const fx = csiCluster();
    ok(fx, `${VOLUME} --group cache cache-a`);
    ok(fx, `${VOLUME} --group cache cache-b`);
    ok(fx, `${VOLUME} --group other other-a`);
    ok(fx, `service create -d --name cache --replicas 3 ${MOUNT('group:cache')} nginx`);
    fx.sim.runUntil(30_000);
    const tasks = tasksOf(fx, 'cache');
    const chosen = tasks.flatMap((task) => task.volumes ?? []).map((a) => a.id);
    expect(chosen.sort()).toEqual([volume(fx, 'cache-a').id, volume(fx, 'cache-b').id].sort());
    const states = tasks.map((task) => task.status.state).sort();
    expect(states).toEqual(['pending', 'running', 'running']);
  });

  it('places nothing on a paused or drained volume until it is active again', () => {
    const fx = csiCluster();
    ok(fx, `${VOLUME} --availability drain data`);
    ok(fx, `service create -d --name db ${MOUNT('data')} nginx`);
    fx.sim.runUntil(30_000);
    expect(tasksOf(fx, 'db')[0]!.status.err).toBe(
      'no suitable node (cannot fulfill requested CSI volume mounts on 3 nodes)',
    );
    ok(fx, 'volume update --availability pause data');
    fx.sim.runUntil(40_000);
    expect(tasksOf(fx, 'db')[0]!.status.state).toBe('pending');
    ok(fx, 'volume update --availability active data');
    fx.sim.runUntil(60_000);
    expect(tasksOf(fx, 'db')[0]!.status.state).toBe('running');
  });

  it('places a task only where the volume is reachable from the node plugin topology', () => {
    const fx = csiCluster();
    ok(fx, `${VOLUME} --topology-required zone=b --scope multi --sharing all zoned`);
    ok(fx, `service create -d --name db --replicas 2 ${MOUNT('zoned')} nginx`);
    fx.sim.runUntil(30_000);
    expect(tasksOf(fx, 'db').map((task) => hostOf(fx, task))).toEqual(['worker2', 'worker2']);
    expect(volume(fx, 'zoned').info?.accessibleTopology).toEqual([{ zone: 'b' }]);
  });

  it('matches topologies as swarmkit: every segment of one accessible topology', () => {
    expect(isInTopology({ zone: 'a', rack: '1' }, [{ zone: 'a' }])).toBe(true);
    expect(isInTopology({ zone: 'a' }, [{ zone: 'a', rack: '1' }, { zone: 'b' }])).toBe(false);
    expect(isInTopology(null, [{ zone: 'c' }])).toBe(true);
    expect(isInTopology({ zone: 'a' }, [])).toBe(true);
  });

  it('places a task on a node without the plugin, where it waits 5 min and is rejected', () => {
    // worker2 runs no CSI plugin: swarmkit finds no topology for it and takes that as a fit.
    const fx = csiCluster([]);
    ok(fx, `${VOLUME} --topology-required zone=c edge`);
    ok(fx, `service create -d --name edge --restart-condition none ${MOUNT('edge')} nginx`);
    fx.sim.runUntil(60_000);
    const [task] = tasksOf(fx, 'edge');
    expect(hostOf(fx, task!)).toBe('worker2');
    expect(task!.status.state).toBe('preparing');
    expect(volume(fx, 'edge').publishStatus).toEqual([
      { nodeId: task!.nodeId, state: 'pending-publish', message: NO_CSI_NODE_ID },
    ]);
    fx.sim.runUntil(6 * 60_000);
    const done = tasksOf(fx, 'edge')[0]!;
    expect(done.status.state).toBe('rejected');
    expect(done.status.err).toBe('context deadline exceeded');
  });

  it('leaves a volume pending creation while the leader has no controller plugin', () => {
    const fx = csiCluster();
    ok(fx, 'volume create -d otherstore --type mount data');
    ok(fx, `service create -d --name db ${MOUNT('data')} nginx`);
    fx.sim.runUntil(30_000);
    expect(volume(fx, 'data').info).toBeNull();
    expect(ok(fx, 'volume ls --cluster')).toContain('pending creation');
    expect(tasksOf(fx, 'db')[0]!.status.err).toBe(
      'no suitable node (cannot fulfill requested CSI volume mounts on 3 nodes)',
    );
  });

  it('passes a node when any one cluster mount fits, and then attaches no volume (quirk)', () => {
    const fx = csiCluster();
    ok(fx, `${VOLUME} data`);
    const mounts = `${MOUNT('data')} --mount type=cluster,src=nope,dst=/x`;
    ok(fx, `service create -d --name db ${mounts} nginx`);
    fx.sim.runUntil(30_000);
    const [task] = tasksOf(fx, 'db');
    expect(task!.status.state).toBe('running');
    expect(task!.volumes).toBeUndefined();
    expect(volume(fx, 'data').publishStatus).toEqual([]);
  });
});

describe('publish status', () => {
  it('unpublishes a volume from a node once no task there uses it, then frees it', () => {
    const fx = csiCluster();
    ok(fx, `${VOLUME} data`);
    ok(fx, `service create -d --name db ${MOUNT('data')} nginx`);
    fx.sim.runUntil(30_000);
    const states: string[] = [];
    const data = volume(fx, 'data');
    ok(fx, 'service rm db');
    for (let t = 30_000; t <= 60_000; t += 10) {
      fx.sim.runUntil(t);
      const state = fx.sim.state.clusterVolumes![data.id]!.publishStatus[0]?.state ?? 'none';
      if (states.at(-1) !== state) states.push(state);
    }
    expect(states).toEqual([
      'published', 'pending-node-unpublish', 'pending-controller-unpublish', 'none',
    ]);
    // The released volume serves a new task, on any node.
    ok(fx, `service create -d --name db2 ${MOUNT('data')} nginx`);
    fx.sim.runUntil(90_000);
    expect(tasksOf(fx, 'db2')[0]!.status.state).toBe('running');
  });
});
