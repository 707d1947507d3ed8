/**
 * `docker ps` COMMAND and PORTS come from the image (src/agent/image-catalogue.ts): the
 * daemon records the entrypoint and CMD as the container's Path and Args, and lists the ports
 * the image exposes. For juaneme8/swarm-hostname (FROM node:10, EXPOSE 3000, CMD node
 * index.js) a real engine shows `"docker-entrypoint.s…"` and `3000/tcp`.
 */
import { describe, expect, it } from 'vitest';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from './docker.js';

const ONE_NODE = [{ hostname: 'manager1', role: 'manager' as const }];

function ps(fx: Fixture, format: string): string[] {
  const out = docker(fx, `ps --format '${format}'`);
  expect(out.exitCode).toBe(0);
  return out.stdout.trim().split('\n');
}

describe('docker ps: command and ports from the image', () => {
  it('shows the course image as a real engine does, published through the routing mesh', () => {
    const fx = fixture(ONE_NODE);
    docker(fx, 'service create -d --name app --publish 3000:3000 juaneme8/swarm-hostname');
    fx.sim.runUntil(20_000);
    const table = docker(fx, 'ps').stdout.split('\n');
    const image = 'juaneme8/swarm-hostname:latest';
    expect(table[1]).toMatch(new RegExp(`^\\w{12} +${image} +"docker-entrypoint\\.s…" `));
    expect(table[1]).toMatch(/ Up \d+ seconds +3000\/tcp +app\.1\.\w{25}$/);
    expect(ps(fx, '{{.Command}}|{{.Ports}}')).toEqual(['"docker-entrypoint.s…"|3000/tcp']);
    const full = docker(fx, "ps --no-trunc --format '{{.Command}}'").stdout;
    expect(full).toBe('"docker-entrypoint.sh node index.js"\n');
  });

  it('service arguments replace CMD but keep the entrypoint; spaced arguments are quoted', () => {
    const fx = fixture(ONE_NODE);
    docker(fx, 'service create -d --name web nginx');
    docker(fx, "service create -d --name sh alpine sh -c 'sleep 1d; echo'");
    docker(fx, 'service create -d --name who --entrypoint /bin/sh traefik/whoami -c x');
    fx.sim.runUntil(20_000);
    const lines = docker(fx, "ps --no-trunc --format '{{.Names}} {{.Command}} {{.Ports}}'")
      .stdout.trim().split('\n').map((line) => line.replace(/\.1\.\w{25}/, '').trimEnd()).sort();
    expect(lines).toEqual([
      'sh "sh -c \'sleep 1d; echo\'"',
      'web "/docker-entrypoint.sh nginx -g \'daemon off;\'" 80/tcp',
      // --entrypoint replaces the image's entrypoint and drops its CMD.
      'who "/bin/sh -c x" 80/tcp',
    ]);
  });

  it('a host-mode binding of an exposed port replaces it; other exposed ports stay', () => {
    const fx = fixture(ONE_NODE);
    docker(fx, 'service create -d --name db --publish mode=host,target=3306,published=3306 mysql');
    fx.sim.runUntil(30_000);
    // As the CLI's DisplayablePorts orders them: by container port, unbound before bound.
    expect(ps(fx, '{{.Ports}}')).toEqual([
      '0.0.0.0:3306->3306/tcp, [::]:3306->3306/tcp, 33060/tcp',
    ]);
    docker(fx, 'service create -d --name web --publish mode=host,target=80,published=8080 nginx');
    docker(fx, 'service create -d --name r --publish mode=host,target=6380,published=6380 redis');
    docker(
      fx,
      'service create -d --name two --publish mode=host,target=81,published=81 ' +
        '--publish mode=host,target=82,published=82 alpine sleep 1d',
    );
    fx.sim.runUntil(60_000);
    expect(ps(fx, '{{.Names}} {{.Ports}}').map((line) => line.replace(/\.1\.\w{25}/, '')).sort())
      .toEqual([
        'db 0.0.0.0:3306->3306/tcp, [::]:3306->3306/tcp, 33060/tcp',
        // 6379 exposed and 6380 bound to itself are consecutive, but not the same address.
        'r 6379/tcp, 0.0.0.0:6380->6380/tcp, [::]:6380->6380/tcp',
        'two 0.0.0.0:81-82->81-82/tcp, [::]:81-82->81-82/tcp',
        'web 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp',
      ]);
  });
});
