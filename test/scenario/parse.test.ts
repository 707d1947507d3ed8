/** A valid scenario loads into simulator units, with defaults filled in and sources recorded. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, DEFAULT_UNTIL_MS, parseScenario } from '../../src/scenario/parse.js';

const FULL = `name: full
description: every field
seed: 7
until: 1h30m
cluster:
  managers: 1
  workers: 2
  defaults: {cpus: 4, memory: 8GiB}
  nodes:
    - {hostname: worker2, cpus: 1, memory: 512MiB, labels: {zone: east, rack: 3}}
images:
  nginx: {pull: 2.5s}
settings:
  taskHistoryLimit: 3
  dispatcherHeartbeat: 10s
steps:
  - at: 10s
    run: docker service create --name web --constraint 'node.labels.zone == east' nginx
  - {at: 20s, drain: worker1, expect-exit: 1}
  - {at: 20s, label-add: {node: worker2, labels: {disk: ssd}}}
  - {at: 30s, label-rm: {node: worker2, labels: [disk, zone]}, on: manager1}
  - run: docker node ls
expect:
  - {at: 40s, that: service   web has 1/1 running}
  - that: node worker1 is Drain
`;

describe('parseScenario on a valid file', () => {
  const scenario = parseScenario(FULL, 'full.yaml');

  it('reads the top-level fields in simulator units', () => {
    expect(scenario).toMatchObject({
      file: 'full.yaml',
      name: 'full',
      description: 'every field',
      seed: 7,
      untilMs: 5_400_000,
      taskHistoryRetentionLimit: 3,
      heartbeatPeriodMs: 10_000,
      pullMsByImage: { nginx: 2500 },
    });
  });

  it('applies node defaults unless a listed node overrides them', () => {
    expect(scenario.nodes).toEqual([
      { hostname: 'manager1', role: 'manager', cpus: 4, memoryBytes: 8 * 1024 ** 3 },
      { hostname: 'worker1', role: 'worker', cpus: 4, memoryBytes: 8 * 1024 ** 3 },
      {
        hostname: 'worker2',
        role: 'worker',
        cpus: 1,
        memoryBytes: 512 * 1024 ** 2,
        labels: { zone: 'east', rack: '3' },
      },
    ]);
  });

  it('splits commands like a shell and turns actions into docker node commands', () => {
    expect(scenario.steps.map((step) => step.argv)).toEqual([
      ['docker', 'service', 'create', '--name', 'web', '--constraint', 'node.labels.zone == east']
        .concat('nginx'),
      ['docker', 'node', 'update', '--availability', 'drain', 'worker1'],
      ['docker', 'node', 'update', '--label-add', 'disk=ssd', 'worker2'],
      ['docker', 'node', 'update', '--label-rm', 'disk', '--label-rm', 'zone', 'worker2'],
      ['docker', 'node', 'ls'],
    ]);
    expect(scenario.steps[1]!.command).toBe('docker node update --availability drain worker1');
  });

  it('records times, exit codes, target nodes and positions of steps', () => {
    expect(scenario.steps.map((step) => [step.atMs, step.expectExit, step.on])).toEqual([
      [10_000, 0, undefined],
      [20_000, 1, undefined],
      [20_000, 0, undefined],
      [30_000, 0, 'manager1'],
      [0, 0, undefined],
    ]);
    expect(scenario.steps[0]!.position).toEqual({ file: 'full.yaml', line: 18, column: 10 });
    expect(scenario.steps[1]!.position).toEqual({ file: 'full.yaml', line: 19, column: 22 });
  });

  it('normalises sentences and checks an expectation without time at the end', () => {
    expect(scenario.expectations.map((item) => [item.atMs, item.sentence])).toEqual([
      [40_000, 'service web has 1/1 running'],
      [null, 'node worker1 is Drain'],
    ]);
    expect(scenario.expectations[1]!.position).toEqual({ file: 'full.yaml', line: 25, column: 11 });
  });

  it('defaults the seed, the horizon and the name', () => {
    const minimal = parseScenario('cluster: 1 manager\n', 'dir/minimal.yaml');
    const defaults = [minimal.seed, minimal.untilMs, minimal.name];
    expect(defaults).toEqual([DEFAULT_SEED, DEFAULT_UNTIL_MS, 'minimal']);
    expect([DEFAULT_SEED, DEFAULT_UNTIL_MS]).toEqual([1, 120_000]);
  });

  it('keeps $VARIABLES and globs literally: a scenario has no environment', () => {
    const text = 'cluster: 1 manager\nsteps:\n  - run: docker service create --env A=$HOME x*\n';
    const scenario = parseScenario(text, 'f.yaml');
    expect(scenario.steps[0]!.argv.slice(-2)).toEqual(['A=$HOME', 'x*']);
  });
});
