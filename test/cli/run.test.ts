/** `swarmsim run`: exit codes, the summary's shape, and the all-or-nothing log file. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scratchDir } from './helpers.js';

/** No docker command runs, so the outcome depends only on the scenario layer and the cluster. */
const PASSING = `name: nodes only
until: 30s
cluster:
  managers: 1
  workers: 2
  nodes: [{hostname: worker2, cpus: 4, memory: 4GiB}]
expect:
  - {at: 10s, that: node manager1 is Leader}
  - that: node worker1 is Active
  - that: service web does not exist
`;

const FAILING = `cluster: 1 manager
until: 30s
steps:
  - {at: 5s, run: docker servce ls}
expect:
  - {at: 10s, that: node manager1 is Down}
  - that: node manager1 is Ready
`;

const DURATIONS = 'write a number with a unit ms, s, m or h, e.g. 500ms, 90s, 2m, 1h30m';

function write(dir: string, name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe('swarmsim run', () => {
  it('exits 0 and prints cluster, services, pending tasks and met expectations', async () => {
    const dir = scratchDir();
    const { code, stdout, stderr } = await cli(['run', write(dir, 'ok.yaml', PASSING)], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^ok\.yaml: seed 1, until 30s, \d+ events, sha256:[0-9a-f]{12}$/);
    expect(stdout).toContain(
      [
        'Cluster',
        '  HOSTNAME   ROLE      STATUS   AVAILABILITY   MANAGER STATUS   CPUS   MEMORY',
        '  manager1   manager   Ready    Active         Leader           2      1.944GiB',
        '  worker1    worker    Ready    Active                          2      1.944GiB',
        '  worker2    worker    Ready    Active                          4      4GiB',
      ].join('\n'),
    );
    expect(stdout).toContain(
      'Services\n  (none)\n\nPending tasks\n  (none)\n\nSteps\n  (none)\n',
    );
    expect(stdout).toContain('  10s    ok  node manager1 is Leader  (ok.yaml:8:21)\n');
    expect(stdout).toContain('  30s    ok  service web does not exist  (ok.yaml:10:11)\n');
    expect(lines.at(-2)).toBe('PASSED: 0/0 steps ok, 3/3 expectations met');
  });

  it('exits 1 when a step or expectation fails, showing what was seen', async () => {
    const dir = scratchDir();
    const args = ['run', write(dir, 'bad.yaml', FAILING), '--seed', '4'];
    const { code, stdout } = await cli(args, dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      / {2}5s {5}FAIL \(exit \d+, expected 0\) {2}docker servce ls {2}\(bad\.yaml:4:19\)\n/,
    );
    expect(stdout).toContain(
      '  10s    FAIL  node manager1 is Down  (bad.yaml:6:21)\n' +
        '         but node manager1 is Ready, Active, Leader\n',
    );
    expect(stdout).toContain('  30s    ok  node manager1 is Ready  (bad.yaml:7:11)\n');
    expect(stdout).toContain(
      'FAILED: 0/1 steps ok, 1/2 expectations met\nreproduce: swarmsim run bad.yaml --seed 4\n',
    );
  });

  it('exits 2 on an invalid scenario, printing only located errors and no log', async () => {
    const dir = scratchDir();
    const text = 'cluster: 1 manager\nsteps:\n  - {at: soon, run: docker node ls}\n';
    const file = write(dir, 'invalid.yaml', text);
    const { code, stdout, stderr } = await cli(['run', file, '--out', 'run.ndjson'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`invalid.yaml:3:10: bad duration 'soon'; ${DURATIONS}\n`);
    expect(readdirSync(dir)).toEqual(['invalid.yaml']);
  });

  it('exits 2 when --until would cut off a step, and leaves no log behind', async () => {
    const dir = scratchDir();
    const text = 'cluster: 1 manager\nsteps:\n  - {at: 1m, run: docker node ls}\n';
    const file = write(dir, 'late.yaml', text);
    const { code, stderr } = await cli(['run', file, '--until', '30s', '--out', 'run.ndjson'], dir);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'late.yaml:3:10: step at 1m is after the end of the run (--until 30s); ' +
        'use a time up to 30s or run longer\n',
    );
    expect(readdirSync(dir)).toEqual(['late.yaml']);
  });

  it('writes the NDJSON log with --out: header, events, footer', async () => {
    const dir = scratchDir();
    const args = ['run', write(dir, 'ok.yaml', PASSING), '--out', 'run.ndjson', '--seed', '12'];
    const { code, stdout } = await cli(args, dir);
    expect(code).toBe(0);
    expect(stdout).toContain('log: run.ndjson (swarmsim replay run.ndjson)\n');
    const lines = readFileSync(join(dir, 'run.ndjson'), 'utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ kind: 'header', seed: 12, scenario: 'ok.yaml' });
    expect(header.scenarioHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ kind: 'footer', events: lines.length - 2 });
    const checks = lines.filter((line) => line.includes('"scenario/expectationChecked"'));
    expect(checks).toHaveLength(3);
  });

  it('adds an availability table after faults: time short, time with nothing, each recovery', async () => {
    const { code, stdout } = await cli(['run', 'scenarios/faults/worker-crash.yaml']);
    expect(code).toBe(0);
    // worker2's replica is replaced once worker2 is Down (~15 s) plus the 5 s restart delay.
    const row = /\nAvailability\n +SERVICE +SHORT OF REPLICAS +NOTHING RUNNING +RECOVERY AFTER EACH FAULT\n +web +(\S+) +0s +(fault-\d+) nodeCrash (\S+)\n/
      .exec(stdout);
    expect(row).not.toBeNull();
    expect(row![1]).toBe(row![3]);
    const recoveredSeconds = Number(row![3]!.replace(/s$/, ''));
    expect(recoveredSeconds).toBeGreaterThan(15);
    expect(recoveredSeconds).toBeLessThan(25);
    const calm = await cli(['run', 'scenarios/default.yaml']);
    expect(calm.stdout).not.toContain('\nAvailability\n');
  });

  it('prints desired and running over time with --timeline, the crash counted at once', async () => {
    const dir = scratchDir();
    const out = join(dir, 'w.ndjson');
    const run = await cli(['run', 'scenarios/faults/worker-crash.yaml', '--timeline', '--out', out]);
    expect(run.code).toBe(0);
    const start = run.stdout.indexOf('\nAvailability over time\n');
    const timeline = run.stdout.slice(start, run.stdout.indexOf('log: ', start));
    expect(timeline).toMatch(/^\nAvailability over time\n +AT +SERVICE +DESIRED +RUNNING\n/);
    // worker2 crashes at 30 s: its replica stops counting then, not when the manager notices.
    expect(timeline).toMatch(/\n +30s +web +6 +5\n/);
    expect(timeline).toMatch(/\n +\S+ +web +6 +6\n$/);
    const replay = await cli(['replay', out, '--timeline']);
    expect(replay.stdout).toContain(timeline.trimEnd());
  });

  it('runs with --check (invariants after every event)', async () => {
    const dir = scratchDir();
    const { code } = await cli(['run', write(dir, 'ok.yaml', PASSING), '--check'], dir);
    expect(code).toBe(0);
  });

  it('exits 2 with one line on a missing file or bad flag values', async () => {
    const dir = scratchDir();
    const missing = await cli(['run', 'nope.yaml'], dir);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      'swarmsim: cannot read nope.yaml: no such file or directory\n',
    ]);
    const seed = await cli(['run', 'nope.yaml', '--seed', 'abc'], dir);
    expect([seed.code, seed.stderr]).toEqual([
      2,
      "swarmsim: --seed must be a whole number from 0 to 4294967295, not 'abc'\n",
    ]);
    const until = await cli(['run', 'nope.yaml', '--until', '5'], dir);
    expect([until.code, until.stderr]).toEqual([
      2,
      `swarmsim: --until: bad duration '5'; ${DURATIONS}\n`,
    ]);
    const ok = write(dir, 'ok.yaml', PASSING);
    const out = await cli(['run', ok, '--out', 'no/such/dir/run.ndjson'], dir);
    expect([out.code, out.stderr]).toEqual([
      2,
      'swarmsim: cannot write no/such/dir/run.ndjson: no such file or directory\n',
    ]);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});
