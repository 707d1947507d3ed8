/**
 * Image digests: docker pins the digest its registry answers into the spec unless
 * `--no-resolve-image`, adds `:latest` to a bare name either way, warns when it cannot pin,
 * and shows the pinned image without its digest in its tables. The unresolvable cases are
 * compared with a real engine (test/fixtures/real-docker-multinode/image-resolve, a swarm with
 * no registry), the pinned ones with the client's formatters.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveImage, taggedImage } from '../../src/dockercli/image-resolve.js';
import type { Service } from '../../src/model/types.js';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from './docker.js';
import { recordedRun } from './multinode-output.js';

const IMG = 'sha256:ffb7e347f4363d366cbdbc94b0a540ef7d8a97b6555154e6d572c87754a5b5bc';
const ONE_NODE = [{ hostname: 'manager1', role: 'manager' as const }];

/** The digest swarmsim's registry gives a fully qualified tagged reference. */
function digestOf(qualified: string): string {
  return `sha256:${createHash('sha256').update(qualified).digest('hex')}`;
}

function imageOf(fx: Fixture, name: string): string {
  const found = Object.values(fx.sim.state.services).find((s: Service) => s.spec.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found.spec.task.container.image;
}

function ok(fx: Fixture, line: string): string {
  const out = docker(fx, line);
  expect(out.stderr).toBe('');
  expect(out.exitCode).toBe(0);
  return out.stdout;
}

describe('the image docker sends', () => {
  it('pins the digest of the tagged name, adding latest when no tag is given', () => {
    expect(resolveImage('alpine', true)).toMatchObject({
      image: `alpine:latest@${digestOf('docker.io/library/alpine:latest')}`,
      warning: null,
    });
    expect(resolveImage('docker.io/library/nginx:1.25', true).image).toBe(
      `nginx:1.25@${digestOf('docker.io/library/nginx:1.25')}`,
    );
    expect(resolveImage('traefik/whoami', true).image).toBe(
      `traefik/whoami:latest@${digestOf('docker.io/traefik/whoami:latest')}`,
    );
    // Another registry's image is held once declared (a scenario's `images:`).
    expect(resolveImage('localhost:5000/app:v2', true, ['localhost:5000/app']).image).toBe(
      `localhost:5000/app:v2@${digestOf('localhost:5000/app:v2')}`,
    );
  });

  it('keeps a reference that has a digest, and tags only a bare name', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(resolveImage(`nginx@${digest}`, true)).toMatchObject({
      image: `nginx@${digest}`,
      warning: null,
    });
    expect(resolveImage(`nginx:1@${digest}`, true).image).toBe(`nginx:1@${digest}`);
    expect(taggedImage('docker.io/library/busybox')).toBe('busybox:latest');
    expect(taggedImage('library/busybox:1')).toBe('busybox:1');
    expect(taggedImage('Upper/Case')).toBe('Upper/Case');
  });

  it('with --no-resolve-image sends the name tagged, without asking the registry', () => {
    expect(resolveImage('alpine', false)).toEqual({ image: 'alpine:latest', warning: null });
    expect(resolveImage(IMG, false)).toEqual({ image: IMG, warning: null });
  });
});

describe('docker service create and update against the registry', () => {
  it('create records the pinned image; tables drop the digest, inspect keeps it', () => {
    const fx = fixture(ONE_NODE);
    const pinned = `alpine:latest@${digestOf('docker.io/library/alpine:latest')}`;
    ok(fx, 'service create -d --name web alpine sleep 1d');
    expect(imageOf(fx, 'web')).toBe(pinned);
    fx.sim.runUntil(30_000);
    expect(ok(fx, 'service ls --format {{.Image}}')).toBe('alpine:latest\n');
    expect(ok(fx, 'service ps --format {{.Image}} web')).toBe('alpine:latest\n');
    expect(ok(fx, 'service ps --no-trunc --format {{.Image}} web')).toBe(`${pinned}\n`);
    const inspect = '{{.Spec.TaskTemplate.ContainerSpec.Image}}';
    expect(ok(fx, `service inspect --format ${inspect} web`)).toBe(`${pinned}\n`);
    expect(ok(fx, 'service inspect --pretty web')).toContain(`\n Image:\t\t${pinned}\n`);
    expect(ok(fx, 'ps --format {{.Image}}')).toBe('alpine:latest\n');
    expect(ok(fx, 'ps --no-trunc --format {{.Image}}')).toBe(`${pinned}\n`);
  });

  it('update resolves only a new --image; other changes keep the pinned digest', () => {
    const fx = fixture(ONE_NODE);
    ok(fx, 'service create -d --name web nginx:1');
    const first = imageOf(fx, 'web');
    ok(fx, 'service update -d --force web');
    expect(imageOf(fx, 'web')).toBe(first);
    ok(fx, 'service update -d --image nginx:2 web');
    expect(imageOf(fx, 'web')).toBe(`nginx:2@${digestOf('docker.io/library/nginx:2')}`);
    ok(fx, 'service update -d --image nginx --no-resolve-image web');
    expect(imageOf(fx, 'web')).toBe('nginx:latest');
    ok(fx, 'service rollback -d web');
    expect(imageOf(fx, 'web')).toBe(`nginx:2@${digestOf('docker.io/library/nginx:2')}`);
  });

  it('the same registry answer twice changes nothing: no new tasks', () => {
    const fx = fixture(ONE_NODE);
    ok(fx, 'service create -d --name web nginx:1');
    fx.sim.runUntil(30_000);
    const tasksBefore = Object.keys(fx.sim.state.tasks).length;
    ok(fx, 'service update -d --image nginx:1 web');
    fx.sim.runUntil(60_000);
    expect(Object.keys(fx.sim.state.tasks)).toHaveLength(tasksBefore);
  });
});

describe('what a real engine did when it could not pin the digest (image-resolve)', () => {
  const CASE = 'image-resolve';

  it('an image ID is kept, with the client warning before the service ID', () => {
    const fx = fixture(ONE_NODE);
    const create = `service create -d --name byid --stop-grace-period 1s ${IMG} sleep 1d`;
    const recorded = recordedRun(CASE, create);
    const out = docker(fx, create);
    expect(out.exitCode).toBe(recorded.exit);
    // Recorded with stderr before stdout; the service IDs differ.
    const id = /^[a-z0-9]{25}$/m;
    expect(`${out.stderr}${out.stdout}`.replace(id, '<id>')).toBe(
      recorded.output.replace(id, '<id>'),
    );
    expect(imageOf(fx, 'byid')).toBe(IMG);
    const format = 'service inspect --format {{.Spec.TaskTemplate.ContainerSpec.Image}} byid';
    expect(ok(fx, format)).toBe(recordedRun(CASE, format).output);
  });

  it('with --no-resolve-image a bare name gets latest and the familiar form, silently', () => {
    const fx = fixture(ONE_NODE);
    for (const [name, image] of [
      ['untagged', 'swarmsim/busybox'],
      ['library', 'docker.io/library/busybox'],
    ]) {
      const create =
        `service create -d --name ${name} --no-resolve-image --stop-grace-period 1s ` +
        `${image} sleep 1d`;
      const out = docker(fx, create);
      expect(out.stderr).toBe('');
      expect(out.exitCode).toBe(recordedRun(CASE, create).exit);
      const format = `service inspect --format {{.Spec.TaskTemplate.ContainerSpec.Image}} ${name}`;
      expect(ok(fx, format)).toBe(recordedRun(CASE, format).output);
    }
  });

  it('update without --image does not ask the registry; --no-resolve-image keeps the name', () => {
    const fx = fixture(ONE_NODE);
    // swarmsim/busybox is on no registry, there as here: the create warns.
    const create = 'service create -d --name tagged --stop-grace-period 1s swarmsim/busybox:2 ' +
      'sleep 1d';
    const created = docker(fx, create);
    const id = /^[a-z0-9]{25}$/m;
    expect(`${created.stderr}${created.stdout}`.replace(id, '<id>')).toBe(
      recordedRun(CASE, create).output.replace(id, '<id>'),
    );
    for (const line of [
      'service update -d --force tagged',
      'service update -d --image swarmsim/busybox:2 --no-resolve-image tagged',
    ]) {
      const out = docker(fx, line);
      expect(`${out.stderr}${out.stdout}`).toBe(recordedRun(CASE, line).output);
    }
    expect(imageOf(fx, 'tagged')).toBe('swarmsim/busybox:2');
  });

  it('update --image of an image ID warns as create does, then prints the service', () => {
    const fx = fixture(ONE_NODE);
    ok(fx, 'service create -d --name web nginx');
    const out = docker(fx, `service update -d --image ${IMG} web`);
    expect(out.stdout).toBe('web\n');
    expect(out.stderr).toBe(
      `image ${IMG} could not be accessed on a registry to record\n` +
        `its digest. Each node will access ${IMG} independently,\n` +
        'possibly leading to different nodes running different\n' +
        'versions of the image.\n\n',
    );
    expect(imageOf(fx, 'web')).toBe(IMG);
  });

  it('a refused create prints no warning', () => {
    const fx = fixture([...ONE_NODE, { hostname: 'worker1', role: 'worker' }]);
    const out = docker(fx, `service create -d --name web ${IMG}`, 'worker1');
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toMatch(/^Error response from daemon: This node is not a swarm manager/);
  });
});
