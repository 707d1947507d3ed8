/**
 * The course's lesson on images: one built with `docker build` is in the building machine's
 * engine only, so a service's tasks on other nodes are Rejected `No such image`; after
 * `docker push` the registry has it, services pin its digest and every node runs it, with the
 * Dockerfile's CMD and EXPOSE in `docker ps`. `docker images` lists each engine's own images.
 */
import { describe, expect, it } from 'vitest';
import { ShellSession } from '../../src/shell/session.js';
import { run } from './helpers.js';

const FILES: Record<string, string> = {
  Dockerfile: 'FROM alpine\nCOPY index.js .\nEXPOSE 3000\nCMD ["node", "index.js"]\n',
  'index.js': 'console.log("hi")\n',
};

function lab(): ShellSession {
  const readFile = (path: string) => FILES[path.replace(/^\.\//, '')];
  return new ShellSession({ seed: 1, managers: 1, workers: 2, preformed: true, readFile });
}

const TASKS =
  "docker service ps app --no-trunc --format '{{.Name}} {{.Node}} {{.CurrentState}} {{.Error}}'";

describe('docker build and push in a swarm', () => {
  it('runs a built image only on the node that built it', () => {
    const shell = lab();
    expect(run(shell, 'docker build -t myorg/app .').exitCode).toBe(0);
    const created = run(shell, 'docker service create -d --name app --replicas 3 myorg/app');
    expect(created.stderr).toMatch(/^image myorg\/app:latest could not be accessed on a registry/);
    const rows = run(shell, 'sleep 3', TASKS).stdout.trim().split('\n');
    expect(rows).toContainEqual(expect.stringMatching(/^app\.1 manager1 Running /));
    for (const worker of ['worker1', 'worker2']) {
      expect(rows).toContainEqual(
        expect.stringMatching(
          new RegExp(`^app\\.\\d ${worker} Rejected .* "?No such image: myorg/app:latest"?$`),
        ),
      );
    }
  });

  it('runs it everywhere once pushed, pinned to the pushed digest', () => {
    const shell = lab();
    run(shell, 'docker build -t myorg/app .');
    const pushed = run(shell, 'docker push myorg/app');
    expect(pushed.exitCode).toBe(0);
    const lines = pushed.stdout.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Using default tag: latest',
      'The push refers to repository [docker.io/myorg/app]',
    ]);
    expect(lines).toContainEqual(expect.stringMatching(/^[0-9a-f]{12}: Pushed$/));
    const digest = /^latest: digest: (sha256:[0-9a-f]{64}) size: \d+$/.exec(lines.at(-1)!)![1];
    const created = run(shell, 'docker service create -d --name app --replicas 3 myorg/app');
    expect(created.stderr).toBe('');
    const format = "'{{.Spec.TaskTemplate.ContainerSpec.Image}}'";
    expect(run(shell, `docker service inspect app --format ${format}`).stdout).toBe(
      `myorg/app:latest@${digest}\n`,
    );
    const rows = run(shell, 'sleep 10', TASKS).stdout.trim().split('\n');
    expect(rows.map((row) => row.split(' ').slice(1, 3).join(' ')).sort()).toEqual([
      'manager1 Running',
      'worker1 Running',
      'worker2 Running',
    ]);
    const ps = run(shell, 'sim node worker1', "docker ps --format '{{.Command}} {{.Ports}}'");
    expect(ps.stdout).toBe('"node index.js" 3000/tcp\n');
  });

  it("lists each engine's images, and refuses to push a tag it does not have", () => {
    const shell = lab();
    run(shell, 'docker build -t myorg/app .');
    const images = run(shell, 'docker images').stdout.split('\n');
    expect(images[0]).toMatch(/^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE$/);
    expect(images[1]).toMatch(/^myorg\/app +latest +[0-9a-f]{12} +Less than a second ago +\S+$/);
    expect(images[2]).toMatch(/^alpine +latest +[0-9a-f]{12} +2 weeks ago +7\.8MB$/);
    expect(run(shell, 'sim node worker1', 'docker image ls').stdout).toMatch(/^REPOSITORY.*\n$/);
    expect(run(shell, 'docker push myorg/app')).toEqual({
      stdout: 'Using default tag: latest\nThe push refers to repository [docker.io/myorg/app]\n',
      stderr: 'An image does not exist locally with the tag: myorg/app\n',
      exitCode: 1,
    });
  });
});
