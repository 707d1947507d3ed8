import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConstraints, nodeMatchesConstraints } from '../../src/scheduler/constraint.js';
import { fixedHostPorts, holdsResources, isActive } from '../../src/scheduler/node-info.js';
import { CPU, GIB, World } from './world.js';
import { propertyRuns } from '../property/runs.js';

const SEED = 20_240_611;

const nodeArbitrary = fc.record({
  cpus: fc.integer({ min: 1, max: 4 }),
  memoryGib: fc.integer({ min: 1, max: 4 }),
  zone: fc.constantFrom('east', 'west', ''),
  role: fc.constantFrom('manager' as const, 'worker' as const),
  availability: fc.constantFrom<'active' | 'pause' | 'drain'>('active', 'active', 'pause', 'drain'),
  down: fc.boolean(),
});

const serviceArbitrary = fc.record({
  halfCpus: fc.integer({ min: 0, max: 4 }),
  memoryQuarterGib: fc.integer({ min: 0, max: 8 }),
  constraints: fc.subarray([
    'node.labels.zone==east',
    'node.labels.zone!=west',
    'node.role==worker',
  ]),
  maxReplicas: fc.integer({ min: 0, max: 3 }),
  hostPort: fc.boolean(),
  spread: fc.boolean(),
  global: fc.boolean(),
  replicas: fc.integer({ min: 1, max: 12 }),
});

const scenarioArbitrary = fc.record({
  nodes: fc.array(nodeArbitrary, { minLength: 1, maxLength: 8 }),
  services: fc.array(serviceArbitrary, { minLength: 1, maxLength: 3 }),
  /** Per assigned task in round 1: 0 keep, 1 observed failed, 2 desired shutdown only. */
  fates: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 40, maxLength: 40 }),
});

type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

function buildWorld(scenario: Scenario): World {
  const world = new World();
  scenario.nodes.forEach((setup, index) =>
    world.node(`n${index}`, {
      nanoCPUs: setup.cpus * CPU,
      memoryBytes: setup.memoryGib * GIB,
      labels: setup.zone ? { zone: setup.zone } : {},
      role: setup.role,
      availability: setup.availability,
      status: setup.down ? 'down' : 'ready',
    }),
  );
  scenario.services.forEach((setup, index) => {
    const service = world.service(`s${index}`, (spec) => {
      spec.task.resources.reservations = {
        nanoCPUs: (setup.halfCpus * CPU) / 2,
        memoryBytes: (setup.memoryQuarterGib * GIB) / 4,
      };
      spec.task.placement.constraints = setup.constraints;
      spec.task.placement.maxReplicas = setup.maxReplicas;
      spec.task.placement.preferences = setup.spread ? [{ spread: 'node.labels.zone' }] : [];
      if (setup.hostPort) {
        spec.endpoint.ports = [
          { name: '', protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'host' },
        ];
      }
    });
    if (setup.global) {
      for (const nodeId of world.state.nodeIds) world.task(service, { slot: 0, nodeId });
    } else {
      world.pendingTasks(service, setup.replicas);
    }
  });
  return world;
}

/** Checks what must hold after applying a plan; returns the broken rules. */
function violations(world: World, assigned: string[]): string[] {
  const broken: string[] = [];
  const state = world.state;
  for (const nodeId of state.nodeIds) {
    const node = state.nodes[nodeId]!;
    const holding = (state.tasksByNode[nodeId] ?? [])
      .map((id) => state.tasks[id]!)
      .filter(holdsResources);
    const reserved = holding.map((task) => task.spec.resources.reservations);
    const cpu = reserved.reduce((sum, wanted) => sum + wanted.nanoCPUs, 0);
    const memory = reserved.reduce((sum, wanted) => sum + wanted.memoryBytes, 0);
    const total = node.description.resources;
    if (cpu > total.nanoCPUs || memory > total.memoryBytes) {
      broken.push(`${nodeId} over-committed`);
    }
    const ports = holding.flatMap((task) => fixedHostPorts(task));
    if (new Set(ports).size !== ports.length) broken.push(`${nodeId} host port used twice`);
  }
  for (const taskId of assigned) {
    const task = state.tasks[taskId]!;
    const node = state.nodes[task.nodeId]!;
    if (!nodeMatchesConstraints(node, parseConstraints(task.spec.placement.constraints))) {
      broken.push(`${taskId} violates constraints`);
    }
    if (node.status.state !== 'ready' || node.availability !== 'active') {
      broken.push(`${taskId} on unavailable node`);
    }
    const max = task.spec.placement.maxReplicas;
    const sameService = (state.tasksByNode[node.id] ?? [])
      .map((id) => state.tasks[id]!)
      .filter((other) => other.serviceId === task.serviceId)
      .filter((other) => holdsResources(other) && isActive(other));
    if (max > 0 && sameService.length > max) broken.push(`${taskId} exceeds max replicas`);
  }
  return broken;
}

/** One pass: plan, check it only assigns pending tasks once each, apply it. */
function pass(world: World): string[] {
  const plan = world.plan();
  const ids = plan.assignments.map((assignment) => assignment.taskId);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(world.state.tasks[id]!.status.state).toBe('pending');
  world.applyPlan(plan);
  return ids;
}

const zonedArbitrary = fc.record({
  zones: fc.array(fc.constantFrom('a', 'b', 'c', ''), { minLength: 1, maxLength: 9 }),
  cpus: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 9, maxLength: 9 }),
  existing: fc.array(fc.nat(8), { maxLength: 6 }),
  halfCpus: fc.integer({ min: 0, max: 3 }),
  maxReplicas: fc.integer({ min: 0, max: 3 }),
  replicas: fc.integer({ min: 1, max: 30 }),
});

type Zoned = typeof zonedArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** How many of the pending tasks one pass places, with or without a zone spread. */
function placedCount(setup: Zoned, spread: boolean): number {
  const world = new World();
  setup.zones.forEach((zone, index) =>
    world.node(`n${index}`, { nanoCPUs: setup.cpus[index]! * CPU, labels: zone ? { zone } : {} }),
  );
  const service = world.service('web', (spec) => {
    spec.task.resources.reservations.nanoCPUs = (setup.halfCpus * CPU) / 2;
    spec.task.placement.maxReplicas = setup.maxReplicas;
    spec.task.placement.preferences = spread ? [{ spread: 'node.labels.zone' }] : [];
  });
  for (const index of setup.existing) {
    const nodeId = world.state.nodeIds[index % world.state.nodeIds.length]!;
    world.task(service, { slot: 100 + index, nodeId, state: 'running' });
  }
  world.pendingTasks(service, setup.replicas);
  return world.plan().assignments.length;
}

describe(`planAssignments properties (fast-check seed ${SEED})`, () => {
  it('never over-commits a node and every assignment satisfies the placement rules', () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const world = buildWorld(scenario);
        const first = pass(world);
        expect(violations(world, first)).toEqual([]);
        first.forEach((taskId, index) => {
          const fate = scenario.fates[index % scenario.fates.length];
          if (fate === 1) world.moveTask(taskId, 'failed');
          if (fate === 2) {
            world.apply({ type: 'task/desiredStateChanged', taskId, desiredState: 'shutdown' });
          }
        });
        for (const serviceId of [...world.state.serviceIds]) {
          const service = world.state.services[serviceId]!;
          if ('replicated' in service.spec.mode) world.pendingTasks(service, 3);
        }
        const second = pass(world);
        expect(violations(world, second)).toEqual([]);
      }),
      propertyRuns(SEED, 150),
    );
  });

  it('spreading never changes how many tasks fit, only where they go', () => {
    fc.assert(
      fc.property(zonedArbitrary, (setup) => {
        expect(placedCount(setup, true)).toBe(placedCount(setup, false));
      }),
      propertyRuns(SEED, 150),
    );
  });
});
