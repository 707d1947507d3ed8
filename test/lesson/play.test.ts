import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scratchDir } from '../cli/helpers.js';

const HEAD = `lesson: demo
title: {es: Demostración, en: Demo}
lab: {managers: 1}
steps:
  - run: docker swarm init
`;

/** Writes a lesson file in a scratch directory; returns the directory. */
function lessonDir(text: string): string {
  const dir = scratchDir();
  writeFileSync(join(dir, 'demo.yaml'), text);
  return dir;
}

describe('playing a lesson straight through', () => {
  it('narrates, echoes each command after the prompt, and prints a ✓ per check', async () => {
    const dir = lessonDir(`${HEAD}  - say:
      es: El swarm ya está formado.
      en: The swarm is formed now.
  - run: docker service create -d --name web --replicas 2 nginx
  - run: sleep 10
  - check: [service web has 2/2 running, node manager1 is Leader]
`);
    const result = await cli(['lesson', 'demo.yaml', '--yes', '--lang', 'en'], dir);
    expect(result.stdout).toMatch(/^Demo\n====\n\n/);
    expect(result.stdout).toContain('\nThe swarm is formed now.\n');
    expect(result.stdout).not.toContain('El swarm');
    expect(result.stdout).toContain('[manager1] $ docker swarm init\nSwarm initialized: ');
    expect(result.stdout).toContain('[manager1] $ sleep 10\n');
    expect(result.stdout).toContain(
      '✓ service web has 2/2 running\n✓ node manager1 is Leader\n',
    );
    expect(result.stdout).toMatch(/\n5 checks, 0 failed\n$/);
    expect(result.code).toBe(0);
  });

  it('pastes the swarm\'s own join tokens where a run says <worker-token>', async () => {
    const dir = lessonDir(`lesson: demo
title: {es: Demostración, en: Demo}
lab: {managers: 1, workers: 1, swarm: false}
steps:
  - run: docker swarm init --advertise-addr 192.168.0.11
  - run: sim node worker1
  - run: docker swarm join --token <worker-token> 192.168.0.11:2377
    shows: '^This node joined a swarm as a worker\\.$'
  - check: node worker1 is Ready
`);
    for (const seed of ['1', '2']) {
      const result = await cli(['lesson', 'demo.yaml', '--yes', '--seed', seed], dir);
      const token = /docker swarm join --token (SWMTKN-1-\S+) 192/.exec(result.stdout)![1]!;
      expect(result.stdout).toContain(`[worker1] $ docker swarm join --token ${token} 192.`);
      expect(result.stdout).not.toContain('<worker-token>');
      expect(result.code).toBe(0);
    }
  });

  it('exits 1 with a ✗ line saying what was seen when a check fails', async () => {
    const dir = lessonDir(`${HEAD}  - run: docker service create -d --name web --replicas 2 nginx
  - check: [service web has 3/3 running]
`);
    const result = await cli(['lesson', 'demo.yaml', '--yes'], dir);
    expect(result.stdout).toContain('✗ service web has 3/3 running (saw: service web has 0/2');
    expect(result.stdout).toMatch(/\n3 checks, 1 failed\n$/);
    expect(result.code).toBe(1);
  });

  it('asserts a run: its exit code, a regex it shows and one it hides', async () => {
    const dir = lessonDir(`${HEAD}  - run: docker swarm leave
    shows: ['^Node left']
    hides: ['manager']
`);
    const result = await cli(['lesson', 'demo.yaml', '--yes'], dir);
    expect(result.stderr).toContain('You are attempting to leave the swarm');
    expect(result.stdout).toContain('✗ docker swarm leave: exit code 1, expected 0\n');
    expect(result.stdout).toContain('✗ no line shows /^Node left/\n');
    expect(result.stdout).toMatch(/✗ a line shows \/manager\/ \(saw: Error response from daemon/);
    expect(result.stdout).toMatch(/\n4 checks, 3 failed\n$/);
    expect(result.code).toBe(1);
  });

  it('holds when the expected error comes: exit, shows and hides as written', async () => {
    const dir = lessonDir(`${HEAD}  - run: docker servce ls
    exit: 1
    shows: ['did you mean']
    hides: ['^ID ']
`);
    const result = await cli(['lesson', 'demo.yaml', '--yes'], dir);
    expect(result.stdout).not.toContain('✗');
    expect(result.code).toBe(0);
  });

  it('shows the needs note first, marked, in the chosen language', async () => {
    const dir = lessonDir(`lesson: demo
title: {es: Demostración, en: Demo}
needs: {es: falta el routing mesh, en: the routing mesh is missing}
steps: [{run: docker info}]
`);
    const es = await cli(['lesson', 'demo.yaml', '--yes', '--lang', 'es'], dir);
    expect(es.stdout).toMatch(/^Demostración\n=+\n\nNota: falta el routing mesh\n/);
    const en = await cli(['lesson', 'demo.yaml', '--yes', '--lang', 'en'], dir);
    expect(en.stdout).toMatch(/^Demo\n=+\n\nNote: the routing mesh is missing\n/);
  });

  it('gives virtual files to the commands that read them (stack deploy -c)', async () => {
    const dir = lessonDir(`lesson: demo
title: {es: Demostración, en: Demo}
files:
  stack.yml: |
    version: "3.8"
    services:
      web:
        image: nginx
        deploy: {replicas: 2}
steps:
  - run: docker swarm init
  - run: docker stack deploy -c ./stack.yml demo
    shows: ['^Creating service demo_web$']
  - run: docker stack deploy -c other.yml demo
    exit: 1
    shows: ['other\\.yml: no such file']
  - run: sleep 10
  - check: [service demo_web has 2/2 running]
`);
    const result = await cli(['lesson', 'demo.yaml', '--yes'], dir);
    expect(result.stdout).toContain('✓ service demo_web has 2/2 running\n');
    expect(result.stdout).toMatch(/\n7 checks, 0 failed\n$/);
    expect(result.code).toBe(0);
  });

  it('plays a lesson file given to `swarmsim run` like `lesson --yes`', async () => {
    const dir = lessonDir(`${HEAD}  - check: [node manager1 is Leader]\n`);
    const result = await cli(['run', 'demo.yaml'], dir);
    expect(result.stdout).toContain('✓ node manager1 is Leader\n');
    expect(result.code).toBe(0);
  });

  it('exits 2 with the located problems of a bad lesson file', async () => {
    const dir = lessonDir(`${HEAD}  - check: [service web is fine]\n`);
    const result = await cli(['lesson', 'demo.yaml', '--yes'], dir);
    expect(result.stderr).toMatch(/^demo\.yaml:6:13: unknown expectation 'service web is fine'/);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  });
});
