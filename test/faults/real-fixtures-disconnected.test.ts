/**
 * The DISCONNECTED node status. swarmkit's dispatcher would write it ("node is currently trying
 * to find new manager") when it ends an agent's session because the dispatcher itself stops,
 * i.e. when its manager stops leading; but by then the dispatcher refuses its own write
 * ("dispatcher is stopped"), and nothing else ends a session that way. So Engine 20.10 never
 * shows it: the recordings where leaders crashed, stepped down or were cut off show Unknown,
 * Down and Ready only, and swarmsim replaying them does the same. A node that did carry it (an
 * older store) is shown as docker shows it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fault } from '../../src/model/world.js';
import { cluster, eventsOf, type Cluster } from './cluster.js';
import { SEEDS } from './real-fixtures-data.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'real-docker-multinode');

/** The STATUS words of every node line the recordings printed (`node ls`, table or polled). */
function recordedStatuses(): Set<string> {
  const seen = new Set<string>();
  for (const name of readdirSync(DIR)) {
    for (const file of ['output.txt', 'poll.txt']) {
      let text = '';
      try {
        text = readFileSync(join(DIR, name, file), 'utf8');
      } catch {
        continue;
      }
      const rows = text.matchAll(/^(?:\w{25} (?:\* )? *)?(?:manager|worker)\d\s+(\w+)/gm);
      for (const row of rows) seen.add(row[1]!);
    }
  }
  return seen;
}

/** Faults that end every agent's session with the leader, as the recordings did. */
const SESSION_ENDS: Record<string, (c: Cluster, leader: string) => Fault> = {
  'the leader crashes': (_c, leader) => ({ kind: 'nodeCrash', nodeId: leader }),
  'the leader is cut off and steps down': (c, leader) => ({
    kind: 'partition',
    from: [leader],
    to: c.sim.state.nodeIds.filter((id) => id !== leader),
    oneWay: false,
  }),
  "the leader's engine restarts": (_c, leader) => ({
    kind: 'nodeRestart',
    nodeId: leader,
    downMs: 4_000,
  }),
  "a worker's engine restarts": (c) => ({
    kind: 'nodeRestart',
    nodeId: c.id('worker2'),
    downMs: 4_000,
  }),
};

describe('the DISCONNECTED node status', () => {
  it('never appears in the real recordings, where Unknown, Down and Ready do', () => {
    const seen = recordedStatuses();
    for (const status of ['Ready', 'Down', 'Unknown']) expect(seen).toContain(status);
    expect(seen).not.toContain('Disconnected');
  });

  for (const [what, fault] of Object.entries(SESSION_ENDS)) {
    it(`is never written by swarmsim when ${what}`, () => {
      for (const seed of SEEDS.slice(0, 5)) {
        const c = cluster(seed);
        c.docker('docker service create --name web --replicas 6 busybox sleep 1d');
        c.sim.runUntil(10_000);
        c.inject(fault(c, c.sim.state.world.raft.leaderId!));
        c.sim.runUntil(60_000);
        const states = eventsOf(c.events, 'node/statusChanged').map((e) => e.state);
        expect(states.length).toBeGreaterThan(0);
        expect(states).not.toContain('disconnected');
      }
    });
  }

  it('is shown as docker shows it on a node that carries it', () => {
    const c = cluster(1);
    c.sim.runUntil(10_000);
    const message = 'node is currently trying to find new manager';
    const nodeId = c.id('worker1');
    c.sim.ctx.emit({ type: 'node/statusChanged', nodeId, state: 'disconnected', message });
    c.sim.runUntil(c.sim.now);
    const ls = c.docker('docker node ls --format {{.Hostname}}:{{.Status}}').stdout;
    expect(ls).toContain('worker1:Disconnected\n');
    const format = '{{.Status.State}}/{{.Status.Message}}';
    const inspect = c.docker(`docker node inspect --format ${format} worker1`).stdout;
    expect(inspect).toBe(`disconnected/${message}\n`);
  });
});
