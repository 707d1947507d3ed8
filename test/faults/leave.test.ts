/**
 * A node leaving the swarm (`sim leave`, the scenario side of `docker swarm leave`): a worker's
 * agent stops for good (`nodeLeave`), a manager stays as a raft ghost (`managerLoss`), and no
 * heal (by id, by host, all, or chaos's final heal) ever brings either back.
 */
import { describe, expect, it } from 'vitest';
import { healAllFaults } from '../../src/faults/inject.js';
import { FAULT_COMMANDS } from '../../src/faults/sim-commands.js';
import { cluster } from './cluster.js';

describe('faults: leaving the swarm', () => {
  it('takes a worker out for good; its tasks are rescheduled and heals skip it', () => {
    const c = cluster(3);
    c.docker('docker service create --name web --replicas 6 nginx');
    c.sim.runUntil(30_000);
    expect(c.runningOn('web')).toContain('worker1');
    const left = FAULT_COMMANDS.leave!.run(c.sim.ctx, ['worker1']);
    expect(left.stdout).toMatch(/^fault-\d+\n$/);
    const faultId = left.stdout.trim();
    expect(c.sim.state.world.faults.map((active) => active.fault.kind)).toEqual(['nodeLeave']);
    c.sim.runUntil(c.sim.now + 40_000);
    expect(c.sim.state.nodes[c.id('worker1')]!.status.state).toBe('down');
    expect(c.runningOn('web').filter((host) => host !== 'worker1')).toHaveLength(6);
    for (const target of [[], ['worker1'], [faultId]]) {
      expect(FAULT_COMMANDS.heal!.run(c.sim.ctx, target).stdout).toBe('');
    }
    expect(healAllFaults(c.sim.ctx)).toEqual([]);
    c.sim.runUntil(c.sim.now + 60_000);
    expect(c.sim.state.nodes[c.id('worker1')]!.status.state).toBe('down');
    expect(FAULT_COMMANDS.crash!.run(c.sim.ctx, ['worker1']).stderr).toBe(
      'worker1 left the swarm\n',
    );
  });

  it('keeps a manager that left as an Unreachable ghost', () => {
    const c = cluster(4);
    expect(FAULT_COMMANDS.leave!.run(c.sim.ctx, ['manager2']).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 30_000);
    expect(healAllFaults(c.sim.ctx)).toEqual([]);
    c.sim.runUntil(c.sim.now + 30_000);
    const ghost = c.sim.state.nodes[c.id('manager2')]!;
    expect(ghost.managerStatus!.reachability).toBe('unreachable');
    expect(c.sim.state.world.faults.map((active) => active.fault.kind)).toEqual(['managerLoss']);
  });
});
