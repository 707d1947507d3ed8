/**
 * Raft membership through the node API: promotion adds a member (and raises the quorum),
 * demotion is refused when it would lose quorum given who is reachable right now, and a demoted
 * leader hands leadership over at once.
 */
import { describe, expect, it } from 'vitest';
import { quorumOf, raftMembers } from '../../src/raft/quorum.js';
import { cluster, eventsOf } from '../faults/cluster.js';

describe('raft: membership', () => {
  it('computes quorum as floor(N/2)+1', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 9].map(quorumOf)).toEqual([1, 2, 2, 3, 3, 4, 4, 5]);
  });

  it('adds a promoted worker as a reachable member', () => {
    const c = cluster(1);
    expect(c.docker('docker node promote worker1').exitCode).toBe(0);
    c.sim.runUntil(1_000);
    expect(raftMembers(c.sim.state).map((node) => c.host(node.id))).toEqual([
      'manager1', 'manager2', 'manager3', 'worker1',
    ]);
    expect(c.sim.state.nodes[c.id('worker1')]!.managerStatus!.reachability).toBe('reachable');
  });

  it('refuses to demote a manager when an unreachable one would leave no quorum', () => {
    const c = cluster(2);
    c.sim.runUntil(1_000);
    c.inject({ kind: 'nodeCrash', nodeId: c.id('manager3') });
    const demote = c.docker('docker node demote manager2');
    expect(demote.stderr).toBe(
      'Error response from daemon: rpc error: code = FailedPrecondition desc = ' +
        "can't remove member from the raft: this would result in a loss of quorum\n",
    );
  });

  it('hands leadership over at once when the leader is demoted', () => {
    const c = cluster(3);
    c.sim.runUntil(1_000);
    expect(c.docker('docker node demote manager1', 'manager2').exitCode).toBe(0);
    const elected = eventsOf(c.events, 'raft/leaderElected');
    expect(elected).toHaveLength(1);
    expect(elected[0]!.t).toBe(1_000);
    expect(c.host(c.sim.state.world.raft.leaderId!)).toBe('manager2');
  });
});
