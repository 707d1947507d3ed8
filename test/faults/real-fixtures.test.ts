/**
 * swarmsim against the real multi-node swarm (test/fixtures/real-docker-multinode, Engine 20.10),
 * node faults: each recorded script is replayed in swarmsim at its recorded times over SEEDS, and
 * the timings are compared both ways (real-fixtures-data.ts); texts must be the same.
 */
import { describe, expect, it } from 'vitest';
import { healFault } from '../../src/faults/inject.js';
import { cluster, eventsOf, type Cluster } from './cluster.js';
import {
  bracket,
  expectBothWays,
  firstSeen,
  noteAt,
  output,
  polls,
  SEEDS,
} from './real-fixtures-data.js';

/** A view (`node ls` + `service ps`, about 0.1 s) every 0.5 s: a change is seen within 0.7 s. */
const VIEW_CYCLE_S = 0.7;
/**
 * DOWN comes 3 heartbeat periods (5 s ± 0.5 s each, drawn per heartbeat) after the last
 * heartbeat, which came less than a period before the cut: after 2 × 4.5 s, by 3 × 5.5 s.
 */
const DOWN_WINDOW = { from: 9, to: 16.5 };
/**
 * After a long cut the agent registers at its next session attempt that gets through: one
 * hanging at the heal connects at its next SYN retransmit (1 or 3 s after it began), or times out
 * up to 2 s after the heal; then a wait drawn below the backoff (8 s by then).
 */
const BACK_WINDOW = { from: 0, to: 10 };
/** A replacement waits the 5 s restart delay, then about 0.5 s to start (busybox, pulled). */
const REPLACEMENT_WINDOW = { from: 5, to: 7 };

const ms = (value: number) => Math.round(value * 1000);
const seconds = (millis: number) => millis / 1000;

/** The first time `hostname` went DOWN at or after `since` (ms), in s after it. */
function downAfter(c: Cluster, hostname: string, since: number): number | undefined {
  const down = eventsOf(c.events, 'node/statusChanged').find(
    (e) => e.nodeId === c.id(hostname) && e.state === 'down' && e.t >= since,
  );
  return down && seconds(down.t - since);
}

/** The first task observed RUNNING after `since` (ms), in s after it. */
function runningAfter(c: Cluster, since: number): number {
  const started = eventsOf(c.events, 'task/stateChanged').find(
    (e) => e.t > since && e.state === 'running',
  );
  if (!started) throw new Error('nothing started');
  return seconds(started.t - since);
}

describe('real swarm: a worker crash (worker-crash)', () => {
  const blocks = polls('worker-crash');
  const killedAt = noteAt('worker-crash', 'killed');
  const restartedAt = noteAt('worker-crash', 'restarted');
  const downAt = firstSeen(blocks, /^worker2 Down/, killedAt);
  const replacedAt = firstSeen(blocks, /^web\.3 (?!worker2)\S+ Running Running/, downAt);
  const lines = blocks.flatMap((b) => b.lines);
  const failed = lines.find((line) => /^web\.3 worker2 Shutdown Failed/.test(line));

  /** The script in swarmsim: 6 replicas, worker2 crashed, booted at the recorded time. */
  const replays = SEEDS.map((seed) => {
    const c = cluster(seed);
    c.docker('docker service create --name web --replicas 6 busybox sleep 1d');
    c.sim.runUntil(30_000);
    const crashAt = c.sim.now;
    const worker2 = c.id('worker2');
    const old = c.tasks('web').filter((t) => t.nodeId === worker2).map((t) => t.id);
    const faultId = c.inject({ kind: 'nodeCrash', nodeId: worker2 });
    c.sim.runUntil(crashAt + ms(restartedAt - killedAt));
    const down = downAfter(c, 'worker2', crashAt);
    const downMs = crashAt + ms(down ?? 0);
    healFault(c.sim.ctx, faultId);
    c.sim.runUntil(c.sim.now + 25_000);
    const errors = old.map((id) => c.sim.state.tasks[id]!.status.err);
    const back = c.tasks('web').filter((t) => t.nodeId === worker2 && !old.includes(t.id));
    return { down, replaced: runningAfter(c, downMs), errors, back: back.length };
  });

  it('recording consistency: Down and the replacement inside swarmkit windows', () => {
    expect(downAt - killedAt).toBeGreaterThan(DOWN_WINDOW.from);
    expect(downAt - killedAt).toBeLessThanOrEqual(DOWN_WINDOW.to + VIEW_CYCLE_S);
    expect(replacedAt - downAt).toBeGreaterThan(REPLACEMENT_WINDOW.from - VIEW_CYCLE_S);
  });

  it('went Down as long after the crash as swarmsim does', () => {
    const recorded = bracket(downAt, killedAt, VIEW_CYCLE_S);
    expectBothWays(recorded, replays.map((r) => r.down ?? Infinity), DOWN_WINDOW, 0);
  });

  it('ran the replacement as long after Down as swarmsim does', () => {
    const diff = replacedAt - downAt;
    const recorded = { from: diff - VIEW_CYCLE_S - 0.2, to: diff + VIEW_CYCLE_S + 0.2 };
    expectBothWays(recorded, replays.map((r) => r.replaced), REPLACEMENT_WINDOW, 0);
  });

  it('reported the old task with the error swarmsim gives it on boot; nothing moved back', () => {
    for (const replay of replays) {
      expect(replay.errors.length).toBeGreaterThan(0);
      for (const err of replay.errors) expect(failed).toContain(`"${err}"`);
      expect(replay.back).toBe(0);
    }
  });
});

describe('real swarm: drain, reactivate, engine restart (drain-reactivate)', () => {
  const recorded = output('drain-reactivate');
  const stoppedAt = noteAt('drain-reactivate', 'worker2 dockerd stopped');
  const startedAt = noteAt('drain-reactivate', 'worker2 dockerd started');
  const lines = polls('drain-reactivate').flatMap((b) => b.lines);
  const LOST = /^web\.\d worker2 Shutdown Failed "No such container: web\.\d\.\w+/;

  const replays = SEEDS.map((seed) => {
    const c = cluster(seed);
    c.docker('docker service create --name web --replicas 6 busybox sleep 1d');
    c.sim.runUntil(30_000);
    const drained = c.runningOn('web').includes('worker1');
    c.docker('docker node update --availability drain worker1');
    c.sim.runUntil(c.sim.now + 8_500);
    c.docker('docker node update --availability active worker1');
    c.sim.runUntil(c.sim.now + 5_000);
    const format = '--format {{.Name}}@{{.Node}}';
    const ps = c.docker(`docker service ps web --filter desired-state=running ${format}`).stdout;
    const worker2 = c.id('worker2');
    const old = c.tasks('web').filter((t) => t.nodeId === worker2 && t.desiredState === 'running');
    c.inject({ kind: 'nodeRestart', nodeId: worker2, downMs: ms(startedAt - stoppedAt) });
    c.sim.runUntil(c.sim.now + 20_000);
    const errors = old.map((t) => [t, c.sim.state.tasks[t.id]!.status.err] as const);
    return { drained, ps, errors, down: downAfter(c, 'worker2', 0) };
  });

  it('moved nothing back to a reactivated node, nor does swarmsim', () => {
    const reactivated = recorded.split('--availability active worker1')[1]!;
    expect(reactivated.split('service update')[0]).not.toMatch(/^web\.\d+ worker1 /m);
    for (const { drained, ps } of replays) {
      expect(drained).toBe(true);
      expect(ps.split('\n').filter(Boolean)).toHaveLength(6);
      expect(ps).toMatch(/^web\.1@/m);
      expect(ps).not.toMatch(/@worker1$/m);
    }
  });

  it('lost the containers of a restarted engine: "No such container: <name>", as swarmsim', () => {
    expect(lines.some((line) => LOST.test(line))).toBe(true);
    expect(lines.some((line) => /^worker2 Down/.test(line))).toBe(false);
    for (const replay of replays) {
      expect(replay.errors.length).toBeGreaterThan(0);
      for (const [task, err] of replay.errors) {
        expect(err).toBe(`No such container: web.${task.slot}.${task.id}`);
        // `service ps` cuts the error at 40 columns, as the recording shows.
        expect(`web.${task.slot} worker2 Shutdown Failed "${err}"`).toMatch(LOST);
      }
      expect(replay.down).toBeUndefined();
    }
  });
});

describe('real swarm: a flapping link (flapping-node)', () => {
  const note = (text: string) => noteAt('flapping-node', text);
  const blocks = polls('flapping-node');
  const longAt = note('worker1 link down for 60 s');
  const downAt = firstSeen(blocks, /^worker1 Down/, longAt);
  const upAt = note('worker1 link up$');
  const readyAt = firstSeen(blocks, /^worker1 Ready/, upAt);
  /** [cut, heal] of each outage, s after the first cut, as recorded. */
  const outages = [1, 2, 3, 4]
    .map((i) => [note(`worker1 link down \\(${i}\\)`), note(`worker1 link up \\(${i}\\)`)])
    .concat([[longAt, upAt]]);

  const replays = SEEDS.map((seed) => {
    const c = cluster(seed);
    c.docker('docker service create --name web --replicas 4 --constraint node.role==worker nginx');
    c.sim.runUntil(30_000);
    const origin = c.sim.now - ms(outages[0]![0]!);
    const others = c.sim.state.nodeIds.filter((id) => id !== c.id('worker1'));
    let longCut = 0;
    for (const [cut, heal] of outages) {
      c.sim.runUntil(origin + ms(cut!));
      longCut = c.sim.now;
      const fault = { kind: 'partition', from: [c.id('worker1')], to: others, oneWay: false };
      const faultId = c.inject(fault as Parameters<Cluster['inject']>[0]);
      c.sim.runUntil(origin + ms(heal!));
      healFault(c.sim.ctx, faultId);
    }
    const healedAt = c.sim.now;
    c.sim.runUntil(healedAt + 20_000);
    const first = downAfter(c, 'worker1', 0);
    const shortDown = first !== undefined && ms(first) < longCut;
    const ready = eventsOf(c.events, 'node/statusChanged').find(
      (e) => e.nodeId === c.id('worker1') && e.state === 'ready' && e.t >= healedAt,
    );
    const back = ready ? seconds(ready.t - healedAt) : Infinity;
    return { shortDown, long: downAfter(c, 'worker1', longCut), back };
  });

  it('never noticed the 6 s outages, nor does swarmsim', () => {
    const before = blocks.filter((b) => b.t < longAt).flatMap((b) => b.lines);
    expect(before.some((line) => /^worker1 Down/.test(line))).toBe(false);
    for (const replay of replays) expect(replay.shortDown).toBe(false);
  });

  it('took the 60 s outage Down as long after the cut as swarmsim does', () => {
    expect(downAt - longAt).toBeLessThanOrEqual(DOWN_WINDOW.to + VIEW_CYCLE_S);
    const recorded = bracket(downAt, longAt, VIEW_CYCLE_S);
    // Each short cut re-phased the heartbeats to a retransmit (or a reconnection) 0-3 s after
    // its heal, which is where the recorded Down falls: no tolerance needed.
    expectBothWays(recorded, replays.map((r) => r.long ?? Infinity), DOWN_WINDOW, 0);
  });

  it('came back Ready as long after the link as swarmsim does', () => {
    const recorded = bracket(readyAt, upAt, VIEW_CYCLE_S);
    expectBothWays(recorded, replays.map((r) => r.back), BACK_WINDOW, 0);
  });
});
