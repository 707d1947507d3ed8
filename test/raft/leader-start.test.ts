/**
 * Leader start-up fix-ups (SWARM.md 3.9, swarmkit taskinit): on a new leadership, tasks of
 * deleted services are deleted, tasks left with desired READY start without waiting for the task
 * they replace (at once if their restart delay has passed, else when it does), and DOWN nodes get
 * their 24 h orphan timer again.
 */
import { describe, expect, it } from 'vitest';
import { healFault } from '../../src/faults/inject.js';
import { HOUR_MS } from '../../src/model/defaults.js';
import { cluster, eventsOf, type Cluster } from '../faults/cluster.js';

function withService(seed: number, flags = ''): Cluster {
  const c = cluster(seed);
  c.docker(`docker service create --name web --replicas 6 ${flags} nginx`.replace('  ', ' '));
  c.sim.runUntil(30_000);
  return c;
}

function cutOff(c: Cluster, hostname: string): string {
  const nodeId = c.id(hostname);
  const others = c.sim.state.nodeIds.filter((id) => id !== nodeId);
  return c.inject({ kind: 'partition', from: [nodeId], to: others, oneWay: false });
}

/** Crashes the leader manager1 and runs until manager2 or manager3 leads; returns that time. */
function failOver(c: Cluster): number {
  const before = c.events.length;
  c.inject({ kind: 'nodeCrash', nodeId: c.id('manager1') });
  c.sim.runUntil(c.sim.now + 25_000);
  const elected = eventsOf(c.events.slice(before), 'raft/leaderElected')[0];
  if (!elected) throw new Error('no new leader');
  return elected.t;
}

describe('leader start-up fix-ups', () => {
  it('deletes the tasks of a deleted service, even one still running where no one hears it', () => {
    const c = withService(11);
    const stranded = c.tasks('web').find((task) => task.nodeId === c.id('worker1'))!;
    cutOff(c, 'worker1');
    expect(c.docker('docker service rm web').stdout).toBe('web\n');
    c.sim.runUntil(c.sim.now + 1_000);
    // Its stop never reaches the managers: the reaper keeps it (running, desired REMOVE).
    expect(c.sim.state.tasks[stranded.id]).toMatchObject({ desiredState: 'remove' });
    expect(c.sim.state.tasks[stranded.id]!.status.state).toBe('running');
    const electedAt = failOver(c);
    const removed = eventsOf(c.events, 'task/removed').find((e) => e.taskId === stranded.id);
    expect(removed?.t).toBe(electedAt);
  });

  it('starts a READY replacement at the election instead of waiting for its old task', () => {
    const c = withService(12);
    cutOff(c, 'worker1');
    const old = c.tasks('web').filter((task) => task.nodeId === c.id('worker1'));
    expect(old.length).toBeGreaterThan(0);
    c.docker('docker node update --availability drain worker1');
    const waiting = c.tasks('web').filter((task) => task.desiredState === 'ready');
    expect(waiting).toHaveLength(old.length);
    const electedAt = failOver(c);
    // The old tasks never stop (their node is cut off and not Down yet), and the 1-minute wait
    // has not run out: only the new leader's fix-up starts the replacements.
    expect(electedAt - 30_000).toBeLessThan(60_000);
    const started = eventsOf(c.events, 'task/desiredStateChanged').filter((e) =>
      waiting.some((task) => task.id === e.taskId),
    );
    expect(started.map((e) => [e.desiredState, e.t])).toEqual(
      waiting.map(() => ['running', electedAt]),
    );
  });

  it('re-arms the rest of a restart delay that has not passed at the election', () => {
    const c = withService(13, '--restart-delay 40s');
    const victim = c.tasks('web')[0]!;
    c.inject({ kind: 'containerCrash', taskId: victim.id, exitCode: 1 });
    const failedAt = c.sim.now;
    const replacement = c.tasks('web').find((task) => task.desiredState === 'ready')!;
    const electedAt = failOver(c);
    expect(electedAt - failedAt).toBeLessThan(40_000);
    c.sim.runUntil(failedAt + 60_000);
    const start = eventsOf(c.events, 'task/desiredStateChanged').find(
      (e) => e.taskId === replacement.id && e.desiredState === 'running',
    )!;
    // From the replacement's status time, not from the election.
    const timestamp = c.sim.state.tasks[replacement.id]!.status.timestamp;
    expect(start.t).toBeGreaterThanOrEqual(failedAt + 40_000);
    expect(start.t).toBeLessThanOrEqual(Math.max(timestamp, failedAt) + 40_000);
  });

  it('gives a DOWN node its 24 h orphan timer again when a new leader starts', () => {
    const c = withService(14);
    const worker = c.id('worker1');
    const old = c.tasks('web').filter((task) => task.nodeId === worker);
    c.inject({ kind: 'nodeCrash', nodeId: worker });
    c.sim.runUntil(c.sim.now + 30_000);
    expect(c.sim.state.nodes[worker]!.status.state).toBe('down');
    // Quorum lost across the first 24 h mark: that timer finds no one to commit it.
    const m2 = c.inject({ kind: 'nodeCrash', nodeId: c.id('manager2') });
    c.inject({ kind: 'nodeCrash', nodeId: c.id('manager3') });
    c.sim.runUntil(c.sim.now + 25 * HOUR_MS);
    const states = () => old.map((task) => c.sim.state.tasks[task.id]!.status.state);
    expect(states()).not.toContain('orphaned');
    const before = c.events.length;
    healFault(c.sim.ctx, m2);
    c.sim.runUntil(c.sim.now + 30_000);
    const elected = eventsOf(c.events.slice(before), 'raft/leaderElected')[0]!;
    c.sim.runUntil(elected.t + 24 * HOUR_MS - 1_000);
    expect(states()).not.toContain('orphaned');
    c.sim.runUntil(elected.t + 24 * HOUR_MS + 1_000);
    expect(states()).toEqual(old.map(() => 'orphaned'));
  });
});
