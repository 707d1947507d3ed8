/**
 * Every class of scenario mistake is reported as `file:line:column: what is wrong; what would be
 * valid`, at the exact spot, as a ScenarioError and nothing else.
 */
import { describe, expect, it, vi } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/scenario/parse.js';

function errorOf(text: string): string {
  try {
    parseScenario(text, 'f.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as Error).message;
  }
  throw new Error('the scenario was accepted');
}

const DURATIONS = 'write a number with a unit ms, s, m or h, e.g. 500ms, 90s, 2m, 1h30m';
const SHORTHAND = "write e.g. '3 managers, 2 workers' or '1 manager'";
const INDENT = 'fields of one mapping start in the same column; nested ones further right';
const ACTIONS = 'actions: run, drain, pause, activate, promote, demote, label-add, label-rm, ' +
  'crash, restart, leave, partition, heal, kill, oom, pull-fail, slow-pull, start-fail';

/** [what, file text, the error line] */
const CASES: [string, string, string][] = [
  [
    'bad YAML indentation',
    'cluster: 1 manager\nsteps:\n  - at: 1s\n   run: docker service ls\n',
    `f.yaml:4:1: bad YAML: sequence item without - indicator; ${INDENT}`,
  ],
  [
    'a tab used as indentation',
    'cluster: 1 manager\nsteps:\n\t- at: 1s\n',
    'f.yaml:3:1: bad YAML: tabs are not allowed as indentation; indent with spaces, not tabs',
  ],
  [
    'a duplicate key',
    'cluster: 1 manager\ncluster: 2 managers\n',
    'f.yaml:2:1: bad YAML: map keys must be unique; each field may appear once in a mapping',
  ],
  [
    'an unknown top-level field, with a suggestion',
    'cluster: 1 manager\nsede: 4\n',
    "f.yaml:2:1: unknown field 'sede' at the top level; did you mean 'seed'? valid fields: " +
      'name, description, seed, until, cluster, images, settings, steps, chaos, expect',
  ],
  [
    'an unknown nested field',
    'cluster:\n  managers: 1\n  nodes:\n    - hostname: worker1\n      colour: red\n',
    "f.yaml:5:7: unknown field 'colour' in cluster.nodes[0]; valid fields: hostname, role, " +
      'cpus, memory, labels, engineLabels, availability, os, arch, engineVersion, ' +
      'genericResources, plugins, paths, csiPlugins',
  ],
  [
    'a comma inside a flow mapping',
    'cluster: 1 manager\nexpect:\n  - {at: 1s, that: service web runs on a, b}\n',
    "f.yaml:3:43: unknown field 'b' in expect[0]; inside { } a comma ends a value: quote text " +
      'that contains commas; valid fields: at, that',
  ],
  [
    'a wrong type',
    'cluster: 1 manager\nseed: abc\n',
    "f.yaml:2:7: seed must be a number, not 'abc'; e.g. seed: 42",
  ],
  [
    'a bad duration',
    'cluster: 1 manager\nsteps:\n  - at: 10x\n    run: docker service ls\n',
    `f.yaml:3:9: bad duration '10x'; ${DURATIONS}`,
  ],
  [
    'a duration without unit',
    'cluster: 1 manager\nuntil: 90\n',
    `f.yaml:2:8: bad duration 90; ${DURATIONS}`,
  ],
  [
    'a negative node count',
    'cluster:\n  managers: 1\n  workers: -1\n',
    'f.yaml:3:12: cluster.workers must be at least 0, not -1; e.g. workers: 2',
  ],
  [
    'a bad memory size',
    'cluster:\n  managers: 1\n  defaults: {memory: lots}\n',
    "f.yaml:3:22: bad memory size 'lots'; write a size like 512MiB, 2GiB or 1.5g " +
      '(binary units, as docker reads them)',
  ],
  [
    'a command that is neither docker nor sim',
    'cluster: 1 manager\nsteps:\n  - at: 1s\n    run: kubectl get pods\n',
    "f.yaml:4:10: unknown command 'kubectl'; a step runs a docker command, e.g. " +
      'run: docker service ls, or a sim command',
  ],
  [
    'an unknown sim command',
    'cluster: 1 manager\nsteps:\n  - run: sim explode worker1\n',
    "f.yaml:3:10: unknown sim command 'explode'; sim commands: crash, heal, kill, leave, oom, partition, pull-fail, restart, slow-pull, start-fail",
  ],
  [
    'a shell pipe',
    'cluster: 1 manager\nsteps:\n  - run: docker service ls | grep web\n',
    "f.yaml:3:10: shell operator '|' is not supported in a step; quote it if it is part of an " +
      'argument, or use one step per command',
  ],
  [
    'an unclosed quote in a command',
    'cluster: 1 manager\nsteps:\n  - run: docker service create --name "web nginx\n',
    `f.yaml:3:10: unclosed double quote in 'docker service create --name "web nginx'; ` +
      'close the quote or quote the whole command',
  ],
  [
    'an unknown expectation',
    'cluster: 1 manager\nexpect:\n  - at: 5s\n    that: node worker1 feels fine\n',
    "f.yaml:4:11: unknown expectation 'node worker1 feels fine'; valid sentences: " +
      'node HOSTNAME is Active|Pause|Drain|Ready|Down|Unknown|Disconnected|Leader|...',
  ],
  [
    'a misspelt task state',
    'cluster: 1 manager\nexpect:\n  - that: task web.1 is Runing\n',
    "f.yaml:3:11: unknown task state 'Runing'; valid: New, Pending, Assigned, Accepted, " +
      'Preparing, Ready, Starting, Running, Complete, Shutdown, Failed, Rejected, Remove, Orphaned',
  ],
  [
    'a cluster without manager',
    'cluster: 2 workers\n',
    `f.yaml:1:10: a swarm needs at least one manager; ${SHORTHAND}`,
  ],
  [
    'an unreadable shorthand',
    'cluster: three managers\n',
    `f.yaml:1:10: cannot read cluster 'three managers'; ${SHORTHAND}`,
  ],
  [
    'a missing cluster',
    'name: x\n',
    `f.yaml:1:1: missing field 'cluster' at the top level; ${SHORTHAND}`,
  ],
  [
    'more listed nodes than the count',
    'cluster:\n  managers: 1\n  nodes:\n    - {hostname: manager1}\n    - {hostname: manager2}\n',
    'f.yaml:2:13: cluster lists 2 managers but managers is 1; managers counts every manager, ' +
      'listed ones included: raise it to 2 or more',
  ],
  [
    'a step after the horizon',
    'cluster: 1 manager\nuntil: 1m\nsteps:\n  - at: 2m\n    run: docker service ls\n',
    'f.yaml:4:9: step at 2m is after the end of the run (until: 1m); ' +
      'use a time up to 1m or run longer',
  ],
  [
    'a step naming an unknown node',
    'cluster: 1 manager, 1 worker\nsteps:\n  - drain: worker2\n',
    "f.yaml:3:12: unknown node 'worker2'; nodes: manager1, worker1",
  ],
  [
    'a step with two actions',
    'cluster: 1 manager, 1 worker\nsteps:\n  - drain: worker1\n    run: docker node ls\n',
    `f.yaml:3:5: a step has one action, not run and drain; ${ACTIONS}`,
  ],
  [
    'an exit code out of range',
    'cluster: 1 manager\nsteps:\n  - {run: docker service ls, expect-exit: 300}\n',
    'f.yaml:3:43: steps[0].expect-exit must be at most 255, not 300; e.g. expect-exit: 1',
  ],
  [
    'an image keyed with its tag',
    'cluster: 1 manager\nimages:\n  alpine:3.19: {pull: 2s}\n',
    "f.yaml:3:3: image 'alpine:3.19' has a tag or digest; key images by name only, e.g. alpine",
  ],
  [
    'a file that is not a mapping',
    '- a\n- b\n',
    'f.yaml:1:1: the scenario must be a mapping, not a list; ' +
      'a scenario is a mapping of fields such as name:, cluster:, steps:',
  ],
  [
    'an alias without anchor',
    'cluster: *nope\n',
    'f.yaml:1:1: unresolved alias (the anchor must be set before the alias): nope; ' +
      'define each &anchor before its *alias',
  ],
];

describe('scenario errors name the file, line and column, what is wrong and what is valid', () => {
  it.each(CASES)('%s', (_name, text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('reports every problem of a file, in file order', () => {
    const message = errorOf('seed: -3\ncluster: 1 manager\nuntil: soon\n');
    expect(message.split('\n')).toEqual([
      'f.yaml:1:7: seed must be at least 0, not -3; e.g. seed: 42',
      `f.yaml:3:8: bad duration 'soon'; ${DURATIONS}`,
    ]);
  });

  it('keeps the structured issues for tools', () => {
    const text = 'cluster: 1 manager\nsteps:\n  - at: 3x\n    run: docker node ls\n';
    try {
      parseScenario(text, 'dir/s.yaml');
    } catch (error) {
      expect((error as ScenarioError).issues).toEqual([
        {
          position: { file: 'dir/s.yaml', line: 3, column: 9 },
          problem: "bad duration '3x'",
          hint: DURATIONS,
        },
      ]);
    }
    expect.assertions(1);
  });

  it('keeps every message line located when a quoted key holds a line break', () => {
    const message = errorOf('cluster: 1 manager\n"see\\nd": 3\n');
    expect(message).toMatch(/^f\.yaml:2:1: unknown field 'see\\nd' at the top level/);
    expect(message.split('\n').every((line) => /^f\.yaml:\d+:\d+: /.test(line))).toBe(true);
  });

  it('answers a mapping used as a key with a located error and nothing on stderr', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    const message = errorOf('cluster: 1 manager\n? {a: 1}\n: 2\n');
    expect(message).toMatch(/^f\.yaml:\d+:\d+: /);
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});

describe('every mistake of a file at once', () => {
  const MANY = [
    'sede: 4',
    'cluster: {managers: 1, workers: 1}',
    'steps:',
    '  - {at: 1s, run: docker service create --name web nginx}',
    '  - {at: 2x, run: docker service ls}',
    '  - {at: 3s, drain: worker9}',
    '  - {at: 4s, run: sim frobnicate}',
    '  - {at: 5s, rnu: docker service ls}',
    '  - {at: 6x, run: sim kill}',
    'expect:',
    '  - {at: 5s, that: service web is big}',
    '  - {at: 5x, that: service web has 1/1 running}',
    '  - {at: 6s, that: task web.1 is Runing}',
    '  - {at: 7s, that: service web has 1/1 running}',
  ].join('\n');

  it('reports schema errors, step checks and sentences together, in file order', () => {
    const lines = errorOf(MANY).split('\n');
    expect(lines.map((line) => line.replace(/^(f\.yaml:\d+:\d+: [^;]*);.*$/, '$1'))).toEqual([
      "f.yaml:1:1: unknown field 'sede' at the top level",
      "f.yaml:5:10: bad duration '2x'",
      "f.yaml:6:21: unknown node 'worker9'",
      "f.yaml:7:19: unknown sim command 'frobnicate'",
      "f.yaml:8:14: unknown field 'rnu' in steps[4]",
      "f.yaml:9:10: bad duration '6x'",
      'f.yaml:9:19: name SERVICE[.SLOT] [EXIT]',
      "f.yaml:11:20: unknown expectation 'service web is big'",
      "f.yaml:12:10: bad duration '5x'",
      "f.yaml:13:20: unknown task state 'Runing'",
    ]);
  });

  it('does not add "a step needs an action" to a step whose action field is misspelt', () => {
    const message = errorOf('cluster: 1 manager\nsteps:\n  - {at: 1s, rnu: docker node ls}\n');
    expect(message).toMatch(/^f\.yaml:3:14: unknown field 'rnu' in steps\[0\]; did you mean/);
    expect(message).not.toContain('needs an action');
  });
});
