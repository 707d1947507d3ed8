import { describe, expect, it } from 'vitest';
import type { ServiceSpec } from '../../src/model/types.js';
import { CPU, perNode, World } from './world.js';

function spreadBy(...descriptors: string[]): (spec: ServiceSpec) => void {
  return (spec) => {
    spec.task.placement.preferences = descriptors.map((spread) => ({ spread }));
  };
}

/** Tasks the plan put in each zone. */
function perZone(world: World, plan: ReturnType<World['plan']>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { nodeId } of plan.assignments) {
    const zone = world.state.nodes[nodeId]!.labels['zone'] ?? '(none)';
    counts[zone] = (counts[zone] ?? 0) + 1;
  }
  return counts;
}

describe('spread placement preferences', () => {
  it('splits evenly across zones however many nodes each zone has', () => {
    const world = new World();
    world.node('a1', { labels: { zone: 'a' } });
    for (const hostname of ['b1', 'b2']) world.node(hostname, { labels: { zone: 'b' } });
    for (const hostname of ['c1', 'c2', 'c3']) world.node(hostname, { labels: { zone: 'c' } });
    world.pendingTasks(world.service('web', spreadBy('node.labels.zone')), 6);
    const plan = world.plan();
    expect(perZone(world, plan)).toEqual({ a: 2, b: 2, c: 2 });
    expect(perNode(world, plan)).toEqual({ a1: 2, b1: 1, b2: 1, c1: 1, c2: 1 });
  });

  it('gives the remainder to the first branches in label order', () => {
    const world = new World();
    for (const zone of ['west', 'east', 'north']) world.node(zone, { labels: { zone } });
    world.pendingTasks(world.service('web', spreadBy('node.labels.zone')), 4);
    expect(perZone(world, world.plan())).toEqual({ east: 2, north: 1, west: 1 });
  });

  it('puts nodes without the label in their own "" branch', () => {
    const world = new World();
    world.node('a', { labels: { zone: 'east' } });
    world.node('b', { labels: { zone: 'west' } });
    world.node('c');
    world.node('d');
    world.pendingTasks(world.service('web', spreadBy('node.labels.zone')), 3);
    expect(perZone(world, world.plan())).toEqual({ east: 1, west: 1, '(none)': 1 });
  });

  it('evens out the tasks already in each branch first', () => {
    const world = new World();
    const east = world.node('a', { labels: { zone: 'east' } });
    world.node('b', { labels: { zone: 'west' } });
    const service = world.service('web', spreadBy('node.labels.zone'));
    world.task(service, { slot: 1, nodeId: east.id, state: 'running' });
    world.task(service, { slot: 2, nodeId: east.id, state: 'running' });
    world.task(service, { slot: 3 });
    world.task(service, { slot: 4 });
    expect(perZone(world, world.plan())).toEqual({ west: 2 });
  });

  it('counts tasks on ineligible nodes and gives a branch without room to the others', () => {
    const world = new World();
    const drained = world.node('a', { labels: { zone: 'east' }, availability: 'drain' });
    world.node('b', { labels: { zone: 'west' }, nanoCPUs: 8 * CPU });
    world.node('c', { labels: { zone: 'south' }, nanoCPUs: CPU });
    const service = world.service('web', (spec) => {
      spreadBy('node.labels.zone')(spec);
      spec.task.resources.reservations.nanoCPUs = CPU;
    });
    world.task(service, { slot: 1, nodeId: drained.id, state: 'running' });
    world.pendingTasks(service, 5);
    // east has no eligible node, south has room for one: west takes the rest.
    expect(perZone(world, world.plan())).toEqual({ south: 1, west: 4 });
  });

  it('takes a full branch and its tasks out of the split before recomputing it', () => {
    const world = new World();
    const a = world.node('a', { labels: { zone: 'a' }, nanoCPUs: 5 * CPU });
    const b = world.node('b', { labels: { zone: 'b' }, nanoCPUs: 2 * CPU });
    const c = world.node('c', { labels: { zone: 'c' }, nanoCPUs: 5 * CPU });
    const service = world.service('web', (spec) => {
      spreadBy('node.labels.zone')(spec);
      spec.task.resources.reservations.nanoCPUs = CPU;
    });
    const hold = (nodeId: string, count: number): void => {
      for (let index = 0; index < count; index += 1) {
        world.task(service, { slot: 100, nodeId, state: 'running' });
      }
    };
    hold(a.id, 4);
    hold(b.id, 1);
    hold(c.id, 3);
    world.pendingTasks(service, 3);
    // 8 + 3 tasks over 3 zones: target 3, remainder 2. a (4) is above it; b wants 3 but has room
    // for 1 and is marked full; c (3) takes its +1. Without b's task, a and c split 4 + 4: a is
    // at target, so c takes the last one.
    expect(perNode(world, world.plan())).toEqual({ b: 1, c: 2 });
  });

  it('nests several preferences, the first one at the top', () => {
    const world = new World();
    world.node('e1', { labels: { zone: 'east', rack: '1' } });
    world.node('e2', { labels: { zone: 'east', rack: '1' } });
    world.node('e3', { labels: { zone: 'east', rack: '2' } });
    world.node('w1', { labels: { zone: 'west', rack: '1' } });
    const service = world.service('web', spreadBy('node.labels.zone', 'node.labels.rack'));
    world.pendingTasks(service, 4);
    // 2 per zone; in east 1 per rack, so e3 (alone in rack 2) gets one and e1 the other.
    expect(perNode(world, world.plan())).toEqual({ e1: 1, e3: 1, w1: 2 });
  });

  it('reads engine labels and ignores descriptors swarmkit does not support', () => {
    const world = new World();
    world.node('a', { engineLabels: { disk: 'ssd' } });
    world.node('b', { engineLabels: { disk: 'hdd' } });
    world.node('c', { engineLabels: { disk: 'hdd' } });
    world.pendingTasks(world.service('web', spreadBy('engine.labels.disk')), 2);
    expect(perNode(world, world.plan())).toEqual({ a: 1, b: 1 });
    const other = new World();
    other.node('a', { labels: { zone: 'x' } });
    other.node('b', { labels: { zone: 'x' } });
    other.node('c', { labels: { zone: 'y' } });
    other.pendingTasks(other.service('web', spreadBy('node.hostname')), 3);
    expect(perNode(other, other.plan())).toEqual({ a: 1, b: 1, c: 1 });
  });
});
