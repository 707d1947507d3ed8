/**
 * Jobs and a node that goes down mid-job (SWARM.md 3.5, swarmkit `jobs/orchestrator.go`): the jobs
 * orchestrator does not watch nodes, and the node-down restarts of the replicated orchestrator are
 * for services only, so a replicated-job task on a DOWN node keeps its last reported state and is
 * replaced only once it ends: the node comes back and reports the lost container, or the
 * dispatcher orphans it after 24 h. On a drained node it simply runs on. A global job's task on
 * a DOWN or drained node is shut down, and not replaced elsewhere, only at the job's next
 * reconcile (swarmkit's global job reconciler treats the node as invalid then); the node gets a
 * fresh task at a reconcile once it is back.
 */
import { describe, expect, it } from 'vitest';
import { healFault } from '../../src/faults/inject.js';
import type { Task } from '../../src/model/types.js';
import { cluster, type Cluster } from './cluster.js';

const DAY_MS = 24 * 3600_000;

function row(c: Cluster, task: Task): string {
  return `${task.slot}@${c.host(task.nodeId)} ${task.status.state}/${task.desiredState}`;
}

function onHost(c: Cluster, service: string, host: string): Task[] {
  return c.tasks(service).filter((task) => c.host(task.nodeId) === host);
}

function startJob(c: Cluster, mode: string, seconds = 120): void {
  const line = `docker service create -d --name job ${mode} alpine sleep ${seconds}`;
  expect(c.docker(line).exitCode).toBe(0);
  c.sim.runUntil(c.sim.now + 10_000);
}

/** Crashes `host`, waits until it is DOWN and a minute more; returns the fault id. */
function crashFor(c: Cluster, host: string): string {
  const faultId = c.inject({ kind: 'nodeCrash', nodeId: c.id(host) });
  c.sim.runUntil(c.sim.now + 60_000);
  expect(c.sim.state.nodes[c.id(host)]!.status.state).toBe('down');
  return faultId;
}

describe('replicated job, node down mid-job', () => {
  it('leaves the task of a DOWN node alone, and restarts it once the node is back', () => {
    const c = cluster();
    startJob(c, '--mode replicated-job --replicas 5');
    const lost = onHost(c, 'job', 'worker1')[0]!;
    expect(lost.status.state).toBe('running');
    const faultId = crashFor(c, 'worker1');
    // Nothing replaces it while the node is down: the same five tasks, worker1's still running.
    expect(c.tasks('job')).toHaveLength(5);
    expect(row(c, c.sim.state.tasks[lost.id]!)).toBe(`${lost.slot}@worker1 running/complete`);

    healFault(c.sim.ctx, faultId);
    c.sim.runUntil(c.sim.now + 10_000);
    const failed = c.sim.state.tasks[lost.id]!;
    expect(row(c, failed)).toBe(`${lost.slot}@worker1 failed/shutdown`);
    const replacement = c.tasks('job').find((task) => task.origin === 'restart');
    expect(replacement?.slot).toBe(lost.slot);
    c.sim.runUntil(c.sim.now + 200_000);
    expect(c.tasks('job').filter((task) => task.status.state === 'complete')).toHaveLength(5);
  });

  it('restarts the task elsewhere once the dispatcher orphans it after 24 h', () => {
    const c = cluster();
    startJob(c, '--mode replicated-job --replicas 5 --max-concurrent 5', 3600);
    const lost = onHost(c, 'job', 'worker1')[0]!;
    crashFor(c, 'worker1');
    c.sim.runUntil(c.sim.now + DAY_MS);
    expect(c.sim.state.tasks[lost.id]!.status.state).toBe('orphaned');
    c.sim.runUntil(c.sim.now + 10_000);
    const replacement = c.tasks('job').find((task) => task.origin === 'restart');
    expect(replacement?.slot).toBe(lost.slot);
    expect(replacement && c.host(replacement.nodeId)).not.toBe('worker1');
    expect(replacement?.status.state).toBe('running');
  });
});

describe('replicated job, node drained mid-job', () => {
  it('lets the task of a drained node run to completion: no orchestrator drains jobs', () => {
    const c = cluster();
    startJob(c, '--mode replicated-job --replicas 5', 30);
    const kept = onHost(c, 'job', 'worker2')[0]!;
    expect(c.docker('docker node update --availability drain worker2').exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 5_000);
    expect(row(c, c.sim.state.tasks[kept.id]!)).toBe(`${kept.slot}@worker2 running/complete`);
    c.sim.runUntil(c.sim.now + 30_000);
    expect(row(c, c.sim.state.tasks[kept.id]!)).toBe(`${kept.slot}@worker2 complete/complete`);
    expect(c.tasks('job')).toHaveLength(5);
  });
});

describe('global job, node down or drained mid-job', () => {
  // swarmkit's jobs orchestrator ignores node events: only the job's next reconcile (a task of
  // it ending, an update, a new leader) looks at the node again.
  it('leaves the task of a DOWN node as it was; back, its lost container restarts there', () => {
    const c = cluster();
    startJob(c, '--mode global-job');
    const lost = onHost(c, 'job', 'worker1')[0]!;
    const faultId = crashFor(c, 'worker1');
    expect(row(c, c.sim.state.tasks[lost.id]!)).toBe('0@worker1 running/complete');
    expect(c.tasks('job')).toHaveLength(5);

    healFault(c.sim.ctx, faultId);
    c.sim.runUntil(c.sim.now + 10_000);
    const rows = onHost(c, 'job', 'worker1').map((task) => row(c, task));
    expect(rows).toEqual(['0@worker1 failed/shutdown', '0@worker1 running/complete']);
    const restarted = c.tasks('job').filter((task) => task.origin === 'restart');
    expect(restarted.map((task) => c.host(task.nodeId))).toEqual(['worker1']);
  });

  it("lets the task of a drained node run until the job's next reconcile stops it", () => {
    const c = cluster();
    startJob(c, '--mode global-job');
    expect(c.docker('docker node update --availability drain worker2').exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 20_000);
    expect(onHost(c, 'job', 'worker2').map((task) => row(c, task))).toEqual([
      '0@worker2 running/complete',
    ]);
    // A task of the job ending on another node is the next reconcile: worker2 is invalid now.
    const other = onHost(c, 'job', 'worker1')[0]!;
    c.inject({ kind: 'containerCrash', taskId: other.id, exitCode: 1 });
    // The stop waits out the 10 s grace period: sleep ignores SIGTERM as PID 1.
    c.sim.runUntil(c.sim.now + 20_000);
    expect(onHost(c, 'job', 'worker2').map((task) => row(c, task))).toEqual([
      '0@worker2 shutdown/shutdown',
    ]);
    // Active again: nothing until the next reconcile, which gives worker2 a fresh task.
    expect(c.docker('docker node update --availability active worker2').exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 10_000);
    expect(onHost(c, 'job', 'worker2')).toHaveLength(1);
    const again = onHost(c, 'job', 'worker1').find((task) => task.status.state === 'running')!;
    c.inject({ kind: 'containerCrash', taskId: again.id, exitCode: 1 });
    c.sim.runUntil(c.sim.now + 10_000);
    expect(onHost(c, 'job', 'worker2').map((task) => row(c, task))).toEqual([
      '0@worker2 shutdown/shutdown',
      '0@worker2 running/complete',
    ]);
  });
});
