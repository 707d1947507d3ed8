import { describe, expect, it } from 'vitest';
import { buildNodeInfos } from '../../src/scheduler/node-info.js';
import { Pipeline } from '../../src/scheduler/pipeline.js';
import { CPU, errors, World } from './world.js';

/** A world with one service reserving 1 CPU and wanting `zone == east`. */
function constrainedWorld(): { world: World; pipeline: Pipeline } {
  const world = new World();
  const service = world.service('web', (spec) => {
    spec.task.resources.reservations.nanoCPUs = CPU;
    spec.task.placement.constraints = ['node.labels.zone==east'];
  });
  const pipeline = new Pipeline();
  pipeline.setTask(world.task(service));
  return { world, pipeline };
}

describe('the filter pipeline', () => {
  it('charges a node only to its first failing filter, in pipeline order', () => {
    const { world, pipeline } = constrainedWorld();
    // Drained, too small and in the wrong zone: it fails three filters but counts for the first.
    world.node('a', { availability: 'drain', nanoCPUs: CPU / 2, labels: { zone: 'west' } });
    for (const info of buildNodeInfos(world.state).list) expect(pipeline.process(info)).toBe(false);
    expect(pipeline.explain()).toBe('1 node not available for new tasks');
  });

  it('sorts the explanation by count, highest first', () => {
    const { world, pipeline } = constrainedWorld();
    world.node('a', { labels: { zone: 'west' } });
    world.node('b', { nanoCPUs: CPU / 2, labels: { zone: 'east' } });
    world.node('c', { nanoCPUs: CPU / 2, labels: { zone: 'east' } });
    for (const info of buildNodeInfos(world.state).list) pipeline.process(info);
    expect(pipeline.explain()).toBe(
      'insufficient resources on 2 nodes; scheduling constraints not satisfied on 1 node',
    );
  });

  it('keeps pipeline order between filters with the same count', () => {
    const { world, pipeline } = constrainedWorld();
    world.node('a', { labels: { zone: 'west' } });
    world.node('b', { status: 'down', labels: { zone: 'east' } });
    for (const info of buildNodeInfos(world.state).list) pipeline.process(info);
    expect(pipeline.explain()).toBe(
      '1 node not available for new tasks; scheduling constraints not satisfied on 1 node',
    );
  });

  it('forgets every failure as soon as one node passes (swarmkit quirk)', () => {
    const { world, pipeline } = constrainedWorld();
    world.node('a', { availability: 'drain', labels: { zone: 'east' } });
    world.node('b', { labels: { zone: 'west' } });
    world.node('c', { labels: { zone: 'east' } });
    world.node('d', { nanoCPUs: CPU / 2, labels: { zone: 'east' } });
    const results = buildNodeInfos(world.state).list.map((info) => pipeline.process(info));
    expect(results).toEqual([false, false, true, false]);
    expect(pipeline.explain()).toBe('insufficient resources on 1 node');
  });

  it('clears the counts when given a new task', () => {
    const { world, pipeline } = constrainedWorld();
    world.node('a', { labels: { zone: 'west' } });
    for (const info of buildNodeInfos(world.state).list) pipeline.process(info);
    pipeline.setTask(world.task(world.state.services['svc-web']!));
    expect(pipeline.explain()).toBe('');
  });
});

describe('no suitable node errors', () => {
  it('prefixes the explanation, ordered by count', () => {
    const world = new World();
    world.node('a', { nanoCPUs: CPU / 2, labels: { zone: 'east' } });
    world.node('b', { nanoCPUs: CPU / 2, labels: { zone: 'east' } });
    world.node('c', { labels: { zone: 'west' } });
    const service = world.service('web', (spec) => {
      spec.task.resources.reservations.nanoCPUs = CPU;
      spec.task.placement.constraints = ['node.labels.zone==east'];
    });
    world.pendingTasks(service, 2);
    const plan = world.plan();
    expect(plan.assignments).toEqual([]);
    const expected =
      'no suitable node (insufficient resources on 2 nodes; ' +
      'scheduling constraints not satisfied on 1 node)';
    expect(errors(plan)).toEqual([expected, expected]);
  });

  it('reports max replicas first when more nodes hit it than fail constraints', () => {
    const world = new World();
    const a = world.node('a', { labels: { zone: 'east' } });
    const b = world.node('b', { labels: { zone: 'east' } });
    world.node('c', { labels: { zone: 'west' } });
    const service = world.service('web', (spec) => {
      spec.task.placement.maxReplicas = 1;
      spec.task.placement.constraints = ['node.labels.zone==east'];
    });
    world.task(service, { slot: 1, nodeId: a.id, state: 'running' });
    world.task(service, { slot: 2, nodeId: b.id, state: 'running' });
    world.task(service, { slot: 3 });
    expect(errors(world.plan())).toEqual([
      'no suitable node (max replicas per node limit exceed; ' +
        'scheduling constraints not satisfied on 1 node)',
    ]);
  });

  it('says just "no suitable node" when there is no node at all', () => {
    const world = new World();
    world.task(world.service('web'));
    expect(errors(world.plan())).toEqual(['no suitable node']);
  });
});
