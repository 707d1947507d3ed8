/**
 * `docker stack` against what a real swarm printed (test/fixtures/real-docker/stack-deploy,
 * docker 28.2.2 CLI + Engine 20.10, one node `manager1`): the same compose files deployed on a
 * simulated one-node swarm must print the same lines and produce the same service specs, once
 * IDs, version indexes and times are masked and the parts swarmsim does not model (networks,
 * and how empty fields a stack leaves unset are shown) are set aside.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { realLikeNode, type Fixture } from '../api/fixture.js';
import { parse } from 'shell-quote';

const CASE = join(import.meta.dirname, '..', 'fixtures', 'real-docker', 'stack-deploy');

interface Recorded {
  cmd: string;
  exit: number;
  stdout: string;
  stderr: string;
}

const COMMANDS: Recorded[] = readFileSync(join(CASE, 'commands.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Recorded);

/** The n-th (from 0) recorded run of `cmd`. */
function recorded(cmd: string, nth = 0): Recorded {
  const found = COMMANDS.filter((c) => c.cmd === cmd)[nth];
  if (!found) throw new Error(`no recorded command ${cmd}`);
  return found;
}

function readCase(path: string): string | undefined {
  try {
    return readFileSync(join(CASE, path), 'utf8');
  } catch {
    return undefined;
  }
}


function docker(fx: Fixture, line: string) {
  const words = parse(line).map((word) => {
    if (typeof word !== 'string') throw new Error(`unsupported shell syntax in ${line}`);
    return word;
  });
  const session = { nodeId: fx.node('manager1'), readFile: readCase };
  return runDockerCommand(fx.sim.ctx, ['docker', ...words], session);
}

/** Runs a recorded command and returns both results with IDs masked. */
function replay(fx: Fixture, cmd: string, nth = 0) {
  const real = recorded(cmd, nth);
  const ours = docker(fx, cmd.replace(/^docker /, ''));
  const out = (r: { stdout: string; stderr: string; exitCode?: number; exit?: number }) => ({
    stdout: maskIds(r.stdout),
    stderr: maskIds(r.stderr),
    exit: r.exitCode ?? r.exit,
  });
  return { real: out(real), ours: out(ours) };
}

function maskIds(text: string): string {
  return text.replace(/\b[a-z0-9]{25}\b/g, '<id>').replace(/^[a-z0-9]{12}(?=   )/gm, '<short>');
}

/** docker walks its services in Go map order, so the lines of a deploy are compared as sets. */
function sortedLines(text: string): string[] {
  return text.split('\n').sort();
}

const DEPLOY1 = 'docker stack deploy -c stack.yml --resolve-image never app';
const DEPLOY3 = 'docker stack deploy -c stack-v2.yml --resolve-image never --prune app';
const DEPLOY4 = 'docker stack deploy -c stack-v2.yml -c override.yml --resolve-image never app';

/** The recorded sequence up to the first `stack ls` after deploying (+4.1 s). */
function deployed(): Fixture {
  const fx = realLikeNode();
  const { real, ours } = replay(fx, DEPLOY1);
  expect(sortedLines(ours.stdout)).toEqual(sortedLines(real.stdout));
  expect(ours.stderr).toBe(real.stderr);
  fx.sim.runUntil(4_500);
  return fx;
}

describe('stack deploy, ls, services, ps match the recording', () => {
  it('first deploy: network line, one line per service, the detach notice', () => {
    deployed();
  });

  it('stack ls before and after, table and JSON', () => {
    const fx = realLikeNode();
    const empty = replay(fx, 'docker stack ls');
    expect(empty.ours).toEqual(empty.real);
    docker(fx, DEPLOY1.replace('docker ', ''));
    for (const cmd of ['docker stack ls', "docker stack ls --format '{{json .}}'"]) {
      const { real, ours } = replay(fx, cmd, cmd === 'docker stack ls' ? 1 : 0);
      expect(ours).toEqual(real);
    }
  });

  it('stack services: the service ls table and JSON of the stack', () => {
    const fx = deployed();
    const json = "docker stack services --format '{{json .}}' app";
    for (const cmd of ['docker stack services app', json]) {
      const { real, ours } = replay(fx, cmd);
      // The CLI's row contexts marshal themselves with json.Marshal, which escapes `>` as
      // \u003e; swarmsim's `{{json .}}` does not yet (template/go-json.ts, reported).
      const same = (text: string) =>
        text.replace(/"ID":"[a-z0-9]{12}"/g, '"ID":"<short>"').replaceAll('\\u003e', '>');
      expect(same(ours.stdout)).toBe(same(real.stdout));
    }
  });

  it('stack ps --no-trunc --format json: the same tasks, field by field', () => {
    const fx = deployed();
    const rows = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, string>)
        .map((row) => ({
          ...row,
          ID: '<id>',
          Name: row.Name!.replace(/\.[a-z0-9]{25}$/, '.<node>'),
          // Ages differ: real tasks started ~3 s later (overlay network set-up).
          CurrentState: row.CurrentState!.split(' ')[0],
          // The real engine lists a host-mode port twice (`*:8081->81/udp,*:8081->81/udp`).
          Ports: [...new Set(row.Ports!.split(','))].join(','),
        }));
    const ours = docker(fx, "stack ps --no-trunc --format '{{json .}}' app");
    expect(rows(ours.stdout)).toEqual(rows(readCase('deploy1.stack-ps.jsonl')!));
  });

  it('redeploy: Updating service NAME (id: ID) for each, nothing replaced', () => {
    const fx = deployed();
    const { real, ours } = replay(fx, DEPLOY1, 1);
    expect(sortedLines(ours.stdout)).toEqual(sortedLines(real.stdout));
    expect(ours.stderr).toBe(real.stderr);
  });

  it('redeploy with --prune: Removing service first, then the updates', () => {
    const fx = deployed();
    docker(fx, DEPLOY1.replace('docker ', ''));
    const { real, ours } = replay(fx, DEPLOY3);
    const [realFirst, ...realRest] = real.stdout.split('\n');
    const [ourFirst, ...ourRest] = ours.stdout.split('\n');
    expect(ourFirst).toBe(realFirst);
    expect(ourRest.sort()).toEqual(realRest.sort());
    fx.sim.runUntil(fx.sim.now + 1_300);
    const services = replay(fx, 'docker stack services app', 1);
    expect(services.ours.stdout.split('\n')[0]).toBe(services.real.stdout.split('\n')[0]);
    expect(names(services.ours.stdout)).toEqual(['app_edge', 'app_web']);
  });

  it('stack ps filters, -q counts, stack services -q, stack rm', () => {
    const fx = deployed();
    docker(fx, DEPLOY1.replace('docker ', ''));
    docker(fx, DEPLOY3.replace('docker ', ''));
    fx.sim.runUntil(fx.sim.now + 6_500);
    docker(fx, DEPLOY4.replace('docker ', ''));
    fx.sim.runUntil(fx.sim.now + 40_000);
    const filtered =
      "docker stack ps -f desired-state=running --format '{{.Name}} {{.DesiredState}}' app";
    const byState = replay(fx, filtered);
    expect(byState.ours).toEqual(byState.real);
    const quiet = replay(fx, 'docker stack ps -q app');
    expect(quiet.ours.stdout.split('\n').length).toBe(quiet.real.stdout.split('\n').length);
    const ids = replay(fx, 'docker stack services -q app');
    expect(ids.ours.stdout.split('\n').length).toBe(ids.real.stdout.split('\n').length);
    const rm = replay(fx, 'docker stack rm app');
    expect(rm.ours).toEqual(rm.real);
    const after = replay(fx, 'docker stack ls', 2);
    expect(after.ours).toEqual(after.real);
  });
});

function names(table: string): string[] {
  return table
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(/\s+/)[1]!);
}

/**
 * The parts of `service inspect` swarmsim does not model for stack services: the stack network
 * (TaskTemplate.Networks, its VIP, and the Endpoint spec an attached service gets), and how the
 * stack's unset fields show (`Privileges` sent, `Init` not; empty `Resources`; the PreviousSpec's
 * DNSConfig). Everything else must match.
 */
function comparable(json: string): unknown {
  const masked = json
    .replace(/"(ID|NetworkID|Target)": "[a-z0-9]{25}"/g, '"$1": "<id>"')
    .replace(/"Index": \d+/g, '"Index": 0')
    .replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<time>"');
  const services = JSON.parse(masked) as Record<string, any>[];
  for (const service of services) {
    for (const spec of [service.Spec, service.PreviousSpec].filter(Boolean)) {
      const template = spec.TaskTemplate;
      delete template.Networks;
      delete template.ContainerSpec.Privileges;
      delete template.ContainerSpec.Init;
      if (spec === service.PreviousSpec) delete template.ContainerSpec.DNSConfig;
      for (const side of ['Limits', 'Reservations']) {
        if (Object.keys(template.Resources[side] ?? { x: 1 }).length === 0) {
          delete template.Resources[side];
        }
      }
    }
    service.Endpoint = service.Endpoint.Ports ?? [];
  }
  return services;
}

describe('stack services inspect like the recording', () => {
  it('first deploy: names, labels, env, resources, placement, restart, update configs', () => {
    const fx = deployed();
    const ours = docker(fx, 'service inspect app_web app_worker app_edge');
    expect(comparable(ours.stdout)).toEqual(comparable(readCase('deploy1.service.json')!));
  });

  it('identical redeploy: a new version with PreviousSpec, no update status', () => {
    const fx = deployed();
    docker(fx, DEPLOY1.replace('docker ', ''));
    fx.sim.runUntil(fx.sim.now + 2_000);
    const ours = docker(fx, 'service inspect app_web app_worker app_edge');
    expect(comparable(ours.stdout)).toEqual(comparable(readCase('deploy2.service.json')!));
  });

  it('changed redeploy: the new command, the old spec as PreviousSpec, an update running', () => {
    const fx = deployed();
    docker(fx, DEPLOY1.replace('docker ', ''));
    fx.sim.runUntil(fx.sim.now + 2_200);
    docker(fx, DEPLOY3.replace('docker ', ''));
    fx.sim.runUntil(fx.sim.now + 1_200);
    const ours = docker(fx, 'service inspect app_web app_edge');
    expect(comparable(ours.stdout)).toEqual(comparable(readCase('deploy3.service.json')!));
  });

  it('a second -c file overrides deploy.replicas and keeps the rest', () => {
    const fx = deployed();
    docker(fx, DEPLOY3.replace('docker ', ''));
    fx.sim.runUntil(fx.sim.now + 6_500);
    docker(fx, DEPLOY4.replace('docker ', ''));
    const spec = (json: string) => (comparable(json) as Record<string, any>[])[0]!.Spec;
    const ours = docker(fx, 'service inspect app_web');
    expect(spec(ours.stdout)).toEqual(spec(readCase('deploy4.service.json')!));
  });
});

describe('stack errors match the recording', () => {
  it.each([
    'docker stack deploy -c nosuch.yml app',
    'docker stack deploy app',
    'docker stack deploy -c bad-key.yml --resolve-image never app',
    'docker stack deploy -c bad-root.yml --resolve-image never app',
    'docker stack deploy -c bad-deploy-key.yml --resolve-image never app',
    'docker stack deploy -c bad-type.yml --resolve-image never app',
    'docker stack deploy -c bad-mode.yml --resolve-image never app',
    'docker stack deploy -c no-image.yml --resolve-image never app',
    'docker stack deploy -c global-replicas.yml --resolve-image never app',
    'docker stack deploy -c bad-duration.yml --resolve-image never app',
    'docker stack deploy -c stack.yml --resolve-image foo app',
    "docker stack deploy -c stack.yml --resolve-image never 'bad name'",
    'docker stack ps nosuch',
    'docker stack services nosuch',
    'docker stack rm nosuch',
    'docker stack rm',
    'docker stack ls extra',
  ])('%s', (cmd) => {
    const { real, ours } = replay(realLikeNode(), cmd);
    expect(ours).toEqual(real);
  });

  it('a YAML syntax error is `yaml: line N: ...` (the wording is the yaml library\'s)', () => {
    const cmd = 'docker stack deploy -c bad-yaml.yml --resolve-image never app';
    const { real, ours } = replay(realLikeNode(), cmd);
    expect(ours.exit).toBe(real.exit);
    expect(ours.stderr).toMatch(/^yaml: line \d+: /);
  });

  it('ignored keys: docker\'s `Ignoring unsupported options` before the detach notice', () => {
    const cmd = 'docker stack deploy -c no-version.yml --resolve-image never app';
    const { real, ours } = replay(realLikeNode(), cmd);
    // The real deploy then failed on a network still being removed; swarmsim has no networks.
    const notices = (text: string) => text.split('Since')[0];
    expect(notices(ours.stderr)).toBe(notices(real.stderr));
    expect(ours.stdout).toBe('Creating network app_default\nCreating service app_web\n');
  });

  it('volumes, which docker would create, are refused (networks are not)', () => {
    const out = docker(realLikeNode(), 'stack deploy -c nets.yml --resolve-image never app');
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toMatch(/^swarmsim: docker stack deploy: volumes is not simulated/);
  });
});

describe('stack --help pages as docker 28.2.2 prints them', () => {
  it.each(['deploy', 'ls', 'ps', 'rm', 'services'])('docker stack %s --help', (sub) => {
    const expected = readCase(`help/stack-${sub}.txt`);
    expect(docker(realLikeNode(), `stack ${sub} --help`)).toEqual({
      stdout: expected,
      stderr: '',
      exitCode: 0,
    });
  });
});
