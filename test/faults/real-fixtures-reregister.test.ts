/**
 * swarmsim against the real multi-node swarm (test/fixtures/real-docker-multinode, Engine 20.10):
 * when the agents register again after a new leader marked every node Unknown. Nothing tells
 * them; each finds out through its own session, so the order depends on how the old leader went:
 * - cut off (leader-partition): the managers' agents, the new leader's included, are back at the
 *   first answer after the election, the workers a few seconds later;
 * - crashed (quorum-loss): calls forwarded to the dead leader hang to their 5 s timeout, so even
 *   the new leader's own node stays Unknown for seconds.
 */
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/model/world.js';
import { cluster, eventsOf, type Cluster } from './cluster.js';
import {
  bracket,
  expectBothWays,
  firstSeen,
  isolateLeader,
  noteAt,
  polls,
  SEEDS,
} from './real-fixtures-data.js';

/** Seconds after the fault when each node first became Ready after the election. */
interface Replay {
  c: Cluster;
  elected: number;
  leader: string;
  readyAt: Record<string, number>;
}

function replay(seed: number, fault: (c: Cluster, leader: string) => Fault): Replay {
  const c = cluster(seed);
  c.docker('docker service create --name web --replicas 6 busybox sleep 1d');
  c.sim.runUntil(10_000);
  const at = c.sim.now;
  c.inject(fault(c, c.sim.state.world.raft.leaderId!));
  c.sim.runUntil(at + 60_000);
  const won = eventsOf(c.events, 'raft/leaderElected').find((e) => e.t > at)!;
  const readyAt: Record<string, number> = {};
  for (const e of eventsOf(c.events, 'node/statusChanged')) {
    if (e.t < won.t || e.state !== 'ready') continue;
    readyAt[c.host(e.nodeId)] ??= (e.t - at) / 1000;
  }
  return { c, elected: (won.t - at) / 1000, leader: c.host(won.nodeId), readyAt };
}

/** The states a poll block shows, by hostname (`node ls` rows: hostname, status, ...). */
function statusOf(lines: string[]): Record<string, string> {
  const states: Record<string, string> = {};
  for (const line of lines) {
    const [host, status] = line.split(' ');
    if (host && status && /^(manager|worker)\d$/.test(host)) states[host] ??= status;
  }
  return states;
}

/**
 * How soon a manager's agent is back after the election when the old leader was cut off, s. Its
 * session start hanging on the cut goes through at a retransmit (1 or 3 s after it was sent) once
 * the new leader answers; one sent more than 3 s before the election times out within 2 s, and
 * the agent tries again after a delay below its backoff, still at most 3.1 s then (each of its
 * few failures took a 5 s timeout): 2 + 3.1 s.
 */
const MANAGERS_BACK_S = 5.1;
/** In the recording the managers were back at once: over this, an agent counts as late, s. */
const LATE_S = 3;

describe('real swarm: agents registering after the leader was cut off (leader-partition)', () => {
  const blocks = polls('leader-partition');
  const cutAt = noteAt('leader-partition', 'isolate the leader');
  const answeredAt = firstSeen(blocks, /^manager1 Ready Leader/, cutAt);
  const replays = SEEDS.map((seed) => replay(seed, isolateLeader));

  it('showed both managers Ready, the new leader included, while the workers were Unknown', () => {
    const first = statusOf(blocks.find((b) => b.t === answeredAt)!.lines);
    expect(first).toMatchObject({ manager1: 'Ready', manager2: 'Ready' });
    expect(first).toMatchObject({ worker1: 'Unknown', worker2: 'Unknown' });
    for (const { elected, leader, readyAt } of replays) {
      const managers = ['manager1', 'manager2', 'manager3'].filter((h) => readyAt[h] !== undefined);
      expect(managers).toContain(leader);
      expect(managers.length).toBe(2);
      for (const host of managers) {
        expect(readyAt[host]! - elected, host).toBeLessThanOrEqual(MANAGERS_BACK_S);
      }
    }
    // Most often at once, as recorded: within LATE_S for all but a seed or two.
    const late = replays.filter((r) => ['manager1', 'manager2', 'manager3'].some(
      (host) => r.readyAt[host] !== undefined && r.readyAt[host]! - r.elected > LATE_S,
    ));
    expect(late.length).toBeLessThanOrEqual(2);
  });

  it('had the workers Ready again as long after the cut as swarmsim does', () => {
    const workersAt = firstSeen(blocks, /^worker2 Ready/, answeredAt);
    expect(statusOf(blocks.find((b) => b.t === workersAt)!.lines).worker1).toBe('Ready');
    const recorded = bracket(workersAt, cutAt, workersAt - answeredAt);
    const simulated = replays.flatMap((r) => [r.readyAt.worker1!, r.readyAt.worker2!]);
    // The election (9-20 s), then a hung attempt's 5 s timeout and an 8 s backoff at most.
    expectBothWays(recorded, simulated, { from: 9, to: 20 + 5 + 8 });
  });
});

describe('real swarm: agents registering after the leader crashed (quorum-loss)', () => {
  const blocks = polls('quorum-loss');
  const killedAt = noteAt('quorum-loss', 'killed');
  const answeredAt = firstSeen(blocks, /^manager3 \S+ Leader/, killedAt);
  const crash = (_c: Cluster, leader: string): Fault => ({ kind: 'nodeCrash', nodeId: leader });
  const replays = SEEDS.map((seed) => replay(seed, crash));

  it('left the new leader itself Unknown for seconds, as swarmsim does', () => {
    const first = statusOf(blocks.find((b) => b.t === answeredAt)!.lines);
    expect(first.manager3).toBe('Unknown');
    const leaderAt = firstSeen(blocks, /^manager3 Ready Leader/, answeredAt);
    const recorded = bracket(leaderAt, killedAt, leaderAt - answeredAt);
    const simulated = replays.map((r) => r.readyAt[r.leader]!);
    // The election, a call forwarded to the dead leader timing out (5 s), a backoff (3.1 s).
    expectBothWays(recorded, simulated, { from: 9, to: 20 + 5 + 3.1 });
    // Not at once: some seeds keep the leader Unknown for over 3 s, as the recording did.
    const late = replays.filter((r) => r.readyAt[r.leader]! - r.elected > LATE_S);
    expect(late.length).toBeGreaterThan(0);
  });

  it('had every worker Ready again as long after the crash as swarmsim does', () => {
    const lastAt = firstSeen(blocks, /^worker2 Ready/, answeredAt);
    const firstAt = firstSeen(blocks, /^worker1 Ready/, answeredAt);
    const recorded = {
      from: bracket(firstAt, killedAt, 5).from,
      to: bracket(lastAt, killedAt, 0).to,
    };
    const simulated = replays.flatMap((r) => [r.readyAt.worker1!, r.readyAt.worker2!]);
    // A worker may also draw the dead manager for an attempt: refused, one more backoff (8 s).
    expectBothWays(recorded, simulated, { from: 9, to: 20 + 5 + 8 + 8 });
  });
});
