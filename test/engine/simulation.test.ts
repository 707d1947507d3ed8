import { describe, expect, it } from 'vitest';
import { LogWriter, MemorySink } from '../../src/engine/log.js';
import { replayLog } from '../../src/engine/replay.js';
import { NoQuiescenceError, Simulation, type Component } from '../../src/engine/simulation.js';
import { newId } from '../../src/engine/ids.js';
import { RandomStreams } from '../../src/engine/rng.js';

const header = { seed: 1, scenarioHash: 'sha256:x', scenario: 'test', swarmsimVersion: '0.0.0' };

describe('Simulation', () => {
  it('runs timers in time order and leaves the clock at the horizon', () => {
    const seen: string[] = [];
    const sim = new Simulation({ seed: 1, components: [] });
    sim.at(30, 'c', (ctx) => seen.push(`c@${ctx.now}`));
    sim.at(10, 'a', (ctx) => seen.push(`a@${ctx.now}`));
    sim.at(10, 'b', (ctx) => seen.push(`b@${ctx.now}`));
    sim.runUntil(20);
    expect(seen).toEqual(['a@10', 'b@10']);
    expect(sim.now).toBe(20);
    sim.runUntil(100);
    expect(seen).toEqual(['a@10', 'b@10', 'c@30']);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulation({ seed: 1, components: [] });
    sim.runUntil(50);
    expect(() => sim.at(10, 'late', () => {})).toThrow(/cannot schedule at 10 ms/);
  });

  it('stops a run whose components react to each other forever within one instant', () => {
    const pingPong: Component = {
      name: 'ping-pong',
      onEvent(ctx, event) {
        if (event.type === 'cluster/initialized') {
          ctx.emit({ ...event, clusterId: `${event.clusterId}x` });
        }
      },
    };
    const sim = new Simulation({ seed: 1, components: [pingPong], eventsPerInstantMax: 100 });
    sim.at(0, 'init', (ctx) =>
      ctx.emit({ type: 'cluster/initialized', clusterId: 'c', taskHistoryRetentionLimit: 5, heartbeatPeriodMs: 5000 }),
    );
    expect(() => sim.runUntil(10)).toThrow(NoQuiescenceError);
  });

  it('writes a log whose replay reproduces the state and verifies its hash', () => {
    const sink = new MemorySink();
    const log = new LogWriter(sink, header);
    const sim = new Simulation({ seed: 1, components: [], log });
    sim.at(5, 'init', (ctx) =>
      ctx.emit({ type: 'cluster/initialized', clusterId: 'c1', taskHistoryRetentionLimit: 5, heartbeatPeriodMs: 5000 }),
    );
    sim.runUntil(10);
    const footer = log.close();
    const replay = replayLog(sink.lines.join('\n') + '\n');
    expect(replay.computedHash).toBe(footer.hash);
    expect(replay.state).toEqual(sim.state);
    expect(replay.state.cluster?.id).toBe('c1');
  });
});

describe('ids and random streams', () => {
  it('makes 25-character base36 ids that depend only on seed and kind', () => {
    const a = new RandomStreams(7);
    const b = new RandomStreams(7);
    newId(b, 'service');
    const id = newId(a, 'task');
    expect(id).toMatch(/^[0-9a-z]{25}$/);
    expect(newId(b, 'task')).toBe(id);
    expect(newId(new RandomStreams(8), 'task')).not.toBe(id);
  });
});
