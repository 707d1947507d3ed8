/**
 * What `docker stack deploy` does to the simulated swarm: the compose file's deploy section
 * becomes the service spec the orchestrators and scheduler act on (placement, update config),
 * a redeploy rolls changed services, `--prune` removes the ones left out, and `stack rm`
 * removes the stack. Files are virtual, handed over through the session's `readFile`.
 */
import { parse } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { runDockerCommand } from '../../src/dockercli/run.js';
import { tasksOfService } from '../../src/model/state.js';
import type { Service } from '../../src/model/types.js';
import { complete } from '../../src/shell/completion.js';
import { ShellSession } from '../../src/shell/session.js';
import { fixture, type Fixture } from '../api/fixture.js';

const IMG = 'busybox:1.36';

function stackOn(fx: Fixture, files: Record<string, string>) {
  return (line: string, on = 'manager1') => {
    const words = parse(line) as string[];
    const session = { nodeId: fx.node(on), readFile: (path: string) => files[path] };
    return runDockerCommand(fx.sim.ctx, ['docker', ...words], session);
  };
}

function service(fx: Fixture, name: string): Service {
  const { services, serviceIds } = fx.sim.state;
  const id = serviceIds.find((each) => services[each]!.spec.name === name);
  if (!id) throw new Error(`no service ${name}`);
  return services[id]!;
}

function running(fx: Fixture, name: string) {
  return tasksOfService(fx.sim.state, service(fx, name).id).filter(
    (task) => task.status.state === 'running' && task.desiredState === 'running',
  );
}

const WEB = `
services:
  web:
    image: ${IMG}
    command: sleep 3600
    environment:
      ZED: last
      ALPHA: 1
    deploy:
      replicas: 4
      placement:
        constraints: [node.role == worker]
        max_replicas_per_node: 2
      update_config:
        parallelism: 2
        delay: 2s
        order: start-first
        failure_action: continue
        monitor: 1s
        max_failure_ratio: 0.5
    ports:
      - "8080:80"
  cache:
    image: ${IMG}
    command: ["sleep", "3600"]
    deploy:
      mode: global
    ports:
      - {target: 81, published: 9000, protocol: udp, mode: host}
`;

describe('stack deploy builds the services the compose file describes', () => {
  it('names, labels, environment sorted by key, ports, update config', () => {
    const fx = fixture();
    const docker = stackOn(fx, { 'app.yml': WEB });
    const out = docker('stack deploy -c app.yml shop');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toBe(
      'Creating network shop_default\nCreating service shop_cache\nCreating service shop_web\n',
    );
    const web = service(fx, 'shop_web');
    expect(web.spec.labels).toEqual({
      'com.docker.stack.image': IMG,
      'com.docker.stack.namespace': 'shop',
    });
    expect(web.spec.task.container.labels).toEqual({ 'com.docker.stack.namespace': 'shop' });
    expect(web.spec.task.container.args).toEqual(['sleep', '3600']);
    expect(web.spec.task.container.env).toEqual(['ALPHA=1', 'ZED=last']);
    expect(web.spec.update).toEqual({
      parallelism: 2,
      delayMs: 2000,
      failureAction: 'continue',
      monitorMs: 1000,
      maxFailureRatio: 0.5,
      order: 'start-first',
    });
    expect(web.spec.rollback).toBeNull();
    expect(web.spec.endpoint.ports).toEqual([
      { name: '', protocol: 'tcp', targetPort: 80, publishedPort: 8080, publishMode: 'ingress' },
    ]);
    const cache = service(fx, 'shop_cache');
    expect('global' in cache.spec.mode).toBe(true);
    expect(cache.spec.endpoint.ports).toEqual([
      { name: '', protocol: 'udp', targetPort: 81, publishedPort: 9000, publishMode: 'host' },
    ]);
  });

  it('placement: constraints and max replicas per node are honoured by the scheduler', () => {
    const fx = fixture();
    stackOn(fx, { 'app.yml': WEB })('stack deploy -c app.yml shop');
    fx.sim.runUntil(15_000);
    const tasks = running(fx, 'shop_web');
    expect(tasks).toHaveLength(4);
    const manager = fx.node('manager1');
    expect(tasks.every((task) => task.nodeId !== manager)).toBe(true);
    for (const worker of ['worker1', 'worker2']) {
      expect(tasks.filter((task) => task.nodeId === fx.node(worker))).toHaveLength(2);
    }
  });

  it('a changed redeploy rolls the service with its update config; unchanged ones stay', () => {
    const fx = fixture();
    const files = { 'app.yml': WEB };
    const docker = stackOn(fx, files);
    docker('stack deploy -c app.yml shop');
    fx.sim.runUntil(15_000);
    const cacheTasks = tasksOfService(fx.sim.state, service(fx, 'shop_cache').id).length;
    // stop-first: with 2 per node on full nodes a start-first task could not be placed (as the
    // real engine showed in the stack-deploy recording).
    files['app.yml'] = WEB.replace('sleep 3600', 'sleep 3601').replace('start-first', 'stop-first');
    const out = docker('stack deploy -c app.yml shop');
    const web = service(fx, 'shop_web');
    expect(out.stdout).toBe(
      `Updating service shop_cache (id: ${service(fx, 'shop_cache').id})\n` +
        `Updating service shop_web (id: ${web.id})\n`,
    );
    fx.sim.runUntil(fx.sim.now);
    expect(service(fx, 'shop_web').updateStatus?.state).toBe('updating');
    fx.sim.runUntil(60_000);
    const after = service(fx, 'shop_web');
    expect(after.updateStatus?.state).toBe('completed');
    const now = running(fx, 'shop_web');
    expect(now).toHaveLength(4);
    expect(now.every((task) => task.spec.container.args.join(' ') === 'sleep 3601')).toBe(true);
    expect(tasksOfService(fx.sim.state, service(fx, 'shop_cache').id)).toHaveLength(cacheTasks);
  });

  it('a redeploy keeps a count set by `service scale` when the file gives none', () => {
    const fx = fixture();
    const file = `services:\n  api:\n    image: ${IMG}\n`;
    const docker = stackOn(fx, { 'a.yml': file });
    docker('stack deploy -c a.yml s');
    docker('service scale -d s_api=3');
    docker('stack deploy -c a.yml s');
    expect(service(fx, 's_api').spec.mode).toEqual({ replicated: { replicas: 3 } });
  });

  it('--prune removes services left out of the file; without it they stay', () => {
    const fx = fixture();
    const files = { 'app.yml': WEB, 'small.yml': `services:\n  web:\n    image: ${IMG}\n` };
    const docker = stackOn(fx, files);
    docker('stack deploy -c app.yml shop');
    docker('stack deploy -c small.yml shop');
    expect(fx.sim.state.serviceIds).toHaveLength(2);
    const out = docker('stack deploy -d --prune -c small.yml shop');
    expect(out.stdout.split('\n')[0]).toBe('Removing service shop_cache');
    expect(out.stderr).toBe('');
    expect(fx.sim.state.serviceIds.map((id) => fx.sim.state.services[id]!.spec.name)).toEqual([
      'shop_web',
    ]);
  });

  it('stack ls counts each stack; stack rm removes only the named one', () => {
    const fx = fixture();
    // Two stacks from one file: without ports, which would conflict between them.
    const docker = stackOn(fx, { 'app.yml': WEB.replace(/ {4}ports:\n.*\n/g, '') });
    docker('stack deploy -c app.yml b');
    docker('stack deploy -c app.yml a');
    docker('service create -d --name loose busybox');
    expect(docker('stack ls').stdout).toBe('NAME      SERVICES\na         2\nb         2\n');
    expect(docker('stack rm b').stdout).toBe(
      'Removing service b_cache\nRemoving service b_web\nRemoving network b_default\n',
    );
    expect(docker('stack ls').stdout).toBe('NAME      SERVICES\na         2\n');
    expect(fx.sim.state.serviceIds).toHaveLength(3);
  });
});

describe('stack deploy reads files through the session', () => {
  it('keys docker ignores get its notices; deprecated ones their reasons', () => {
    const file =
      `services:\n  web:\n    image: ${IMG}\n    build: .\n    restart: always\n` +
      '    container_name: w\n';
    const out = stackOn(fixture(), { 'a.yml': file })('stack deploy -d -c a.yml s');
    expect(out.stderr).toBe(
      'Ignoring unsupported options: build, restart\n\n' +
        'Ignoring deprecated options:\n\ncontainer_name: Setting the container name is not ' +
        'supported.\n\n',
    );
  });

  it('several files: -c a -c b and -c a,b merge the same way', () => {
    const base = `services:\n  web:\n    image: ${IMG}\n    deploy:\n      replicas: 1\n`;
    const more = 'services:\n  web:\n    deploy:\n      replicas: 5\n';
    for (const flags of ['-c base.yml -c more.yml', '-c base.yml,more.yml']) {
      const fx = fixture();
      stackOn(fx, { 'base.yml': base, 'more.yml': more })(`stack deploy -d ${flags} s`);
      expect(service(fx, 's_web').spec.mode).toEqual({ replicated: { replicas: 5 } });
    }
  });

  it('without a file reader (scenarios) the command says it cannot read files', () => {
    const fx = fixture();
    const out = runDockerCommand(fx.sim.ctx, ['docker', 'stack', 'deploy', '-c', 'a.yml', 's'], {
      nodeId: fx.node('manager1'),
    });
    expect(out).toEqual({
      stdout: '',
      stderr: 'swarmsim: docker stack deploy: no files can be read here\n',
      exitCode: 1,
    });
  });

  it('a shell session passes ShellOptions.readFile on, and waits with --detach=false', () => {
    const ONE = `services:\n  one:\n    image: ${IMG}\n    command: sleep 3600\n`;
    const shell = new ShellSession({
      seed: 3,
      managers: 1,
      workers: 1,
      preformed: true,
      readFile: (path) => (path === 'one.yml' ? ONE : undefined),
    });
    const out = shell.execute('docker stack deploy --detach=false -c one.yml s');
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toMatch(/^Creating network s_default\nCreating service s_one\n/);
    expect(out.stdout).toMatch(/verify: Service [a-z0-9]{25} converged\n$/);
    expect(shell.execute('docker stack deploy -c two.yml s').stderr).toBe(
      'open two.yml: no such file or directory\n',
    );
  });
});

describe('the shell knows the stack group', () => {
  it('completes `docker st` to stack and `docker stack ` to its subcommands', () => {
    expect(complete('docker st')[0]).toContain('stack');
    const subcommands = complete('docker stack ')[0].sort();
    expect(subcommands).toEqual(['deploy', 'ls', 'ps', 'rm', 'services']);
    expect(complete('docker stack deploy --pr')[0]).toEqual(['--prune ']);
  });

  it('hints `docker stack deploy` for a mistyped subcommand', () => {
    const shell = new ShellSession({ seed: 1, managers: 1, workers: 1, preformed: true });
    expect(shell.execute('docker stack deplyo').stderr).toMatch(
      /swarmsim: did you mean docker stack deploy\?\n$/,
    );
  });
});
