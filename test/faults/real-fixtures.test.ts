/**
 * swarmsim against the real multi-node swarm (test/fixtures/real-docker-multinode, Engine 20.10):
 * the timings measured there fall in the windows the simulator produces, and the texts match.
 * The fixtures were polled about every 0.5 s, so each comparison allows that much slack.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_LEADER_MESSAGE } from '../../src/raft/quorum.js';
import { cluster, eventsOf } from './cluster.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'real-docker-multinode');
const NO_LEADER =
  `Error response from daemon: rpc error: code = Unknown desc = ${NO_LEADER_MESSAGE}`;

interface Block {
  t: number;
  lines: string[];
}

/** The polled views of a case: when each changed, and what it showed. */
function polls(name: string): Block[] {
  const blocks: Block[] = [];
  for (const line of readFileSync(join(DIR, name, 'poll.txt'), 'utf8').split('\n')) {
    const header = /^## t=\+([\d.]+)$/.exec(line);
    if (header) blocks.push({ t: Number(header[1]), lines: [] });
    else blocks.at(-1)?.lines.push(line);
  }
  return blocks;
}

/** When the note containing `text` was written, s. */
function noteAt(name: string, text: string): number {
  const output = readFileSync(join(DIR, name, 'output.txt'), 'utf8');
  const match = new RegExp(`^# t=\\+([\\d.]+)s ${text}`, 'm').exec(output);
  if (!match) throw new Error(`no note "${text}" in ${name}`);
  return Number(match[1]);
}

/** When the first view matching `pattern` was seen after `after`, s. */
function firstSeen(blocks: Block[], pattern: RegExp, after = 0): number {
  const block = blocks.find((b) => b.t > after && b.lines.some((line) => pattern.test(line)));
  if (!block) throw new Error(`never saw ${pattern}`);
  return block.t;
}

describe('real swarm: a worker crash', () => {
  const blocks = polls('worker-crash');
  const killedAt = noteAt('worker-crash', 'killed');
  const downAt = firstSeen(blocks, /^worker2 Down/, killedAt);
  const replacedAt = firstSeen(blocks, /^web\.3 (?!worker2)\S+ Running Running/, downAt);

  it('went Down within the 3-heartbeat window swarmsim draws from', () => {
    expect(downAt - killedAt).toBeGreaterThan(9);
    expect(downAt - killedAt).toBeLessThanOrEqual(16.5 + 0.6);
  });

  it('ran the replacement about 5 s after Down, as swarmsim does', () => {
    const c = cluster(3);
    c.docker('docker service create --name web --replicas 6 nginx');
    c.sim.runUntil(30_000);
    c.inject({ kind: 'nodeCrash', nodeId: c.id('worker2') });
    c.sim.runUntil(70_000);
    const down = eventsOf(c.events, 'node/statusChanged').find((e) => e.state === 'down')!;
    const started = eventsOf(c.events, 'task/stateChanged').find(
      (e) => e.t > down.t && e.state === 'running',
    )!;
    const simulated = (started.t - down.t) / 1000;
    expect(Math.abs(simulated - (replacedAt - downAt))).toBeLessThan(1.2);
  });

  it('reported the old task with the error swarmsim gives it on boot', () => {
    const lines = blocks.flatMap((b) => b.lines);
    const failed = lines.find((line) => /^web\.3 worker2 Shutdown Failed/.test(line));
    expect(failed).toContain('"task: non-zero exit (137)"');
  });
});

describe('real swarm: quorum', () => {
  const output = readFileSync(join(DIR, 'quorum-loss', 'output.txt'), 'utf8');

  it('failed calls without a leader with the text swarmsim prints', () => {
    expect(output).toContain(`$ docker service ls\n${NO_LEADER}\n[exit 1]`);
    expect(output).toContain(`$ docker service scale -d web=5\nweb: ${NO_LEADER}\n[exit 1]`);
    expect(output).toContain(`$ docker node update --availability drain worker1\n${NO_LEADER}\n`);
  });

  it('elected a new leader 10-20 s after the leader died', () => {
    const blocks = polls('quorum-loss');
    const killedAt = noteAt('quorum-loss', 'killed');
    const answeredAt = firstSeen(blocks, /^manager3 \S+ Leader/, killedAt);
    // The poll that first answered had waited up to 4 s for the election.
    expect(answeredAt - killedAt).toBeGreaterThanOrEqual(10);
    expect(answeredAt - 4 - killedAt).toBeLessThan(20);
    const after = blocks.find((b) => b.t === answeredAt)!.lines;
    expect(after).toContain('manager1 Unknown Unreachable');
  });

  it('elected a leader on the majority side of a partition within 20 s', () => {
    const blocks = polls('leader-partition');
    const cutAt = noteAt('leader-partition', 'isolate the leader');
    const answeredAt = firstSeen(blocks, /^manager1 Ready Leader/, cutAt);
    expect(answeredAt - 4 - cutAt).toBeLessThan(20);
    expect(blocks.flatMap((b) => b.lines)).toContain(NO_LEADER);
  });
});

describe('real swarm: availability changes and flapping links', () => {
  it('moved nothing back to a reactivated node', () => {
    const output = readFileSync(join(DIR, 'drain-reactivate', 'output.txt'), 'utf8');
    const reactivated = output.split('--availability active worker1')[1]!;
    const afterActive = reactivated.split('service update')[0]!;
    expect(afterActive).not.toMatch(/^web\.\d+ worker1 /m);
  });

  it('lost the containers of a restarted engine: "No such container: <name>"', () => {
    const lines = polls('drain-reactivate').flatMap((b) => b.lines);
    expect(lines.some((line) => /Failed "No such container: web\.\d\.\w+/.test(line))).toBe(true);
  });

  it('never noticed 6 s outages, and took a 60 s one Down within the heartbeat window', () => {
    const blocks = polls('flapping-node');
    const longAt = noteAt('flapping-node', 'worker1 link down for 60 s');
    expect(blocks.filter((b) => b.t < longAt).flatMap((b) => b.lines)).not.toContain(
      'worker1 Down Active ',
    );
    const downAt = firstSeen(blocks, /^worker1 Down/, longAt);
    expect(downAt - longAt).toBeGreaterThan(9);
    expect(downAt - longAt).toBeLessThanOrEqual(16.5 + 0.6);
  });
});

describe('real swarm: a manager leaving with --force', () => {
  const output = readFileSync(join(DIR, 'manager-leave', 'output.txt'), 'utf8');
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
    const realId = /node (\w{25}) is a cluster manager/.exec(output)![1]!;
    const rm = c.docker('docker node rm manager3');
    expect(output).toContain(rm.stderr.replace(id, realId));
    const demote = c.docker('docker node demote manager3');
    expect(output).toContain(`$ docker node demote manager3\n${demote.stdout}`);
    expect(c.docker('docker node rm manager3').stdout).toBe('manager3\n');
  });
});
