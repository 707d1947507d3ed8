import { describe, expect, it } from 'vitest';
import { SCHEDULER_FAILURES_MAX } from '../../src/model/defaults.js';
import { RecentFailures } from '../../src/scheduler/failures.js';
import { CPU, errors, perNode, World } from './world.js';

describe('batch placement of identical tasks', () => {
  it('levels 6 tasks over 3 empty nodes as 2/2/2', () => {
    const world = new World();
    for (const hostname of ['a', 'b', 'c']) world.node(hostname);
    world.pendingTasks(world.service('web'), 6);
    expect(perNode(world, world.plan())).toEqual({ a: 2, b: 2, c: 2 });
  });

  it('fills A/B/C holding 0/0/3 tasks as 1/2/3: the first pass never goes back', () => {
    const world = new World();
    const [, , c] = ['a', 'b', 'c'].map((hostname) => world.node(hostname));
    const service = world.service('web');
    for (let slot = 1; slot <= 3; slot += 1) {
      world.task(service, { slot, nodeId: c!.id, state: 'running' });
    }
    for (let slot = 4; slot <= 6; slot += 1) world.task(service, { slot });
    const plan = world.plan();
    expect(perNode(world, plan)).toEqual({ a: 1, b: 2 });
    // Lowest slot first, on the best node.
    expect(plan.assignments.map((a) => a.nodeId)).toEqual(['node-a', 'node-b', 'node-b']);
    expect(plan.assignments[0]!.message).toBe('scheduler assigned task to node');
  });

  it('prefers the node with fewer tasks of this service, then fewer tasks in total', () => {
    const world = new World();
    const a = world.node('a');
    const b = world.node('b');
    const c = world.node('c');
    const web = world.service('web');
    const other = world.service('other');
    world.task(web, { nodeId: a.id, state: 'running' });
    world.task(other, { nodeId: b.id, state: 'running' });
    world.task(other, { nodeId: b.id, state: 'running' });
    world.task(other, { nodeId: c.id, state: 'running' });
    world.task(web, { slot: 9 });
    expect(world.plan().assignments.map((x) => x.nodeId)).toEqual([c.id]);
  });

  it('breaks remaining ties by hostname in natural order', () => {
    const world = new World();
    world.node('node-10');
    world.node('node-2');
    world.node('node-1b');
    world.pendingTasks(world.service('web'), 1);
    expect(world.plan().assignments.map((x) => x.nodeId)).toEqual(['node-node-1b']);
    const second = new World();
    second.node('node-10');
    second.node('node-2');
    second.pendingTasks(second.service('web'), 1);
    expect(second.plan().assignments.map((x) => x.nodeId)).toEqual(['node-node-2']);
  });

  it(`ranks a node last after ${SCHEDULER_FAILURES_MAX} recent failures of the version`, () => {
    const world = new World();
    const a = world.node('a');
    const b = world.node('b');
    const service = world.service('web');
    world.task(service, { nodeId: b.id, state: 'running' });
    world.task(service, { slot: 7 });
    const failures = new RecentFailures();
    for (let index = 1; index < SCHEDULER_FAILURES_MAX; index += 1) {
      failures.record(a.id, service.id, service.specVersion, index * 1000);
    }
    world.now = 60_000;
    expect(world.plan({ failures }).assignments[0]!.nodeId).toBe(a.id);
    failures.record(a.id, service.id, service.specVersion, 50_000);
    expect(world.plan({ failures }).assignments[0]!.nodeId).toBe(b.id);
    // Failures of another spec version, or older than 5 minutes, do not count.
    expect(failures.count(a.id, service.id, service.specVersion + 1, 60_000)).toBe(0);
    world.now = 1000 + 5 * 60_000 + 1;
    expect(world.plan({ failures }).assignments[0]!.nodeId).toBe(a.id);
  });

  it('treats resources as a hard filter only: no bin-packing, full nodes are skipped', () => {
    const world = new World();
    world.node('a', { nanoCPUs: 4 * CPU });
    world.node('b', { nanoCPUs: 1 * CPU });
    const service = world.service('web', (spec) => {
      spec.task.resources.reservations.nanoCPUs = CPU;
    });
    world.pendingTasks(service, 6);
    const plan = world.plan();
    expect(perNode(world, plan)).toEqual({ a: 4, b: 1 });
    // b was found full before a's last success and is not checked again, so only a is counted.
    expect(errors(plan)).toEqual(['no suitable node (insufficient resources on 1 node)']);
  });

  it('respects max replicas per node and explains the leftovers', () => {
    const world = new World();
    for (const hostname of ['a', 'b', 'c']) world.node(hostname);
    const service = world.service('web', (spec) => {
      spec.task.placement.maxReplicas = 2;
    });
    world.pendingTasks(service, 8);
    const plan = world.plan();
    expect(perNode(world, plan)).toEqual({ a: 2, b: 2, c: 2 });
    expect(errors(plan)).toEqual([
      'no suitable node (max replicas per node limit exceed)',
      'no suitable node (max replicas per node limit exceed)',
    ]);
  });

  it('puts one host-mode task per node', () => {
    const world = new World();
    for (const hostname of ['a', 'b', 'c']) world.node(hostname);
    const service = world.service('web', (spec) => {
      spec.endpoint.ports = [
        { name: '', protocol: 'tcp', targetPort: 80, publishedPort: 80, publishMode: 'host' },
      ];
    });
    world.pendingTasks(service, 5);
    const plan = world.plan();
    expect(perNode(world, plan)).toEqual({ a: 1, b: 1, c: 1 });
    expect(new Set(errors(plan))).toEqual(
      new Set(['no suitable node (host-mode port already in use on 3 nodes)']),
    );
    const leftSlots = plan.unschedulable.map((entry) => world.state.tasks[entry.taskId]!.slot);
    expect(leftSlots).toEqual([4, 5]);
  });

  it('counts drained nodes only until a node passes, then only the later failures', () => {
    const world = new World();
    world.node('a', { availability: 'drain' });
    world.node('b', { nanoCPUs: CPU });
    world.node('c', { nanoCPUs: CPU });
    const service = world.service('web', (spec) => {
      spec.task.resources.reservations.nanoCPUs = CPU;
    });
    world.pendingTasks(service, 3);
    const plan = world.plan();
    expect(perNode(world, plan)).toEqual({ b: 1, c: 1 });
    expect(errors(plan)).toEqual(['no suitable node (insufficient resources on 2 nodes)']);
  });
});

describe('resource accounting', () => {
  it('frees a reservation when the old task is observed past RUNNING, not when desired', () => {
    const world = new World();
    const node = world.node('a', { nanoCPUs: CPU });
    const service = world.service('web', (spec) => {
      spec.task.resources.reservations.nanoCPUs = CPU;
    });
    const old = world.task(service, { slot: 1, nodeId: node.id, state: 'running' });
    world.apply({ type: 'task/desiredStateChanged', taskId: old.id, desiredState: 'shutdown' });
    world.task(service, { slot: 1 });
    expect(errors(world.plan())).toEqual(['no suitable node (insufficient resources on 1 node)']);
    world.moveTask(old.id, 'shutdown');
    expect(world.plan().assignments.map((x) => x.nodeId)).toEqual([node.id]);
  });

  it('charges tasks assigned earlier in the same pass', () => {
    const world = new World();
    world.node('a', { nanoCPUs: 2 * CPU });
    const web = world.service('web', (spec) => {
      spec.task.resources.reservations.nanoCPUs = CPU;
    });
    const api = world.service('api', (spec) => {
      spec.task.resources.reservations.nanoCPUs = CPU;
    });
    world.pendingTasks(web, 1);
    world.pendingTasks(api, 2);
    const plan = world.plan();
    expect(plan.assignments).toHaveLength(2);
    expect(errors(plan)).toEqual(['no suitable node (insufficient resources on 1 node)']);
  });
});
