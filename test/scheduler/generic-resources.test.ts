/**
 * Generic resources (SWARM.md 5.10): tasks reserving `--generic-resource KIND=N` go only to nodes
 * that advertise enough, named values are handed out distinct and come back when a task stops,
 * and the constraint enforcer rejects tasks whose assigned values a node no longer has.
 */
import { describe, expect, it } from 'vitest';
import type { SimContext } from '../../src/engine/simulation.js';
import { noncompliantTasks } from '../../src/orchestrator/constraint-enforcer.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { fixture } from '../api/fixture.js';
import { docker, dockerOk as ok, hostOf, tasksOf } from '../dockercli/docker.js';

const GPU_CLUSTER = [
  { hostname: 'manager1', role: 'manager' as const },
  { hostname: 'worker1', role: 'worker' as const, genericResources: ['GPU=gpu-a', 'GPU=gpu-b'] },
  { hostname: 'worker2', role: 'worker' as const, genericResources: ['SSD=1'] },
];

describe('generic resources in the scheduler', () => {
  it('places tasks only on nodes that advertise the kind, with distinct named values', () => {
    const fx = fixture(GPU_CLUSTER);
    ok(fx, 'service create -d --name train --replicas 2 --generic-resource GPU=1 nginx');
    fx.sim.runUntil(30_000);
    const tasks = tasksOf(fx, 'train');
    expect(tasks.map((task) => hostOf(fx, task))).toEqual(['worker1', 'worker1']);
    const values = tasks.map((task) => task.assignedGenericResources);
    expect(values).toEqual(
      expect.arrayContaining([
        [{ kind: 'GPU', value: 'gpu-a' }],
        [{ kind: 'GPU', value: 'gpu-b' }],
      ]),
    );
    expect(tasks.every((task) => task.status.state === 'running')).toBe(true);
  });

  it('leaves a task pending with the resource explanation when no node has enough', () => {
    const fx = fixture(GPU_CLUSTER);
    ok(fx, 'service create -d --name train --generic-resource GPU=3 nginx');
    fx.sim.runUntil(30_000);
    const pending = tasksOf(fx, 'train').filter((task) => task.status.state === 'pending');
    expect(pending).toHaveLength(1);
    expect(pending[0]!.status.err).toBe('no suitable node (insufficient resources on 3 nodes)');
  });

  it('counts discrete resources down and hands a named value back when its task stops', () => {
    const fx = fixture(GPU_CLUSTER);
    ok(fx, 'service create -d --name db --replicas 2 --generic-resource SSD=1 nginx');
    ok(fx, 'service create -d --name one --generic-resource GPU=2 nginx');
    fx.sim.runUntil(30_000);
    const db = tasksOf(fx, 'db');
    expect(db.filter((task) => hostOf(fx, task) === 'worker2')).toHaveLength(1);
    expect(db.filter((task) => task.status.state === 'pending')).toHaveLength(1);
    ok(fx, 'service rm one');
    ok(fx, 'service create -d --name two --generic-resource GPU=1 nginx');
    fx.sim.runUntil(60_000);
    const [two] = tasksOf(fx, 'two');
    expect(two!.status.state).toBe('running');
    expect(two!.assignedGenericResources).toEqual([{ kind: 'GPU', value: 'gpu-a' }]);
  });

  it('has the constraint enforcer reject a task whose assigned value the node lost', () => {
    const fx = fixture(GPU_CLUSTER);
    ok(fx, 'service create -d --name train --generic-resource GPU=1 nginx');
    fx.sim.runUntil(30_000);
    const [task] = tasksOf(fx, 'train');
    const node = structuredClone(fx.sim.state.nodes[task!.nodeId]!);
    const ctx = { state: fx.sim.state } as SimContext;
    expect(noncompliantTasks(ctx, node, [task!])).toEqual([]);
    // The model has no event that changes a node's description, so the check is asked directly.
    node.description.resources.generic = [{ kind: 'GPU', value: 'gpu-b' }];
    expect(noncompliantTasks(ctx, node, [task!]).map((t) => t.id)).toEqual([task!.id]);
  });
});

describe('--generic-resource flags', () => {
  it('shows discrete requests in service inspect and the node resources in node inspect', () => {
    const fx = fixture(GPU_CLUSTER);
    ok(fx, 'service create -d --name train --generic-resource GPU=1 nginx');
    const spec = JSON.parse(ok(fx, 'service inspect train'))[0].Spec;
    expect(spec.TaskTemplate.Resources.Reservations).toEqual({
      GenericResources: [{ DiscreteResourceSpec: { Kind: 'GPU', Value: 1 } }],
    });
    const node = JSON.parse(ok(fx, 'node inspect worker1'))[0];
    expect(node.Description.Resources.GenericResources).toEqual([
      { NamedResourceSpec: { Kind: 'GPU', Value: 'gpu-a' } },
      { NamedResourceSpec: { Kind: 'GPU', Value: 'gpu-b' } },
    ]);
  });

  it('adds and removes kinds on update', () => {
    const fx = fixture(GPU_CLUSTER);
    ok(fx, 'service create -d --name train --generic-resource GPU=1 nginx');
    ok(fx, 'service update -d --generic-resource-rm GPU --generic-resource-add SSD=1 train');
    const service = Object.values(fx.sim.state.services)[0]!;
    expect(service.spec.task.resources.reservations.generic).toEqual([{ kind: 'SSD', value: 1 }]);
    ok(fx, 'service update -d --generic-resource-rm SSD train');
    expect('generic' in service.spec.task.resources.reservations).toBe(false);
  });

  it('refuses a value without =, a named request and removing an unknown kind', () => {
    const fx = fixture(GPU_CLUSTER);
    expect(docker(fx, 'service create --generic-resource gpu nginx').stderr).toContain(
      'invalid argument "gpu" for "--generic-resource" flag: ' +
        'invalid generic-resource format `gpu` expected `name=value`',
    );
    const named = docker(fx, 'service create --generic-resource GPU=gpu-a nginx');
    expect(named.exitCode).toBe(1);
    expect(named.stderr).toContain(
      'invalid generic-resource request `GPU=gpu-a`, ' +
        'Named Generic Resources is not supported for service create or update',
    );
    ok(fx, 'service create -d --name train nginx');
    expect(docker(fx, 'service update --generic-resource-rm GPU train').stderr).toContain(
      'could not find generic-resource `GPU` to remove it',
    );
  });
});

describe('generic resources from a scenario', () => {
  it('reads cluster.nodes[].genericResources into the node definitions', () => {
    const text =
      'cluster: {managers: 1, nodes: [{hostname: gpu1, genericResources: [GPU=a, SSD=2]}]}\n';
    const { nodes } = parseScenario(text, 'g.yaml');
    expect(nodes.find((node) => node.hostname === 'gpu1')?.genericResources).toEqual([
      'GPU=a',
      'SSD=2',
    ]);
  });
});
