/**
 * The node-side read commands of the docker CLI: `service logs` from recorded container output,
 * `ps`, `info`, `version` and `network ls` as the session node sees them.
 */
import { parse } from 'shell-quote';
import { describe, expect, it } from 'vitest';
import { ContainerLogBook } from '../../src/dockercli/log-book.js';
import { runDockerCommand } from '../../src/dockercli/run.js';
import type { Task } from '../../src/model/types.js';
import { createSwarm } from '../../src/swarm.js';
import { fixture, THREE_NODES, type Fixture } from '../api/fixture.js';
import { docker } from './docker.js';

function run(fx: Fixture, line: string, on = 'manager1') {
  return docker(fx, line, on);
}

function stdout(fx: Fixture, line: string, on = 'manager1'): string {
  const out = docker(fx, line, on);
  expect(out).toMatchObject({ stderr: '', exitCode: 0 });
  return out.stdout;
}

const ONE_NODE = [{ hostname: 'manager1', role: 'manager' as const }];

describe('docker service logs', () => {
  function loggedSwarm() {
    const book = new ContainerLogBook();
    const sim = createSwarm({ seed: 7, nodes: THREE_NODES, observers: [book.observe] });
    const manager = sim.state.nodeIds[0]!;
    const exec = (line: string, logs: ContainerLogBook | null = book) =>
      runDockerCommand(sim.ctx, ['docker', ...(parse(line) as string[])], {
        nodeId: manager,
        logs: logs ?? undefined,
      });
    return { sim, exec };
  }

  it('prefixes each line with task name, ID and node, pads slots, and splits stderr', () => {
    const { sim, exec } = loggedSwarm();
    exec('service create -d --name web --replicas 10 nginx');
    sim.runUntil(8000);
    const service = Object.values(sim.state.services)[0]!;
    const tasks = sim.state.tasksByService[service.id]!.map((id) => sim.state.tasks[id]!);
    const one = tasks.find((task) => task.slot === 1)!;
    const ten = tasks.find((task) => task.slot === 10)!;
    sim.ctx.emit({ type: 'task/logged', taskId: ten.id, stream: 'stdout', line: 'ten says hi' });
    sim.runUntil(9000);
    sim.ctx.emit({ type: 'task/logged', taskId: one.id, stream: 'stdout', line: 'one says hi' });
    sim.ctx.emit({ type: 'task/logged', taskId: one.id, stream: 'stderr', line: 'one complains' });
    const host = (task: Task) => sim.state.nodes[task.nodeId]!.description.hostname;
    const out = exec('service logs web');
    expect(out.stdout).toBe(
      `web.10.${ten.id.slice(0, 12)}@${host(ten)}    | ten says hi\n` +
        `web.1.${one.id.slice(0, 12)}@${host(one)}     | one says hi\n`,
    );
    expect(out.stderr).toBe(`web.1.${one.id.slice(0, 12)}@${host(one)}     | one complains\n`);
    expect(exec('service logs --raw -t web').stdout).toBe(
      '2025-01-01T00:00:08.000000000Z ten says hi\n2025-01-01T00:00:09.000000000Z one says hi\n',
    );
    expect(exec('service logs --no-task-ids --tail 1 web').stderr).toBe(
      `web.1@${host(one)}     | one complains\n`,
    );
    expect(exec(`service logs ${one.id.slice(0, 8)}`).stdout).toBe(
      `web.1.${one.id.slice(0, 12)}@${host(one)}    | one says hi\n`,
    );
    expect(exec('service logs --tail x web').stderr).toBe(
      'Error response from daemon: tail value must be a positive integer or "all"\n',
    );
    expect(exec('service logs web', null)).toEqual({
      stdout: '',
      stderr: 'swarmsim: container logs are not recorded in this session\n',
      exitCode: 1,
    });
    expect(exec('service logs --since 1m web').stderr).toContain('not simulated yet');
  });
});

describe('docker ps, info, version, network ls', () => {
  it('lists the containers of the tasks on the session node, running ones unless -a', () => {
    const fx = fixture(ONE_NODE);
    stdout(fx, 'service create -d --name web --replicas 2 nginx:1.25');
    fx.sim.runUntil(10_000);
    stdout(fx, 'service update -d --force web');
    fx.sim.runUntil(40_000);
    const running = stdout(fx, 'ps').trim().split('\n');
    expect(running[0]).toBe(
      'CONTAINER ID   IMAGE        COMMAND                  CREATED          STATUS          PORTS     NAMES',
    );
    expect(running).toHaveLength(3);
    // nginx's entrypoint script and EXPOSE 80, from the image catalogue.
    expect(running[1]).toMatch(
      /^\w{12}   nginx:1\.25   "\/docker-entrypoint\.…"   \d+ seconds ago   Up \d+ seconds   80\/tcp    web\.[12]\.\w{25}$/,
    );
    const all = stdout(fx, 'ps -a').trim().split('\n');
    expect(all).toHaveLength(5);
    expect(all.filter((line) => / Exited \(\d+\) \d+ seconds ago /.test(line))).toHaveLength(2);
    expect(stdout(fx, 'ps -q --last 1').trim()).toMatch(/^\w{12}$/);
    expect(
      stdout(fx, "container ls --format '{{.Names}}' --filter status=exited").trim().split('\n'),
    ).toHaveLength(2);
  });

  it('info shows the swarm as the session node sees it', () => {
    const fx = fixture();
    const manager = stdout(fx, 'info');
    expect(manager).toContain(
      `  NodeID: ${fx.node('manager1')}\n  Is Manager: true\n  ClusterID: ${fx.sim.state.cluster!.id}\n  Managers: 1\n  Nodes: 3\n`,
    );
    expect(manager).toContain(
      '  Node Address: 192.168.0.11\n  Manager Addresses:\n   192.168.0.11:2377\n',
    );
    const worker = stdout(fx, 'info', 'worker1');
    expect(worker).toContain(
      `  NodeID: ${fx.node('worker1')}\n  Is Manager: false\n  Node Address: 192.168.0.12\n`,
    );
    expect(
      stdout(
        fx,
        "info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'",
        'worker1',
      ),
    ).toBe('active false\n');
    expect(run(fx, "info --format '{{.Nope'")).toMatchObject({ exitCode: 64 });
  });

  it("version prints the client and the node's engine; network ls the swarm and local networks", () => {
    const fx = fixture();
    expect(stdout(fx, 'version')).toMatch(/^Client:\n Version:           28\.2\.2\n/);
    expect(stdout(fx, "version --format '{{.Server.Version}}'")).toBe('28.2.2\n');
    const networks = stdout(fx, 'network ls').trim().split('\n');
    expect(networks.map((line) => line.split(/\s+/).slice(1).join(' '))).toEqual([
      'ID NAME DRIVER SCOPE',
      'bridge bridge local',
      'docker_gwbridge bridge local',
      'host host local',
      'ingress overlay swarm',
      'none null local',
    ]);
    expect(stdout(fx, 'network ls -q --filter driver=overlay').trim()).toMatch(/^\w{12}$/);
    expect(stdout(fx, 'network ls -q --filter name=ingress', 'worker1')).toBe(
      stdout(fx, 'network ls -q --filter name=ingress'),
    );
  });
});
