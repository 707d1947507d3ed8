/**
 * Each fault kind, injected into a running swarm, does what the engine would: ordered by
 * severity, a container crash or OOM kill fails the task with its exit code, image and start
 * faults reject or fail new tasks on that node only, an engine restart loses the containers,
 * and a manager that leaves stays in raft as an Unreachable ghost.
 */
import { describe, expect, it } from 'vitest';
import { healFault, injectFault } from '../../src/faults/inject.js';
import { FAULT_KINDS, faultSeverity } from '../../src/model/world.js';
import { cluster } from './cluster.js';

function withService(seed: number, line = 'docker service create --name web --replicas 6 nginx') {
  const c = cluster(seed);
  c.docker(line);
  c.sim.runUntil(30_000);
  return c;
}

describe('faults: kinds', () => {
  it('orders kinds by severity, node crash first', () => {
    expect(FAULT_KINDS[0]).toBe('nodeCrash');
    expect(faultSeverity('nodeCrash')).toBeLessThan(faultSeverity('partition'));
    expect(faultSeverity('partition')).toBeLessThan(faultSeverity('containerCrash'));
    expect(faultSeverity('oomKill')).toBeLessThan(faultSeverity('startFailure'));
  });

  it('crashes a container with its exit code; the slot is restarted after the delay', () => {
    const c = withService(1);
    const victim = c.tasks('web').find((t) => t.status.state === 'running')!;
    c.inject({ kind: 'containerCrash', taskId: victim.id, exitCode: 3 });
    expect(c.sim.state.tasks[victim.id]!.status).toMatchObject({
      state: 'failed',
      err: 'task: non-zero exit (3)',
      exitCode: 3,
    });
    c.sim.runUntil(c.sim.now + 10_000);
    expect(c.runningOn('web')).toHaveLength(6);
  });

  it('OOM-kills a container: FAILED with exit 137', () => {
    const c = withService(2);
    const victim = c.tasks('web').find((t) => t.status.state === 'running')!;
    c.inject({ kind: 'oomKill', taskId: victim.id });
    expect(c.sim.state.tasks[victim.id]!.status.err).toBe('task: non-zero exit (137)');
  });

  it('refuses a container fault on a task that is not running', () => {
    const c = withService(3);
    const refused = injectFault(c.sim.ctx, { kind: 'oomKill', taskId: 'nope' });
    expect(refused).toEqual({ refused: 'no task nope' });
  });

  it('rejects tasks whose image cannot be pulled on that node, and only there', () => {
    const c = cluster(4);
    c.inject({ kind: 'pullFailure', nodeId: c.id('worker1'), image: 'redis' });
    c.docker('docker service create --name cache --replicas 5 redis');
    c.sim.runUntil(60_000);
    const rejected = c.tasks('cache').filter((t) => t.status.state === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every((t) => c.host(t.nodeId) === 'worker1')).toBe(true);
    // The spec pins the digest docker resolved; the engine names the image as the spec has it.
    expect(rejected[0]!.status.err).toMatch(/^No such image: redis:latest@sha256:[0-9a-f]{64}$/);
    expect(c.runningOn('cache')).toHaveLength(5);
  });

  it('slows pulls on one node by the extra time', () => {
    const plain = cluster(5);
    plain.docker('docker service create --name one --constraint node.hostname==worker1 redis');
    plain.sim.runUntil(60_000);
    const slow = cluster(5);
    slow.inject({ kind: 'slowPull', nodeId: slow.id('worker1'), image: '', extraMs: 20_000 });
    slow.docker('docker service create --name one --constraint node.hostname==worker1 redis');
    slow.sim.runUntil(60_000);
    const runningAt = (c: ReturnType<typeof cluster>) =>
      c.tasks('one')[0]!.transitions.find((step) => step.state === 'running')!.at;
    expect(runningAt(slow) - runningAt(plain)).toBe(20_000);
  });

  it('fails containers that cannot start on that node; healing lets them run', () => {
    const c = cluster(6);
    const faultId = c.inject({ kind: 'startFailure', nodeId: c.id('worker2'), image: '' });
    c.docker('docker service create --name pinned --constraint node.hostname==worker2 nginx');
    c.sim.runUntil(30_000);
    const failed = c.tasks('pinned').filter((t) => t.status.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.status.err).toMatch(/^starting container failed: /);
    healFault(c.sim.ctx, faultId);
    c.sim.runUntil(60_000);
    expect(c.runningOn('pinned')).toEqual(['worker2']);
  });

  it('restarts an engine: containers lost ("No such container"), then replaced', () => {
    const c = withService(7);
    const worker = c.id('worker1');
    const before = c
      .tasks('web')
      .filter((t) => t.nodeId === worker && t.status.state === 'running');
    expect(before.length).toBeGreaterThan(0);
    c.inject({ kind: 'nodeRestart', nodeId: worker, downMs: 4_000 });
    c.sim.runUntil(c.sim.now + 30_000);
    expect(c.sim.state.nodes[worker]!.status.state).toBe('ready');
    for (const old of before) {
      const task = c.sim.state.tasks[old.id]!;
      expect(task.status.state).toBe('failed');
      expect(task.status.err).toBe(`No such container: web.${task.slot}.${task.id}`);
    }
    expect(c.runningOn('web')).toHaveLength(6);
  });

  it('leaves a ghost when a manager leaves: Unreachable, still counted for quorum', () => {
    const c = withService(8);
    c.inject({ kind: 'managerLoss', nodeId: c.id('manager3') });
    c.sim.runUntil(c.sim.now + 30_000);
    const ghost = c.sim.state.nodes[c.id('manager3')]!;
    expect(ghost.role).toBe('manager');
    expect(ghost.managerStatus!.reachability).toBe('unreachable');
    expect(ghost.status.state).toBe('down');
    // With the ghost counted, losing one more manager loses quorum (2 of 3 needed).
    c.inject({ kind: 'nodeCrash', nodeId: c.id('manager2') });
    c.sim.runUntil(c.sim.now + 40_000);
    expect(c.sim.state.world.raft.leaderId).toBeNull();
  });

  it('lets the ghost be demoted and removed while quorum holds', () => {
    const c = withService(9);
    c.inject({ kind: 'managerLoss', nodeId: c.id('manager3') });
    c.sim.runUntil(c.sim.now + 30_000);
    const rm = c.docker('docker node rm manager3');
    expect(rm.stderr).toContain('must be demoted to worker before removal');
    expect(c.docker('docker node demote manager3').exitCode).toBe(0);
    expect(c.docker('docker node rm manager3').exitCode).toBe(0);
    // Two members now: both are needed, and both are here.
    c.sim.runUntil(c.sim.now + 30_000);
    expect(c.sim.state.world.raft.leaderId).toBe(c.id('manager1'));
  });
});
