/**
 * What the agents' sessions do when the leadership changes (SWARM.md 7.1): the new leader's
 * dispatcher knows no session, so every agent registers again, each when its own session tells
 * it: at once when the old leader's dispatcher stops and ends the sessions it holds, at the next
 * heartbeat (answered NotFound) otherwise.
 */
import { describe, expect, it } from 'vitest';
import { cluster, eventsOf, type Cluster } from '../faults/cluster.js';

function statuses(c: Cluster): string[] {
  return c.sim.state.nodeIds.map((id) => `${c.host(id)} ${c.sim.state.nodes[id]!.status.state}`);
}

describe('dispatcher: sessions across a leader change', () => {
  it('brings every node back at once when the leader hands over (its dispatcher stops)', () => {
    for (const seed of [1, 2, 3]) {
      const c = cluster(seed);
      c.sim.runUntil(20_000);
      c.docker('docker node demote manager1', 'manager2');
      const won = eventsOf(c.events, 'raft/leaderElected').at(-1)!;
      expect(won.t).toBe(c.sim.now);
      const unknown = eventsOf(c.events, 'node/statusChanged').filter((e) => e.state === 'unknown');
      expect(unknown.length).toBe(5);
      // Each agent tries again after a delay below its first backoff, 100 ms.
      c.sim.runUntil(won.t + 100);
      expect(statuses(c).every((s) => s.endsWith(' ready')), statuses(c).join(', ')).toBe(true);
    }
  });

  it('has an agent whose session outlived the change find out at its next heartbeat', () => {
    for (const seed of [4, 5, 6]) {
      const c = cluster(seed);
      c.sim.runUntil(20_000);
      // A new term won by the sitting leader: no dispatcher stopped, every session still live.
      const { leaderId, term } = c.sim.state.world.raft;
      const won = { nodeId: leaderId!, term: term + 1, voterIds: [] };
      c.sim.ctx.emit({ type: 'raft/leaderElected', ...won });
      const at = c.sim.now;
      c.sim.runUntil(at + 20_000);
      const ready = eventsOf(c.events, 'node/statusChanged').filter(
        (e) => e.t > at && e.state === 'ready',
      );
      expect(ready.map((e) => c.host(e.nodeId)).sort()).toEqual(
        ['manager1', 'manager2', 'manager3', 'worker1', 'worker2'],
      );
      // The next heartbeat comes within a period (5 s + 0.5 s), the new session 0.1 s later.
      for (const e of ready) expect(e.t - at).toBeLessThanOrEqual(5_600);
    }
  });

  it('marks the forced node Ready at once, the others at their next session', () => {
    const c = cluster(4);
    c.sim.runUntil(20_000);
    const out = c.docker('docker swarm init --force-new-cluster --advertise-addr eth0');
    expect(out.exitCode).toBe(0);
    expect(c.sim.state.nodes[c.id('manager1')]!.status.state).toBe('ready');
    // The healthy leader's restart ended every session it held: all back within 100 ms.
    c.sim.runUntil(c.sim.now + 100);
    expect(statuses(c).filter((s) => !s.endsWith(' ready'))).toEqual([]);
  });
});
