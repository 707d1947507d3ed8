/**
 * Raft among 3 managers, driven through faults: who leads, how long the swarm is leaderless, and
 * what a docker command on a manager meets meanwhile (SWARM.md 8). Election timeouts are drawn
 * from the seed, so each test checks the window swarmkit allows, not an exact instant.
 */
import { describe, expect, it } from 'vitest';
import { healFault } from '../../src/faults/inject.js';
import { NO_LEADER_MESSAGE } from '../../src/raft/quorum.js';
import { cluster, eventsOf } from '../faults/cluster.js';

const NO_LEADER =
  `Error response from daemon: rpc error: code = Unknown desc = ${NO_LEADER_MESSAGE}`;

function withService(seed: number) {
  const c = cluster(seed);
  c.docker('docker service create --name web --replicas 6 nginx');
  c.sim.runUntil(30_000);
  return c;
}

function leaderName(c: ReturnType<typeof cluster>): string | null {
  const id = c.sim.state.world.raft.leaderId;
  return id === null ? null : c.host(id);
}

describe('raft: losing the leader of 3 managers', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`elects another manager 10-20 s later and the API works again (seed ${seed})`, () => {
      const c = withService(seed);
      const lostAt = c.sim.now;
      c.inject({ kind: 'nodeCrash', nodeId: c.id('manager1') });
      expect(leaderName(c)).toBeNull();
      c.sim.runUntil(lostAt + 25_000);
      const elected = eventsOf(c.events, 'raft/leaderElected');
      expect(elected).toHaveLength(1);
      expect(elected[0]!.t - lostAt).toBeGreaterThanOrEqual(10_000);
      expect(elected[0]!.t - lostAt).toBeLessThan(20_000);
      expect(['manager2', 'manager3']).toContain(leaderName(c));
      const manager1 = c.sim.state.nodes[c.id('manager1')]!;
      expect(manager1.managerStatus).toMatchObject({ leader: false, reachability: 'unreachable' });
      expect(c.docker('docker service scale web=7', leaderName(c)!).exitCode).toBe(0);
    });
  }

  it('marks every node UNKNOWN on the new leader, then READY again as agents re-register', () => {
    const c = withService(2);
    c.inject({ kind: 'nodeCrash', nodeId: c.id('manager1') });
    c.sim.runUntil(c.sim.now + 20_000);
    const unknown = eventsOf(c.events, 'node/statusChanged').filter((e) => e.state === 'unknown');
    expect(unknown.length).toBe(5);
    expect(unknown[0]!.message).toBe(
      'Node moved to "unknown" state due to leadership change in cluster',
    );
    const electedAt = eventsOf(c.events, 'raft/leaderElected')[0]!.t;
    // Agents re-register within 3 periods; the dead manager stays UNKNOWN for 6 (27-33 s).
    c.sim.runUntil(electedAt + 26_000);
    const states = c.sim.state.nodeIds.map((id) => c.sim.state.nodes[id]!.status.state);
    expect(states).toEqual(['unknown', 'ready', 'ready', 'ready', 'ready']);
    c.sim.runUntil(electedAt + 34_000);
    const manager1 = c.sim.state.nodes[c.id('manager1')]!;
    expect(manager1.status).toMatchObject({
      state: 'down',
      message: 'heartbeat failure for node in "unknown" state',
    });
  });

  it('keeps working with 1 of 3 managers down: commands on the others succeed', () => {
    const c = withService(4);
    c.inject({ kind: 'nodeCrash', nodeId: c.id('manager3') });
    c.sim.runUntil(c.sim.now + 5_000);
    expect(leaderName(c)).toBe('manager1');
    const manager3 = c.sim.state.nodes[c.id('manager3')]!;
    expect(manager3.managerStatus!.reachability).toBe('unreachable');
    expect(c.docker('docker service scale web=8', 'manager2').exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 30_000);
    // manager3's tasks keep their last reported state; 8 run on the live nodes.
    expect(c.runningOn('web').filter((host) => host !== 'manager3')).toHaveLength(8);
  });
});

describe('raft: losing 2 of 3 managers', () => {
  it('waits, then fails every call with the no-leader error, while containers keep running', () => {
    const c = withService(6);
    c.inject({ kind: 'nodeCrash', nodeId: c.id('manager2') });
    c.inject({ kind: 'nodeCrash', nodeId: c.id('manager3') });
    const lostAt = c.sim.now;
    // The leader only steps down after an election timeout (CheckQuorum).
    expect(c.docker('docker service scale web=5').exitCode).toBe(0);
    c.sim.runUntil(lostAt + 20_000);
    const lost = eventsOf(c.events, 'raft/leaderLost');
    expect(lost).toMatchObject([{ reason: 'lost quorum' }]);
    const stepDownAt = lost[0]!.t;
    expect(stepDownAt - lostAt).toBeGreaterThanOrEqual(10_000);
    c.sim.runUntil(stepDownAt + 5_000);
    const waiting = c.docker('docker node update --availability drain worker1');
    expect(waiting.stderr).toContain('docker would keep waiting');
    c.sim.runUntil(stepDownAt + 11_000);
    const scale = c.docker('docker service scale web=3');
    expect(scale.stderr).toBe(`web: ${NO_LEADER}\n`);
    const drain = c.docker('docker node update --availability drain worker1');
    expect(drain.stderr).toBe(`${NO_LEADER}\n`);
    const running = c.tasks('web').filter((task) => task.status.state === 'running');
    const taskCount = c.tasks('web').length;
    c.sim.runUntil(c.sim.now + 600_000);
    // Nothing is reconciled, not even the tasks of the dead managers: every task that ran
    // still runs, as last reported, and no task was created.
    const after = c.tasks('web').filter((task) => task.status.state === 'running');
    expect(after.map((task) => task.id)).toEqual(running.map((task) => task.id));
    expect(c.tasks('web')).toHaveLength(taskCount);
  });

  it('recovers when a manager comes back: a leader is elected and the API works', () => {
    const c = withService(7);
    const crash2 = c.inject({ kind: 'nodeCrash', nodeId: c.id('manager2') });
    c.inject({ kind: 'nodeCrash', nodeId: c.id('manager3') });
    c.sim.runUntil(c.sim.now + 60_000);
    expect(c.sim.state.world.raft.leaderId).toBeNull();
    healFault(c.sim.ctx, crash2 as string);
    const healedAt = c.sim.now;
    c.sim.runUntil(healedAt + 25_000);
    expect(['manager1', 'manager2']).toContain(leaderName(c));
    expect(c.docker(`docker service scale web=4`, leaderName(c)!).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 30_000);
    expect(c.runningOn('web').filter((host) => host !== 'manager3')).toHaveLength(4);
  });
});

describe('raft: a partition isolating the leader', () => {
  for (const seed of [11, 12, 13]) {
    it(`elects a leader on the majority side within 10-20 s (seed ${seed})`, () => {
      const c = withService(seed);
      const isolated = c.id('manager1');
      const others = c.sim.state.nodeIds.filter((id) => id !== isolated);
      const cutAt = c.sim.now;
      const cut = c.inject({ kind: 'partition', from: [isolated], to: others, oneWay: false });
      c.sim.runUntil(cutAt + 20_000);
      const elected = eventsOf(c.events, 'raft/leaderElected');
      expect(elected).toHaveLength(1);
      expect(elected[0]!.t - cutAt).toBeGreaterThanOrEqual(10_000);
      expect(['manager2', 'manager3']).toContain(leaderName(c));
      expect(c.docker('docker service scale web=7', leaderName(c)!).exitCode).toBe(0);
      c.sim.runUntil(cutAt + 45_000);
      expect(c.docker('docker service scale web=7', 'manager1').stderr).toBe(`web: ${NO_LEADER}\n`);
      // Healing brings manager1 back with a higher term: one more election, then calm.
      healFault(c.sim.ctx, cut as string);
      c.sim.runUntil(c.sim.now + 60_000);
      expect(['manager2', 'manager3']).toContain(leaderName(c));
      expect(c.docker('docker service scale web=6', 'manager1').exitCode).toBe(0);
      c.sim.runUntil(c.sim.now + 30_000);
      expect(c.runningOn('web')).toHaveLength(6);
    });
  }
});
