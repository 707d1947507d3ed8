/**
 * `leaderOnly` pauses a manager component while the swarm has no leader: events and timers that
 * come meanwhile are held, then handed over in order when a leader is elected, before the
 * election itself. A swarm that never modelled leadership (no manager) is never paused.
 */
import { describe, expect, it } from 'vitest';
import { Simulation, type Component } from '../../src/engine/simulation.js';
import { buildNode } from '../../src/model/factory.js';
import { leaderOnly } from '../../src/raft/leader-only.js';

function recorder(seen: string[]): Component {
  return {
    name: 'recorder',
    onEvent(ctx, event) {
      seen.push(`${ctx.now} ${event.type}`);
      if (event.type === 'node/labelsChanged') {
        ctx.at(ctx.now + 1_000, 'tick', (later) => void seen.push(`${later.now} timer`));
      }
    },
  };
}

function setup(seen: string[]): Simulation {
  const sim = new Simulation({ seed: 1, components: [leaderOnly(recorder(seen))] });
  const node = buildNode(
    { id: 'm1', hostname: 'manager1', role: 'manager', addr: '10.0.0.1', leader: true },
    0,
  );
  sim.emit({ type: 'node/joined', node });
  sim.runUntil(0);
  return sim;
}

describe('raft: leaderOnly', () => {
  it('passes events and timers straight through while there is a leader', () => {
    const seen: string[] = [];
    const sim = setup(seen);
    sim.emit({ type: 'node/labelsChanged', nodeId: 'm1', labels: { a: '1' } });
    sim.runUntil(2_000);
    expect(seen).toEqual(['0 node/joined', '0 node/labelsChanged', '1000 timer']);
  });

  it('holds what comes while leaderless and hands it over, in order, at the election', () => {
    const seen: string[] = [];
    const sim = setup(seen);
    sim.emit({ type: 'node/labelsChanged', nodeId: 'm1', labels: { a: '1' } });
    sim.runUntil(500);
    sim.emit({ type: 'raft/leaderLost', nodeId: 'm1', term: 1, reason: 'lost quorum' });
    sim.emit({ type: 'node/labelsChanged', nodeId: 'm1', labels: { a: '2' } });
    sim.runUntil(5_000);
    expect(seen).toEqual(['0 node/joined', '0 node/labelsChanged']);
    sim.emit({ type: 'raft/leaderElected', nodeId: 'm1', term: 2, voterIds: ['m1'] });
    sim.runUntil(5_000);
    expect(seen.slice(2)).toEqual([
      '5000 raft/leaderLost',
      '5000 node/labelsChanged',
      '5000 timer',
      '5000 raft/leaderElected',
    ]);
    sim.runUntil(7_000);
    expect(seen.at(-1)).toBe('6000 timer');
  });
});
