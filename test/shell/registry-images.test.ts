/**
 * `swarmsim shell --image NAME`: an image outside swarmsim's catalogue exists in the registry
 * only when declared, as a scenario's `images:` names. Declared, the client pins it and its task
 * runs; undeclared, docker warns and the task is rejected `No such image`. A swarm re-created
 * after `swarm leave` keeps the declared images.
 */
import { describe, expect, it } from 'vitest';
import type { ShellSession } from '../../src/shell/session.js';
import { run, session, shellWithStdin } from './helpers.js';

const CREATE = 'docker service create -d --name app myorg/app';

/** The states and errors of the service's tasks, after time for pulls and retries. */
function appTasks(shell: ShellSession): string {
  run(shell, 'sleep 30');
  return run(shell, "docker service ps app --no-trunc --format '{{.CurrentState}} {{.Error}}'")
    .stdout;
}

describe('shell --image', () => {
  it('makes a declared image run, pinned to its digest', () => {
    const shell = session({ images: ['myorg/app'] });
    run(shell, 'docker swarm init');
    const created = run(shell, CREATE);
    expect(created.stderr).toBe('');
    expect(created.exitCode).toBe(0);
    expect(appTasks(shell)).toMatch(/^Running /);
    const format = "'{{.Spec.TaskTemplate.ContainerSpec.Image}}'";
    const image = run(shell, `docker service inspect app --format ${format}`);
    expect(image.stdout).toMatch(/^myorg\/app:latest@sha256:[0-9a-f]{64}\n$/);
  });

  it('without it, warns and rejects the tasks: No such image', () => {
    const shell = session();
    run(shell, 'docker swarm init');
    const created = run(shell, CREATE);
    expect(created.stderr).toMatch(/^image myorg\/app:latest could not be accessed on a registry/);
    const lines = appTasks(shell).trim().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line).toMatch(/^Rejected .* "No such image: myorg\/app:latest"$/);
    }
  });

  it('keeps the declared images in a swarm re-created after leaving', () => {
    const shell = session({ images: ['myorg/app'] });
    run(shell, 'docker swarm init', 'docker swarm leave --force', 'docker swarm init');
    expect(run(shell, CREATE).stderr).toBe('');
    expect(appTasks(shell)).toMatch(/^Running /);
  });

  it('is a repeatable CLI flag, and refuses a tag', async () => {
    const script = `docker swarm init\n${CREATE}\ndocker service create -d --name web other/web\n` +
      "sleep 30\ndocker service ls --format '{{.Name}} {{.Replicas}}'\n";
    const twice = await shellWithStdin(script, { image: ['myorg/app', 'other/web'] });
    expect(twice.stderr).toBe('');
    expect(twice.stdout).toMatch(/^app 1\/1\nweb 1\/1\n$/m);
    const tagged = await shellWithStdin(script, { image: 'myorg/app:1.0' });
    expect(tagged.code).toBe(2);
    expect(tagged.stderr).toContain('--image myorg/app:1.0: give the name without tag or digest');
  });
});
