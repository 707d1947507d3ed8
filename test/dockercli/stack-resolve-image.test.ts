/**
 * The image `docker stack deploy` sends: tagged always, pinned to the registry's digest with
 * `--resolve-image always` (the default) or `changed`, kept as a name with `never`; an image the
 * registry lacks is warned about only when docker updates the service (docker 28 drops the
 * warnings of a create), and its tasks are rejected on the nodes.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tasksOfService } from '../../src/model/state.js';
import type { Service } from '../../src/model/types.js';
import { ShellSession } from '../../src/shell/session.js';

const DETACH_NOTICE =
  'Since --detach=false was not specified, tasks will be created in the background.\n' +
  'In a future release, --detach=false will become the default.\n';

function digestOf(qualified: string): string {
  return `sha256:${createHash('sha256').update(qualified).digest('hex')}`;
}

function stackFile(image: string): string {
  return `services:\n  web:\n    image: ${image}\n    command: sleep 3600\n`;
}

/** A one-manager swarm whose `stack.yml` says `image` until `write` changes it. */
function lab(image: string, images?: string[]) {
  const files: Record<string, string> = { 'stack.yml': stackFile(image) };
  const shell = new ShellSession({
    seed: 1,
    managers: 1,
    workers: 0,
    preformed: true,
    readFile: (path) => files[path],
    ...(images ? { images } : {}),
  });
  expect(shell.execute('docker swarm init').exitCode).toBe(0);
  const web = (): Service => {
    const { services, serviceIds } = shell.simulation.state;
    const id = serviceIds.find((each) => services[each]!.spec.name === 'app_web');
    if (!id) throw new Error('no service app_web');
    return services[id]!;
  };
  return {
    shell,
    web,
    write: (next: string) => void (files['stack.yml'] = stackFile(next)),
    tasks: () => tasksOfService(shell.simulation.state, web().id),
  };
}

describe('docker stack deploy --resolve-image', () => {
  it('pins a catalogued image by default and keeps the written name in the label', () => {
    const { shell, web } = lab('busybox:1.36');
    const out = shell.execute('docker stack deploy -c stack.yml app');
    expect(out).toEqual({
      stdout: 'Creating network app_default\nCreating service app_web\n',
      stderr: DETACH_NOTICE,
      exitCode: 0,
    });
    const pinned = `busybox:1.36@${digestOf('docker.io/library/busybox:1.36')}`;
    expect(web().spec.task.container.image).toBe(pinned);
    expect(web().spec.labels['com.docker.stack.image']).toBe('busybox:1.36');
  });

  it('tags but does not pin with never', () => {
    const { shell, web } = lab('alpine');
    expect(shell.execute('docker stack deploy -c stack.yml --resolve-image never app').exitCode)
      .toBe(0);
    expect(web().spec.task.container.image).toBe('alpine:latest');
  });

  it('pins an image declared with the session, and its tasks run', () => {
    const { shell, web, tasks } = lab('myorg/app', ['myorg/app']);
    const out = shell.execute('docker stack deploy -c stack.yml app');
    expect(out.stderr).toBe(DETACH_NOTICE);
    expect(web().spec.task.container.image)
      .toBe(`myorg/app:latest@${digestOf('docker.io/myorg/app:latest')}`);
    shell.execute('sleep 30');
    expect(tasks().map((task) => task.status.state)).toEqual(['running']);
  });

  it('creates an unknown image silently, rejects its tasks, and warns on the update', () => {
    const { shell, web, tasks } = lab('myorg/app');
    const created = shell.execute('docker stack deploy -c stack.yml app');
    expect(created.stderr).toBe(DETACH_NOTICE);
    expect(web().spec.task.container.image).toBe('myorg/app:latest');
    shell.execute('sleep 10');
    expect(tasks()[0]!.status.state).toBe('rejected');
    expect(tasks()[0]!.status.err).toBe('No such image: myorg/app:latest');
    const updated = shell.execute('docker stack deploy -c stack.yml app');
    expect(updated.stdout).toMatch(/^Updating service app_web \(id: \w+\)\n$/);
    expect(updated.stderr).toBe(
      DETACH_NOTICE +
        'image myorg/app:latest could not be accessed on a registry to record\n' +
        'its digest. Each node will access myorg/app:latest independently,\n' +
        'possibly leading to different nodes running different\n' +
        'versions of the image.\n\n',
    );
  });

  it('never and changed keep the deployed image while the file names the same one', () => {
    const { shell, web, write, tasks } = lab('busybox:1.36');
    shell.execute('docker stack deploy -c stack.yml app');
    shell.execute('sleep 30');
    const pinned = web().spec.task.container.image;
    for (const mode of ['never', 'changed']) {
      const out = shell.execute(`docker stack deploy -c stack.yml --resolve-image ${mode} app`);
      expect(out.exitCode).toBe(0);
      expect(web().spec.task.container.image).toBe(pinned);
    }
    // The spec did not change, so no task was replaced.
    shell.execute('sleep 30');
    expect(tasks().map((task) => task.status.state)).toEqual(['running']);
    write('busybox:1.37');
    shell.execute('docker stack deploy -c stack.yml --resolve-image changed app');
    expect(web().spec.task.container.image)
      .toBe(`busybox:1.37@${digestOf('docker.io/library/busybox:1.37')}`);
    write('busybox:1.38');
    shell.execute('docker stack deploy -c stack.yml --resolve-image never app');
    expect(web().spec.task.container.image).toBe('busybox:1.38');
  });
});
