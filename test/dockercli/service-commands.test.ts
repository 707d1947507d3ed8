/**
 * `docker service create/update/scale/rm/rollback` against a simulated swarm: what they print
 * (texts checked against the docker 28.2.2 client where the client produces them) and what they
 * record.
 */
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import type { Service } from '../../src/model/types.js';
import { eventTypes, fixture, type Fixture } from '../api/fixture.js';
import { docker } from './docker.js';

function service(fx: Fixture, name: string): Service {
  const found = Object.values(fx.sim.state.services).find((s) => s.spec.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

describe('docker service create', () => {
  it('prints the full service ID and records the spec the flags describe', () => {
    const fx = fixture();
    const out = docker(
      fx,
      'service create --name web --replicas 3 -p 8080:80 -e A=1 -e B=2 -e A=3 -l tier=front ' +
        '--constraint node.role==worker --placement-pref spread=node.labels.zone ' +
        '--reserve-cpu 0.5 --reserve-memory 512m --limit-memory 1G ' +
        '--restart-condition on-failure --restart-delay 1m30s --restart-max-attempts 3 ' +
        '--update-parallelism 2 --update-delay 10s ' +
        '--stop-grace-period 2s --entrypoint /bin/sh nginx:1.25 -c sleep',
    );
    const web = service(fx, 'web');
    expect(out).toEqual({ stdout: `${web.id}\n`, stderr: '', exitCode: 0 });
    expect(eventTypes(fx)).toEqual(['service/created']);
    expect(web.spec.mode).toEqual({ replicated: { replicas: 3 } });
    expect(web.spec.labels).toEqual({ tier: 'front' });
    expect(web.spec.task.container).toMatchObject({
      // Pinned to the digest the (simulated) registry answers: image-digest.test.ts.
      image: expect.stringMatching(/^nginx:1\.25@sha256:[0-9a-f]{64}$/),
      command: ['/bin/sh'],
      args: ['-c', 'sleep'],
      env: ['B=2', 'A=3'],
      stopGracePeriodMs: 2000,
    });
    expect(web.spec.task.resources).toEqual({
      limits: { nanoCPUs: 0, memoryBytes: 1024 ** 3 },
      reservations: { nanoCPUs: 5e8, memoryBytes: 512 * 1024 ** 2 },
    });
    expect(web.spec.task.restart).toEqual({
      condition: 'on-failure',
      delayMs: 90_000,
      maxAttempts: 3,
      windowMs: 0,
    });
    expect(web.spec.task.placement).toMatchObject({
      constraints: ['node.role==worker'],
      preferences: [{ spread: 'node.labels.zone' }],
    });
    // One --update-* flag fills the rest of the update config from the defaults.
    expect(web.spec.update).toEqual({
      parallelism: 2,
      delayMs: 10_000,
      failureAction: 'pause',
      monitorMs: 5000,
      maxFailureRatio: 0,
      order: 'stop-first',
    });
    expect(web.spec.rollback).toBeNull();
    expect(web.endpointPorts).toEqual([
      { name: '', protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress' },
    ]);
  });

  it('defaults to one replica and a random name', () => {
    const fx = fixture();
    expect(docker(fx, 'service create -d nginx').exitCode).toBe(0);
    const [created] = Object.values(fx.sim.state.services);
    expect(created?.spec.mode).toEqual({ replicated: { replicas: 1 } });
    expect(created?.spec.name).toMatch(/^[a-z]+_[a-z]+$/);
  });

  it('creates a global service', () => {
    const fx = fixture();
    docker(fx, 'service create --mode global --name agent busybox');
    expect(service(fx, 'agent').spec.mode).toEqual({ global: {} });
  });

  it('prints client-side errors plainly with exit 1', () => {
    const fx = fixture();
    expect(docker(fx, 'service create --mode global --replicas 2 nginx')).toEqual({
      stdout: '',
      stderr: 'replicas can only be used with replicated or replicated-job mode\n',
      exitCode: 1,
    });
    expect(docker(fx, 'service create --mode foo nginx').stderr).toBe(
      'unknown mode: foo, only replicated and global supported\n',
    );
    expect(fx.events).toEqual([]);
  });

  it('prints swarmkit refusals as rpc errors from the daemon', () => {
    const fx = fixture();
    docker(fx, 'service create --name web -p 80:80 nginx');
    const web = service(fx, 'web');
    expect(docker(fx, 'service create -p 80:80 nginx')).toEqual({
      stdout: '',
      stderr:
        'Error response from daemon: rpc error: code = InvalidArgument desc = port \'80\' is ' +
        `already in use by service 'web' (${web.id}) as an ingress port\n`,
      exitCode: 1,
    });
    expect(docker(fx, 'service create --name web nginx').stderr).toBe(
      'Error response from daemon: rpc error: code = AlreadyExists desc = name conflicts with ' +
        'an existing object: service web already exists\n',
    );
    expect(docker(fx, 'service create --reserve-cpu 0.0005 nginx').stderr).toBe(
      'Error response from daemon: rpc error: code = InvalidArgument desc = invalid cpu value ' +
        '0.0005: Must be at least 0.001\n',
    );
  });

  it("prints dockerd's own conversion errors without the rpc wrapper", () => {
    const fx = fixture();
    expect(docker(fx, 'service create --restart-condition sometimes nginx').stderr).toBe(
      'Error response from daemon: invalid RestartCondition: "sometimes"\n',
    );
    expect(docker(fx, 'service create --update-order sideways nginx').stderr).toBe(
      'Error response from daemon: unrecognized update order sideways\n',
    );
    expect(docker(fx, 'service create --endpoint-mode lb nginx').stderr).toBe(
      'Error response from daemon: invalid resolution mode: "lb"\n',
    );
  });

  it('treats the words after the image as the command, flags included', () => {
    const fx = fixture();
    docker(fx, 'service create --name s busybox ping -c 3 --name x localhost');
    const args = service(fx, 's').spec.task.container.args;
    expect(args).toEqual(['ping', '-c', '3', '--name', 'x', 'localhost']);
  });

  it('refuses flags swarmsim does not simulate, by name', () => {
    const fx = fixture();
    const line = 'service create --network overlay1 --secret s1 nginx';
    expect(docker(fx, line)).toEqual({
      stdout: '',
      stderr: "swarmsim: docker service create: --secret not simulated yet\n",
      exitCode: 1,
    });
  });

  it('refuses cluster commands on a worker, as the engine does', () => {
    const fx = fixture();
    expect(docker(fx, 'service create nginx', 'worker1').stderr).toBe(
      "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used " +
        'to view or modify cluster state. Please run this command on a manager node or promote ' +
        'the current node to a manager.\n',
    );
  });
});

describe('docker service update', () => {
  function withWeb(): Fixture {
    const fx = fixture();
    docker(
      fx,
      'service create --name web -e A=1 -e B=2 -l keep=1 -l drop=1 ' +
        '--constraint node.role==worker -p 8080:80 nginx:1',
    );
    fx.events.length = 0;
    return fx;
  }

  it('prints the service as typed and records one update', () => {
    const fx = withWeb();
    const versionBefore = service(fx, 'web').specVersion;
    expect(docker(fx, 'service update --image nginx:2 WEB')).toEqual({
      stdout: 'WEB\n',
      stderr: '',
      exitCode: 0,
    });
    expect(eventTypes(fx)).toEqual(['service/updated']);
    const after = service(fx, 'web');
    expect(after.spec.task.container.image).toMatch(/^nginx:2@sha256:[0-9a-f]{64}$/);
    expect(after.previousSpecVersion).toBe(versionBefore);
  });

  it('applies the add/rm flags like docker', () => {
    const fx = withWeb();
    docker(
      fx,
      'service update --env-rm A --env-add B=3 --env-add C=4 --label-rm drop --label-add new=1 ' +
        '--constraint-add node.labels.zone==a --constraint-rm node.role==worker ' +
        '--publish-rm 80 --publish-add 9090:90 --replicas 4 --replicas-max-per-node 2 ' +
        '--args "sleep 5" --force web',
    );
    const spec = service(fx, 'web').spec;
    expect(spec.task.container.env).toEqual(['B=3', 'C=4']);
    expect(spec.labels).toEqual({ keep: '1', new: '1' });
    expect(spec.task.placement.constraints).toEqual(['node.labels.zone==a']);
    expect(spec.endpoint.ports.map((p) => [p.publishedPort, p.targetPort])).toEqual([[9090, 90]]);
    expect(spec.mode).toEqual({ replicated: { replicas: 4 } });
    expect(spec.task.placement.maxReplicas).toBe(2);
    expect(spec.task.forceUpdate).toBe(1);
  });

  it('fills a missing update config from the defaults and maps a zero monitor to 5 s', () => {
    const fx = withWeb();
    docker(fx, 'service update --update-order start-first --update-monitor 0s web');
    expect(service(fx, 'web').spec.update).toMatchObject({ order: 'start-first', monitorMs: 5000 });
  });

  it('rolls back with --rollback, alone', () => {
    const fx = withWeb();
    docker(fx, 'service update --image nginx:2 web');
    expect(docker(fx, 'service update --rollback --image nginx:3 web').stderr).toBe(
      'other flags may not be combined with --rollback\n',
    );
    expect(docker(fx, 'service update --rollback -d web').exitCode).toBe(0);
    const web = service(fx, 'web');
    expect(web.spec.task.container.image).toMatch(/^nginx:1@sha256:[0-9a-f]{64}$/);
    expect(web.updateStatus?.state).toBe('rollback_started');
  });

  it('refuses --replicas on a global service', () => {
    const fx = fixture();
    docker(fx, 'service create --mode global --name g nginx');
    expect(docker(fx, 'service update --replicas 2 g').stderr).toBe(
      'replicas can only be used with replicated mode\n',
    );
  });

  it('reports a missing service as the daemon does', () => {
    const fx = withWeb();
    expect(docker(fx, 'service update --image x nope')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: service nope not found\n',
      exitCode: 1,
    });
  });

  it('gives the argument-count error of docker 28 with exit 1', () => {
    const fx = fixture();
    expect(docker(fx, 'service update')).toEqual({
      stdout: '',
      stderr:
        "docker: 'docker service update' requires 1 argument\n\n" +
        'Usage:  docker service update [OPTIONS] SERVICE\n\n' +
        "Run 'docker service update --help' for more information\n",
      exitCode: 1,
    });
  });
});

describe('docker service rollback', () => {
  it('swaps back to the previous spec and prints the service', () => {
    const fx = fixture();
    docker(fx, 'service create --name web nginx:1');
    docker(fx, 'service update --image nginx:2 web');
    const out = docker(fx, 'service rollback web');
    expect(out).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    expect(service(fx, 'web').spec.task.container.image).toMatch(/^nginx:1@sha256:[0-9a-f]{64}$/);
  });

  it('refuses a service that was never updated', () => {
    const fx = fixture();
    docker(fx, 'service create --name web nginx:1');
    const web = service(fx, 'web');
    expect(docker(fx, 'service rollback web').stderr).toBe(
      'Error response from daemon: rpc error: code = FailedPrecondition desc = ' +
        `service ${web.id} does not have a previous spec\n`,
    );
  });
});

describe('docker service scale', () => {
  it('scales each service, printing successes and collecting failures', () => {
    const fx = fixture();
    docker(fx, 'service create --name web nginx');
    docker(fx, 'service create --name api nginx');
    docker(fx, 'service create --name g --mode global nginx');
    fx.events.length = 0;
    expect(docker(fx, 'service scale web=5 api=0 g=2 nope=1 web=x')).toEqual({
      stdout: 'web scaled to 5\napi scaled to 0\n',
      stderr:
        'g: scale can only be used with replicated or replicated-job mode\n' +
        'nope: Error response from daemon: service nope not found\n' +
        'web: invalid replicas value x: strconv.ParseUint: parsing "x": invalid syntax\n',
      exitCode: 1,
    });
    expect(eventTypes(fx)).toEqual(['service/updated', 'service/updated']);
    expect(service(fx, 'web').spec.mode).toEqual({ replicated: { replicas: 5 } });
  });

  it('refuses a malformed specifier before doing anything', () => {
    const fx = fixture();
    expect(docker(fx, 'service scale web=1 x')).toEqual({
      stdout: '',
      stderr:
        "invalid scale specifier 'x'.\nSee 'docker service scale --help'.\n\n" +
        'Usage:  docker service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]\n\n' +
        'Scale one or multiple replicated services\n',
      exitCode: 1,
    });
  });
});

describe('docker service rm', () => {
  it('removes each service it finds and reports the others', () => {
    const fx = fixture();
    docker(fx, 'service create --name web nginx');
    fx.events.length = 0;
    expect(docker(fx, 'service rm web nope')).toEqual({
      stdout: 'web\n',
      stderr: 'Error response from daemon: service nope not found\n',
      exitCode: 1,
    });
    expect(eventTypes(fx)).toEqual(['service/removed']);
  });

  it('refuses an empty name in the client', () => {
    const fx = fixture();
    const session = { nodeId: fx.node('manager1') };
    const out = runDockerCommand(fx.sim.ctx, ['docker', 'service', 'rm', ' '], session);
    expect(out.stderr).toBe('invalid service name or ID: value is empty\n');
  });
});
