/**
 * swarmsim against the real multi-node swarm (test/fixtures/real-docker-multinode, Engine 20.10),
 * managers: elections after a leader crash or partition replayed over SEEDS and compared both
 * ways (real-fixtures-data.ts), the no-leader texts, and a manager leaving with --force.
 */
import { describe, expect, it } from 'vitest';
import { NO_LEADER_MESSAGE } from '../../src/raft/quorum.js';
import type { Fault } from '../../src/model/world.js';
import { cluster, eventsOf, type Cluster } from './cluster.js';
import {
  bracket,
  expectBothWays,
  firstSeen,
  isolateLeader,
  noteAt,
  output,
  polls,
  SEEDS,
} from './real-fixtures-data.js';

const NO_LEADER =
  `Error response from daemon: rpc error: code = Unknown desc = ${NO_LEADER_MESSAGE}`;
/**
 * A follower campaigns 10..19 raft ticks (1 s) after it last heard the leader, which was at most
 * a tick before the fault; a split vote adds another timeout, which ten seeds need not show.
 */
const ELECTION_WINDOW = { from: 9, to: 20 };

/** The case's leader crashed or cut off after 10 s; the new leader's election, s after it. */
function replayElection(seed: number, fault: (c: Cluster, leader: string) => Fault) {
  const c = cluster(seed);
  c.docker('docker service create --name web --replicas 6 busybox sleep 1d');
  c.sim.runUntil(10_000);
  const leader = c.sim.state.world.raft.leaderId!;
  const at = c.sim.now;
  c.inject(fault(c, leader));
  c.sim.runUntil(at + 35_000);
  const won = eventsOf(c.events, 'raft/leaderElected').find((e) => e.t > at)!;
  return { c, leader, elected: (won.t - at) / 1000, newLeader: won.nodeId };
}

describe('real swarm: the leader crashes (quorum-loss)', () => {
  const text = output('quorum-loss');
  const blocks = polls('quorum-loss');
  const killedAt = noteAt('quorum-loss', 'killed');
  const answeredAt = firstSeen(blocks, /^manager3 \S+ Leader/, killedAt);

  it('failed calls without a leader with the text swarmsim prints', () => {
    expect(text).toContain(`$ docker service ls\n${NO_LEADER}\n[exit 1]`);
    expect(text).toContain(`$ docker service scale -d web=5\nweb: ${NO_LEADER}\n[exit 1]`);
    expect(text).toContain(`$ docker node update --availability drain worker1\n${NO_LEADER}\n`);
  });

  it('elected a new leader as long after the crash as swarmsim does', () => {
    const replays = SEEDS.map((seed) =>
      replayElection(seed, (_c, leader) => ({ kind: 'nodeCrash', nodeId: leader })),
    );
    // Polls of `node ls` waited up to 4 s, then 0.5 s: unchanged failures were not written.
    const recorded = bracket(answeredAt, killedAt, 4.5);
    expectBothWays(recorded, replays.map((r) => r.elected), ELECTION_WINDOW);
  });

  it('showed the dead leader Unknown / Unreachable after the election, as swarmsim', () => {
    expect(blocks.find((b) => b.t === answeredAt)!.lines).toContain('manager1 Unknown Unreachable');
    for (const seed of SEEDS.slice(0, 3)) {
      const { c, leader } = replayElection(seed, (_c, id) => ({ kind: 'nodeCrash', nodeId: id }));
      const won = eventsOf(c.events, 'raft/leaderElected').at(-1)!;
      c.sim.runUntil(won.t);
      const node = c.sim.state.nodes[leader]!;
      expect([node.status.state, node.managerStatus?.reachability]).toEqual([
        'unknown',
        'unreachable',
      ]);
    }
  });
});

describe('real swarm: the leader cut off (leader-partition)', () => {
  const blocks = polls('leader-partition');
  const cutAt = noteAt('leader-partition', 'isolate the leader');
  const answeredAt = firstSeen(blocks, /^manager1 Ready Leader/, cutAt);

  it('elected a leader on the majority side as long after the cut as swarmsim does', () => {
    const replays = SEEDS.map((seed) => replayElection(seed, isolateLeader));
    for (const replay of replays) expect(replay.newLeader).not.toBe(replay.leader);
    // A poll: `node ls` on the majority (4 s at most), on the isolated node (2 s), 0.5 s.
    const recorded = bracket(answeredAt, cutAt, 6.5);
    expectBothWays(recorded, replays.map((r) => r.elected), ELECTION_WINDOW);
  });

  it('answered on the isolated manager with the no-leader error, as swarmsim does', () => {
    expect(blocks.flatMap((b) => b.lines)).toContain(NO_LEADER);
    for (const seed of SEEDS.slice(0, 3)) {
      const { c, leader } = replayElection(seed, isolateLeader);
      expect(c.docker('docker node ls', c.host(leader)).stderr).toBe(`${NO_LEADER}\n`);
    }
  });
});

describe('real swarm: a manager leaving with --force (manager-leave)', () => {
  const text = output('manager-leave');
  const blocks = polls('manager-leave');

  it('left a ghost, Unreachable at once and Down on heartbeat expiry, as swarmsim does', () => {
    expect(blocks[0]!.lines).toContain('manager3 Ready Active Unreachable');
    expect(firstSeen(blocks, /^manager3 Down Active Unreachable/)).toBeLessThanOrEqual(16.5 + 1);
    const c = cluster(8);
    c.sim.runUntil(10_000);
    c.inject({ kind: 'managerLoss', nodeId: c.id('manager3') });
    const ghost = c.sim.state.nodes[c.id('manager3')]!;
    const seen = [ghost.status.state, ghost.managerStatus!.reachability];
    expect(seen).toEqual(['ready', 'unreachable']);
  });

  it('needed the same demote-then-remove, with the same texts', () => {
    const c = cluster(9);
    c.sim.runUntil(10_000);
    c.inject({ kind: 'managerLoss', nodeId: c.id('manager3') });
    c.sim.runUntil(40_000);
    const id = c.id('manager3');
    const realId = /node (\w{25}) is a cluster manager/.exec(text)![1]!;
    const rm = c.docker('docker node rm manager3');
    expect(text).toContain(rm.stderr.replace(id, realId));
    const demote = c.docker('docker node demote manager3');
    expect(text).toContain(`$ docker node demote manager3\n${demote.stdout}`);
    expect(c.docker('docker node rm manager3').stdout).toBe('manager3\n');
  });
});
