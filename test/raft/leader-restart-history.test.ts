/**
 * swarmkit keeps restart history (MaxAttempts counts) in the restart supervisor of the leader's
 * orchestrators, built anew at every leadership (`manager/manager.go` becomeLeader), so a new
 * leader counts restarts from zero: for services (`restart.go` historyByService) and for jobs
 * alike (src/raft/leadership.ts).
 */
import { describe, expect, it } from 'vitest';
import { cluster, type Cluster } from '../faults/cluster.js';

function restartsOf(c: Cluster, service: string): number {
  return c.tasks(service).filter((task) => task.origin === 'restart').length;
}

/** Crashes the leader manager1 and waits for the other two to elect a new one. */
function changeLeader(c: Cluster): void {
  c.inject({ kind: 'nodeCrash', nodeId: c.id('manager1') });
  c.sim.runUntil(c.sim.now + 60_000);
  expect(c.sim.state.world.raft.leaderId).not.toBeNull();
  expect(c.sim.state.world.raft.leaderId).not.toBe(c.id('manager1'));
}

const POLICY = '--restart-condition on-failure --restart-max-attempts 1 --restart-delay 1s';

describe('restart history after a leader change', () => {
  it('gives a replicated slot that used up MaxAttempts new attempts under a new leader', () => {
    const c = cluster(3);
    const flags = `${POLICY} --constraint node.role==worker`;
    expect(c.docker(`docker service create -d --name flaky ${flags} alpine false`).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 60_000);
    // One restart, then the slot is left failed: 2 tasks, nothing running.
    const old = c.tasks('flaky').map((task) => task.id);
    expect(restartsOf(c, 'flaky')).toBe(1);
    expect(old).toHaveLength(2);
    const changedAt = c.sim.now;
    changeLeader(c);
    c.sim.runUntil(c.sim.now + 60_000);
    // The new leader's supervisor has no history, so the slot is dead, not satisfied: its
    // reconcile deletes the old tasks and starts a fresh one, which gets its one restart.
    const now = c.tasks('flaky');
    expect(now.filter((task) => old.includes(task.id))).toEqual([]);
    expect(now.map((task) => task.origin)).toEqual(['orchestrator', 'restart']);
    expect(now.every((task) => task.createdAt > changedAt && task.slot === 1)).toBe(true);
    expect(now.every((task) => task.status.state === 'failed')).toBe(true);
  });

  it('counts a replicated job slot from zero under a new leader', () => {
    const c = cluster(3);
    const job = `--mode replicated-job --replicas 1 ${POLICY} --constraint node.role==worker`;
    expect(c.docker(`docker service create -d --name job ${job} alpine false`).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 60_000);
    const before = restartsOf(c, 'job');
    expect(before).toBe(1);
    changeLeader(c);
    c.sim.runUntil(c.sim.now + 60_000);
    // The slot's fresh task fails again and is restarted: MaxAttempts counts anew.
    expect(restartsOf(c, 'job')).toBe(before + 1);
  });
});
