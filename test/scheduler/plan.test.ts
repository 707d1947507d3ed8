import { describe, expect, it } from 'vitest';
import type { Service } from '../../src/model/types.js';
import { planAssignments } from '../../src/scheduler/plan.js';
import { CPU, errors, World } from './world.js';

function bumpVersion(world: World, service: Service): void {
  const current = world.state.services[service.id]!;
  world.apply({
    type: 'service/updated',
    serviceId: service.id,
    spec: current.spec,
    specVersion: current.specVersion + 1,
    previousSpec: current.spec,
    previousSpecVersion: current.specVersion,
    updateStatus: null,
    endpointPorts: [],
  });
}

describe('pre-assigned (global) tasks', () => {
  it('are confirmed on their own node', () => {
    const world = new World();
    world.node('a');
    const b = world.node('b');
    const task = world.task(world.service('agent', (spec) => (spec.mode = { global: {} })), {
      slot: 0,
      nodeId: b.id,
    });
    const message = 'scheduler confirmed task can run on preassigned node';
    expect(world.plan().assignments).toEqual([{ taskId: task.id, nodeId: b.id, message }]);
  });

  it('get just the explanation as error, without "no suitable node"', () => {
    const world = new World();
    const drained = world.node('a', { availability: 'drain' });
    const small = world.node('b', { nanoCPUs: CPU / 2 });
    const service = world.service('agent', (spec) => {
      spec.mode = { global: {} };
      spec.task.resources.reservations.nanoCPUs = CPU;
    });
    world.task(service, { slot: 0, nodeId: drained.id });
    world.task(service, { slot: 0, nodeId: small.id });
    expect(errors(world.plan())).toEqual([
      '1 node not available for new tasks',
      'insufficient resources on 1 node',
    ]);
  });

  it('are placed before unassigned tasks compete for the same resources', () => {
    const world = new World();
    const node = world.node('a', { nanoCPUs: CPU });
    const reserveOne = (spec: Service['spec']): void => {
      spec.task.resources.reservations.nanoCPUs = CPU;
    };
    const web = world.service('web', reserveOne);
    const agent = world.service('agent', (spec) => {
      reserveOne(spec);
      spec.mode = { global: {} };
    });
    world.pendingTasks(web, 1);
    const global = world.task(agent, { slot: 0, nodeId: node.id });
    const plan = world.plan();
    expect(plan.assignments.map((a) => a.taskId)).toEqual([global.id]);
    expect(errors(plan)).toEqual(['no suitable node (insufficient resources on 1 node)']);
  });

  it('hold no reservation while pending', () => {
    const world = new World();
    const node = world.node('a', { nanoCPUs: CPU });
    const agent = world.service('agent', (spec) => {
      spec.mode = { global: {} };
      spec.task.resources.reservations.nanoCPUs = CPU;
    });
    world.task(agent, { slot: 0, nodeId: node.id, desiredState: 'shutdown' });
    const web = world.service('web', (spec) => {
      spec.task.resources.reservations.nanoCPUs = CPU;
    });
    world.pendingTasks(web, 1);
    expect(world.plan().assignments.map((a) => a.nodeId)).toEqual([node.id]);
  });
});

describe('spec versions', () => {
  it('moves a pending task of an older version desired SHUTDOWN straight to SHUTDOWN', () => {
    const world = new World();
    world.node('a', { availability: 'drain' });
    const service = world.service('web');
    const old = world.task(service, { slot: 1 });
    bumpVersion(world, service);
    world.apply({ type: 'task/desiredStateChanged', taskId: old.id, desiredState: 'shutdown' });
    const current = world.task(world.state.services[service.id]!, { slot: 2 });
    const plan = world.plan();
    expect(plan.shutdown).toEqual([old.id]);
    expect(plan.unschedulable.map((entry) => entry.taskId)).toEqual([current.id]);
  });

  it('ignores a pending task of the current version that is desired past COMPLETE', () => {
    const world = new World();
    world.node('a');
    const task = world.task(world.service('web'), { desiredState: 'remove' });
    expect(world.plan()).toEqual({ assignments: [], unschedulable: [], shutdown: [] });
    expect(world.state.tasks[task.id]!.status.state).toBe('pending');
  });

  it('leaves an unplaceable older-version task still desired running unexplained', () => {
    const world = new World();
    world.node('a', { status: 'down' });
    const service = world.service('web');
    world.task(service, { slot: 1 });
    bumpVersion(world, service);
    expect(world.plan()).toEqual({ assignments: [], unschedulable: [], shutdown: [] });
  });

  it('schedules each spec version as its own batch, older first', () => {
    const world = new World();
    world.node('a');
    world.node('b');
    const service = world.service('web');
    const old = world.task(service, { slot: 2 });
    bumpVersion(world, service);
    const fresh = world.task(world.state.services[service.id]!, { slot: 1 });
    const plan = world.plan();
    // Each batch starts from the best node: the old task takes a, then the new one takes b.
    expect(plan.assignments.map((a) => [a.taskId, a.nodeId])).toEqual([
      [old.id, 'node-a'],
      [fresh.id, 'node-b'],
    ]);
  });

  it('only looks at pending tasks among those it is given', () => {
    const world = new World();
    const node = world.node('a');
    const service = world.service('web');
    const running = world.task(service, { nodeId: node.id, state: 'running' });
    expect(planAssignments(world.state, [running], 0).assignments).toEqual([]);
  });
});
