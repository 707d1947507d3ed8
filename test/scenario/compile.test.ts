/**
 * How a scenario runs on the simulation: steps at one instant in file order, on the right node,
 * recorded as events; an expectation at T sees everything that happened at T.
 * The docker command layer is replaced by a recorder, so only the scenario layer is judged.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Component } from '../../src/engine/simulation.js';
import { Simulation } from '../../src/engine/simulation.js';
import type { LoggedEvent } from '../../src/model/events.js';
import { buildNode } from '../../src/model/factory.js';
import { scheduleScenario } from '../../src/scenario/compile.js';
import { parseScenario, ScenarioError } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';

const calls = vi.hoisted(() => [] as { argv: readonly string[]; nodeId: string; at: number }[]);
vi.mock('../../src/dockercli/run.js', () => ({
  runDockerCommand: (ctx: { now: number }, argv: string[], session: { nodeId: string }) => {
    calls.push({ argv, nodeId: session.nodeId, at: ctx.now });
    if (argv.includes('fail')) return { stdout: '', stderr: 'boom\n', exitCode: 3 };
    return { stdout: `${argv.at(-1)}\n`, stderr: '', exitCode: 0 };
  },
}));

/** Drains worker1 one timer later at the same instant, whenever a step mentions `drain`. */
const lateDrainer: Component = {
  name: 'late-drainer',
  onEvent(ctx, event) {
    if (event.type !== 'scenario/stepRan' || !event.command.includes('drain')) return;
    ctx.at(ctx.now, 'drain later', (later) =>
      later.emit({ type: 'node/availabilityChanged', nodeId: 'n1', availability: 'drain' }),
    );
  },
};

function simulate(text: string, untilMs?: number): LoggedEvent[] {
  const scenario = parseScenario(text, 's.yaml');
  const events: LoggedEvent[] = [];
  const observe = (_state: unknown, event: LoggedEvent) => events.push(event);
  const sim = new Simulation({ seed: 1, components: [lateDrainer], observers: [observe] });
  sim.emit({
    type: 'cluster/initialized',
    clusterId: 'c',
    taskHistoryRetentionLimit: 5,
    heartbeatPeriodMs: 5000,
  });
  scenario.nodes.forEach((definition, index) => {
    const ids = { id: `n${index}`, addr: `10.0.0.${index}`, leader: index === 0 };
    const node = buildNode({ ...definition, ...ids }, 0);
    sim.emit({ type: 'node/joined', node });
  });
  scheduleScenario(sim, scenario, untilMs ?? scenario.untilMs);
  sim.runUntil(untilMs ?? scenario.untilMs);
  return events.filter((event) => event.type.startsWith('scenario/'));
}

describe('scheduling a scenario', () => {
  it('runs steps of one instant in file order and records each as scenario/stepRan', () => {
    calls.length = 0;
    const events = simulate(`cluster: 1 manager, 1 worker
steps:
  - {at: 5s, run: docker node ls second}
  - {at: 2s, run: docker service ls first}
  - {at: 5s, run: docker node inspect third, on: worker1}
  - {at: 5s, run: docker service fail, expect-exit: 3}
`);
    expect(calls.map((call) => [call.at, call.argv.join(' '), call.nodeId])).toEqual([
      [2000, 'docker service ls first', 'n0'],
      [5000, 'docker node ls second', 'n0'],
      [5000, 'docker node inspect third', 'n1'],
      [5000, 'docker service fail', 'n0'],
    ]);
    expect(events.at(-1)).toEqual({
      t: 5000,
      type: 'scenario/stepRan',
      source: 's.yaml:6:19',
      command: 'docker service fail',
      stdout: '',
      stderr: 'boom\n',
      exitCode: 3,
      expectedExitCode: 3,
    });
  });

  it('checks an expectation at T after every step and every reaction at T', () => {
    const events = simulate(`cluster: 1 manager, 1 worker
steps:
  - {at: 10s, drain: worker1}
expect:
  - {at: 10s, that: node worker1 is Drain}
  - {at: 9s, that: node worker1 is Active}
`);
    expect(events.map((event) => [event.t, event.type])).toEqual([
      [9000, 'scenario/expectationChecked'],
      [10_000, 'scenario/stepRan'],
      [10_000, 'scenario/expectationChecked'],
    ]);
    expect(events.filter((event) => event.type === 'scenario/expectationChecked')).toMatchObject([
      { source: 's.yaml:6:20', expectation: 'node worker1 is Active', passed: true },
      {
        source: 's.yaml:5:21',
        expectation: 'node worker1 is Drain',
        passed: true,
        actual: 'node worker1 is Ready, Drain',
      },
    ]);
  });

  it('checks expectations without a time at the horizon, in file order', () => {
    const events = simulate(
      'cluster: 1 manager\nuntil: 45s\nexpect:\n' +
        '  - that: node manager1 is Leader\n  - that: node manager1 is Down\n',
    );
    const passed = (event: LoggedEvent) =>
      event.type === 'scenario/expectationChecked' && event.passed;
    expect(events.map((event) => [event.t, passed(event)])).toEqual([
      [45_000, true],
      [45_000, false],
    ]);
  });

  it('moves horizon-timed expectations along with an overridden horizon', () => {
    const text = 'cluster: 1 manager\nexpect:\n  - that: node manager1 is Leader\n';
    const events = simulate(text, 30_000);
    expect(events.map((event) => event.t)).toEqual([30_000]);
  });
});

describe('running a scenario', () => {
  it('refuses a horizon that would cut off a step, naming where it is', () => {
    const text = 'cluster: 1 manager\nsteps:\n  - {at: 1m, run: docker node ls}\n';
    const scenario = parseScenario(text, 's.yaml');
    expect(() => runScenario(scenario, { untilMs: 30_000 })).toThrow(ScenarioError);
    expect(() => runScenario(scenario, { untilMs: 30_000 })).toThrow(
      's.yaml:3:10: step at 1m is after the end of the run (--until 30s); ' +
        'use a time up to 30s or run longer',
    );
  });

  it('builds the swarm the scenario describes and runs it to the horizon', () => {
    const text = 'cluster: 1 manager, 2 workers\nseed: 9\nuntil: 20s\n';
    const scenario = parseScenario(text, 's.yaml');
    const run = runScenario(scenario);
    expect(run.seed).toBe(9);
    expect(run.sim.now).toBe(20_000);
    const hosts = run.sim.state.nodeIds.map((id) => run.sim.state.nodes[id]!.description.hostname);
    expect(hosts).toEqual(['manager1', 'worker1', 'worker2']);
  });
});
