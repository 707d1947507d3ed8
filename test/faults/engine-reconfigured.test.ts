/**
 * An engine restarted with another daemon configuration (SWARM.md 3.7): `sim restart NAME
 * --label K=V --node-generic-resource K=V` (dockerd's flags; each replaces the engine's whole
 * set). The node describes itself anew, the constraint enforcer rejects the tasks whose
 * `engine.labels` constraints or generic resources the node no longer meets, and their
 * replacements go where the constraints hold.
 */
import { describe, expect, it } from 'vitest';
import { describeRestart } from '../../src/faults/restart-args.js';
import { FAULT_COMMANDS } from '../../src/faults/sim-commands.js';
import { ENFORCER_REJECT_MESSAGE } from '../../src/orchestrator/constraint-enforcer.js';
import { cluster, eventsOf, type Cluster } from './cluster.js';

function restart(c: Cluster, args: string): void {
  const words = args.split(' ');
  const command = FAULT_COMMANDS.restart!;
  expect(command.check(words)).toBeNull();
  expect(command.run(c.sim.ctx, words).exitCode).toBe(0);
  c.sim.runUntil(c.sim.now);
}

/** Two workers in zone a; `web` must run in zone a. */
function zoned(): Cluster {
  const c = cluster(3, [
    { hostname: 'manager1', role: 'manager', engineLabels: { zone: 'b' } },
    { hostname: 'worker1', role: 'worker', engineLabels: { zone: 'a' } },
    { hostname: 'worker2', role: 'worker', engineLabels: { zone: 'a' }, availability: 'pause' },
  ]);
  const line =
    'docker service create -d --name web --replicas 2 --constraint engine.labels.zone==a nginx';
  expect(c.docker(line).exitCode).toBe(0);
  c.sim.runUntil(c.sim.now + 20_000);
  expect(c.runningOn('web')).toEqual(['worker1', 'worker1']);
  expect(c.docker('docker node update --availability active worker2').exitCode).toBe(0);
  return c;
}

describe('an engine restarted with other labels', () => {
  it('has its tasks rejected by the constraint enforcer and replaced in the zone', () => {
    const c = zoned();
    restart(c, 'worker1 --label zone=b --label rack=7');
    c.sim.runUntil(c.sim.now + 30_000);
    const [changed] = eventsOf(c.events, 'node/descriptionChanged');
    expect(changed?.engineLabels).toEqual({ zone: 'b', rack: '7' });
    const rejected = c.tasks('web').filter((task) => task.status.state === 'rejected');
    expect(rejected).toHaveLength(2);
    expect(rejected.every((task) => task.status.message === ENFORCER_REJECT_MESSAGE)).toBe(true);
    expect(c.runningOn('web')).toEqual(['worker2', 'worker2']);
    const [node] = JSON.parse(c.docker('docker node inspect worker1').stdout);
    expect(node.Description.Engine.Labels).toEqual({ rack: '7', zone: 'b' });
    const pretty = c.docker('docker node inspect --pretty worker1').stdout;
    expect(pretty).toContain('Engine Labels:\n - rack=7\n - zone=b\n');
  });

  it('takes tasks that fit nowhere once it carries the label they need', () => {
    const c = cluster(3, [
      { hostname: 'manager1', role: 'manager' },
      { hostname: 'worker1', role: 'worker' },
    ]);
    const line = 'docker service create -d --name gpu --constraint engine.labels.gpu==yes nginx';
    expect(c.docker(line).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 10_000);
    expect(c.tasks('gpu').map((task) => task.status.state)).toEqual(['pending']);
    restart(c, 'worker1 --label gpu=yes');
    c.sim.runUntil(c.sim.now + 20_000);
    expect(c.runningOn('gpu')).toEqual(['worker1']);
  });
});

describe('an engine restarted with other generic resources', () => {
  it('rejects a task holding a named resource that is gone', () => {
    const c = cluster(3, [
      { hostname: 'manager1', role: 'manager' },
      { hostname: 'worker1', role: 'worker', genericResources: ['GPU=a', 'GPU=b'] },
    ]);
    const line = 'docker service create -d --name ml --generic-resource GPU=1 nginx';
    expect(c.docker(line).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 10_000);
    expect(c.runningOn('ml')).toEqual(['worker1']);
    restart(c, 'worker1 --node-generic-resource SSD=2');
    c.sim.runUntil(c.sim.now + 20_000);
    const resources = c.sim.state.nodes[c.id('worker1')]!.description.resources;
    expect(resources.generic).toEqual([{ kind: 'SSD', value: 2 }]);
    const states = c.tasks('ml').map((task) => task.status.state);
    expect(states[0]).toBe('rejected');
    expect(states.at(-1)).toBe('pending');
    const errors = c.docker('docker service ps ml --no-trunc --format {{.Error}}').stdout;
    expect(errors.split('\n')).toEqual([
      '"no suitable node (insufficient resources on 2 nodes)"',
      '"assigned node no longer meets constraints"',
      '',
    ]);
  });
});

describe('sim restart --label and --node-generic-resource', () => {
  it('reads repeated flags, says what the engine reports, and refuses bad values', () => {
    const command = FAULT_COMMANDS.restart!;
    const args = ['--label', 'zone=b', '--label=rack=7', '--node-generic-resource=SSD=2'];
    expect(describeRestart(args)).toBe(
      'back in 5s with engine labels zone=b, rack=7 and generic resources SSD=2',
    );
    expect(command.check(['worker1', '--label', '=x'])).toBe("bad label '=x': want KEY=VALUE");
    expect(command.check(['worker1', '--node-generic-resource', 'SSD'])).toBe(
      "bad generic resource 'SSD': want KIND=VALUE",
    );
  });
});
