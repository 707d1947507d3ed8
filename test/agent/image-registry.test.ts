/**
 * Images that do not exist: swarmsim's registry holds the catalogued images and those a scenario
 * declares. For any other name the client warns that it cannot pin a digest, and every node's
 * pull fails, so each task is REJECTED "No such image: NAME:latest" (Engine 28: the pull error
 * is only logged, then the create fails) and the restart policy makes another. Image IDs are
 * never pulled: they are taken as present on the node.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogueImage,
  isInRegistry,
  noSuchImageError,
} from '../../src/agent/image-catalogue.js';
import type { LoggedEvent } from '../../src/model/events.js';
import type { Task } from '../../src/model/types.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from '../dockercli/docker.js';

const ONE_NODE = [{ hostname: 'manager1', role: 'manager' as const }];
const IMG = 'sha256:ffb7e347f4363d366cbdbc94b0a540ef7d8a97b6555154e6d572c87754a5b5bc';
const WARNING =
  'image ping:latest could not be accessed on a registry to record\n' +
  'its digest. Each node will access ping:latest independently,\n' +
  'possibly leading to different nodes running different\n' +
  'versions of the image.\n\n';

function tasksOf(fx: Fixture, name: string): Task[] {
  const { state } = fx.sim;
  const service = state.serviceIds.find((id) => state.services[id]!.spec.name === name);
  return (state.tasksByService[service!] ?? []).map((id) => state.tasks[id]!);
}

describe('an image the registry does not hold', () => {
  it('warns on create, and each task is rejected with "No such image", then retried', () => {
    const fx = fixture(ONE_NODE);
    const out = docker(fx, 'service create -d --name pinger ping www.google.com');
    expect(out.exitCode).toBe(0);
    expect(out.stderr).toBe(WARNING);
    fx.sim.runUntil(20_000);
    const tasks = tasksOf(fx, 'pinger');
    expect(tasks[0]!.spec.container.image).toBe('ping:latest');
    // Rejected during PREPARING: the status keeps that state's message.
    expect(tasks[0]!.status).toMatchObject({
      state: 'rejected',
      message: 'preparing',
      err: 'No such image: ping:latest',
    });
    // The restart policy (any, 5 s) keeps making replacements, and each one's pull fails too.
    expect(tasks.length).toBeGreaterThanOrEqual(3);
    expect(tasks.every((task) => task.status.err === 'No such image: ping:latest')).toBe(true);
    expect(fx.events.some((e) => e.type === 'node/imagePulled')).toBe(false);
    expect(fx.events.some((e) => e.type === 'task/stateChanged' && e.state === 'running'))
      .toBe(false);
  });

  it('with --no-resolve-image the client stays silent, but the nodes still reject it', () => {
    const fx = fixture(ONE_NODE);
    const out = docker(fx, 'service create -d --name p --no-resolve-image ping www.google.com');
    expect(out.stderr).toBe('');
    fx.sim.runUntil(5_000);
    expect(tasksOf(fx, 'p')[0]!.status.err).toBe('No such image: ping:latest');
  });

  it('an image ID is not on a registry (warning) but runs: the node has it', () => {
    const fx = fixture(ONE_NODE);
    const out = docker(fx, `service create -d --name byid ${IMG} sleep 1d`);
    expect(out.stderr).toContain(`image ${IMG} could not be accessed on a registry`);
    fx.sim.runUntil(5_000);
    expect(tasksOf(fx, 'byid')[0]!.status.state).toBe('running');
  });

  it('names the image as the engine does: familiar, with latest only when untagged', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(noSuchImageError('docker.io/library/ping')).toBe('No such image: ping:latest');
    expect(noSuchImageError('me/app:2')).toBe('No such image: me/app:2');
    expect(noSuchImageError(`me/app@${digest}`)).toBe(`No such image: me/app@${digest}`);
    expect(noSuchImageError(`me/app:2@${digest}`)).toBe(`No such image: me/app:2@${digest}`);
    expect(noSuchImageError('registry:5000/app')).toBe('No such image: registry:5000/app:latest');
  });
});

describe('the catalogue and declared images', () => {
  it('holds the official images and the course images, whatever the tag or spelling', () => {
    for (const image of [
      'alpine:3.20',
      'docker.io/library/nginx',
      'redis',
      'juaneme8/swarm-hostname',
      'dockersamples/visualizer:stable',
      'traefik/whoami',
    ]) {
      expect(isInRegistry(image), image).toBe(true);
    }
    expect(isInRegistry('ping')).toBe(false);
    expect(isInRegistry('myorg/app:1')).toBe(false);
    expect(isInRegistry('myorg/app:1', ['myorg/app'])).toBe(true);
    expect(catalogueImage('juaneme8/swarm-hostname')?.exposedPorts).toEqual(['3000/tcp']);
  });

  it('a scenario that declares its own image runs it, with no warning', () => {
    const scenario = parseScenario(
      [
        'cluster: 1 manager',
        'images:',
        '  myorg/app: {}',
        'steps:',
        '  - {at: 1s, run: docker service create --name app myorg/app}',
        '  - {at: 1s, run: docker service create --name typo myorg/ap}',
        'expect:',
        '  - {at: 20s, that: service app has 1/1 running}',
        '  - {at: 20s, that: service typo has 0/1 running}',
      ].join('\n'),
      'declared.yaml',
    );
    const events: LoggedEvent[] = [];
    runScenario(scenario, { untilMs: 20_000, observers: [(_s, event) => events.push(event)] });
    const ran = events.flatMap((e) => (e.type === 'scenario/stepRan' ? [e] : []));
    expect(ran[0]!.stderr).toBe('');
    expect(ran[1]!.stderr).toContain('image myorg/ap:latest could not be accessed');
    const checks = events.flatMap((e) => (e.type === 'scenario/expectationChecked' ? [e] : []));
    expect(checks.map((check) => check.passed)).toEqual([true, true]);
  });

  it('every shipped scenario uses images the registry holds', () => {
    const dir = join(import.meta.dirname, '..', '..', 'scenarios');
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.yaml'))) {
      const scenario = parseScenario(readFileSync(join(dir, name), 'utf8'), name);
      const errors: string[] = [];
      runScenario(scenario, {
        observers: [
          (_state, event) => {
            if (event.type === 'task/stateChanged' && event.err.startsWith('No such image')) {
              errors.push(event.err);
            }
          },
        ],
      });
      expect(errors, name).toEqual([]);
    }
  });
});
