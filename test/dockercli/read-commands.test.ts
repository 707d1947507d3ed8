/**
 * The cluster read commands of the docker CLI on a simulated swarm: what `service ls/ps/inspect`
 * and `node ls/ps/inspect` print, their filters, and their errors and exit codes.
 */
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/model/types.js';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from './docker.js';

function run(fx: Fixture, line: string, on = 'manager1') {
  return docker(fx, line, on);
}

function stdout(fx: Fixture, line: string, on = 'manager1'): string {
  const out = docker(fx, line, on);
  expect(out).toMatchObject({ stderr: '', exitCode: 0 });
  return out.stdout;
}

function tasksOf(fx: Fixture, name: string): Task[] {
  const service = Object.values(fx.sim.state.services).find((s) => s.spec.name === name)!;
  return fx.sim.state.tasksByService[service.id]!.map((id) => fx.sim.state.tasks[id]!);
}

const ONE_NODE = [{ hostname: 'manager1', role: 'manager' as const }];

describe('docker service ls', () => {
  it('sorts by name naturally, filters by name prefix and mode, -q prints short IDs', () => {
    const fx = fixture();
    stdout(fx, 'service create -d --name web10 nginx');
    stdout(fx, 'service create -d --name web2 nginx');
    stdout(fx, 'service create -d --name agent --mode global nginx');
    fx.sim.runUntil(8000);
    const names = (text: string) =>
      text
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/)[1]);
    expect(names(stdout(fx, 'service ls'))).toEqual(['agent', 'web2', 'web10']);
    expect(stdout(fx, 'service ls')).toMatch(/agent +global +3\/3 +nginx/);
    expect(names(stdout(fx, 'service ls --filter name=web'))).toEqual(['web2', 'web10']);
    expect(names(stdout(fx, 'service ls -f mode=global'))).toEqual(['agent']);
    expect(
      stdout(fx, 'service ls -q')
        .trim()
        .split('\n')
        .map((id) => id.length),
    ).toEqual([12, 12, 12]);
    expect(run(fx, 'service ls --filter foo=bar')).toEqual({
      stdout: '',
      stderr: "Error response from daemon: Invalid filter 'foo'\n",
      exitCode: 1,
    });
    expect(run(fx, 'service ls --filter nonsense')).toMatchObject({ exitCode: 125 });
    expect(run(fx, 'service ls --filter nonsense').stderr).toMatch(
      /^invalid argument "nonsense" for "-f, --filter" flag: bad format of filter \(expected name=value\)\n/,
    );
  });

  it('is refused on a worker, as every cluster read is', () => {
    const fx = fixture();
    const out = run(fx, 'service ls', 'worker1');
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toMatch(
      /^Error response from daemon: This node is not a swarm manager. Worker nodes/,
    );
    expect(run(fx, 'node ls', 'worker1').stderr).toBe(out.stderr);
  });
});

describe('docker service ps', () => {
  it('shows history newest first with \\_ rows, and truncates errors to 30 columns', () => {
    const fx = fixture(ONE_NODE);
    stdout(fx, 'service create -d --name web nginx');
    stdout(fx, 'service create -d --name big --reserve-memory 100G nginx');
    fx.sim.runUntil(10_000);
    stdout(fx, 'service update -d --force web');
    fx.sim.runUntil(30_000);
    const lines = stdout(fx, 'service ps web big').trim().split('\n');
    expect(lines[0]).toMatch(/^ID +NAME +IMAGE +NODE +DESIRED STATE +CURRENT STATE +ERROR +PORTS$/);
    expect(lines[1]).toMatch(
      /^\w{12} +big\.1 +nginx:latest +Running +Pending 30 seconds ago +"no suitable node \(insufficien…" +$/,
    );
    expect(lines[2]).toMatch(/ web\.1 +nginx:latest +manager1 +Running +Running \d+ seconds ago/);
    expect(lines[3]).toMatch(
      /^\w{12} +\\_ web\.1 +nginx:latest +manager1 +Shutdown +Shutdown \d+ seconds ago/,
    );
    const [newer, older] = tasksOf(fx, 'web').sort((a, b) => b.createdAt - a.createdAt);
    expect(lines[2]!.startsWith(newer!.id.slice(0, 12))).toBe(true);
    expect(lines[3]!.startsWith(older!.id.slice(0, 12))).toBe(true);
    expect(stdout(fx, 'service ps -q web').split('\n')[0]).toBe(newer!.id);
  });

  it("filters by desired state, node and name; unknown values are the daemon's errors", () => {
    const fx = fixture(ONE_NODE);
    stdout(fx, 'service create -d --name web nginx');
    fx.sim.runUntil(10_000);
    stdout(fx, 'service update -d --force web');
    fx.sim.runUntil(30_000);
    const count = (line: string) => stdout(fx, line).trim().split('\n').length - 1;
    expect(count('service ps web')).toBe(2);
    expect(count('service ps --filter desired-state=running web')).toBe(1);
    expect(count('service ps -f desired-state=shutdown web')).toBe(1);
    expect(count('service ps -f node=self web')).toBe(2);
    expect(count('service ps -f name=web.2 web')).toBe(0);
    expect(run(fx, 'service ps -f desired-state=sleepy web').stderr).toBe(
      "Error response from daemon: Invalid desired-state filter: 'sleepy'\n",
    );
    expect(run(fx, 'service ps -f node=nowhere web').stderr).toBe(
      'Error response from daemon: node nowhere not found\n',
    );
  });

  it('names global tasks after their node and reports services it cannot find after the table', () => {
    const fx = fixture();
    stdout(fx, 'service create -d --name agent --mode global nginx');
    fx.sim.runUntil(8000);
    const out = run(fx, 'service ps agent nosuch');
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe('no such service: nosuch\n');
    expect(out.stdout).toContain(` agent.${fx.node('worker1')} `);
    expect(out.stdout.trim().split('\n')).toHaveLength(4);
  });
});

describe('docker node ls / ps / inspect', () => {
  it('lists nodes with the session node starred and filters by role', () => {
    const fx = fixture();
    const out = stdout(fx, 'node ls', 'manager1').split('\n');
    expect(out[0]).toBe(
      'ID                            HOSTNAME   STATUS    AVAILABILITY   MANAGER STATUS   ENGINE VERSION',
    );
    expect(out[1]).toBe(
      `${fx.node('manager1')} *   manager1   Ready     Active         Leader           28.2.2`,
    );
    expect(out[2]).toBe(
      `${fx.node('worker1')}     worker1    Ready     Active                          28.2.2`,
    );
    expect(stdout(fx, 'node ls -q --filter role=worker')).toBe(
      `${fx.node('worker1')}\n${fx.node('worker2')}\n`,
    );
    expect(run(fx, 'node ls --filter role=boss').stderr).toBe(
      "Error response from daemon: Invalid role filter: 'boss'\n",
    );
  });

  it('node ps defaults to self; node inspect resolves self and reports unknown nodes', () => {
    const fx = fixture();
    stdout(fx, 'service create -d --name agent --mode global nginx');
    fx.sim.runUntil(8000);
    expect(stdout(fx, 'node ps')).toContain(` agent.${fx.node('manager1')} `);
    expect(stdout(fx, 'node ps worker2')).toContain(` agent.${fx.node('worker2')} `);
    expect(
      JSON.parse(stdout(fx, 'node inspect self worker1')).map((n: { ID: string }) => n.ID),
    ).toEqual([fx.node('manager1'), fx.node('worker1')]);
    expect(stdout(fx, "node inspect -f '{{.Spec.Role}} {{.Description.Hostname}}' worker1")).toBe(
      'worker worker1\n',
    );
    const missing = run(fx, 'node inspect worker1 nosuch');
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toBe('Error response from daemon: node nosuch not found\n');
    expect(JSON.parse(missing.stdout)).toHaveLength(1);
    expect(run(fx, 'node inspect --pretty nosuch')).toEqual({
      stdout: '',
      stderr: 'Error response from daemon: node nosuch not found\n',
      exitCode: 1,
    });
    expect(run(fx, 'node inspect --format prettyx self').stderr).toBe(
      'cannot supply extra formatting options to the pretty template\n',
    );
  });
});

describe('docker service inspect', () => {
  it('prints ports, VIPs, placement and resources; --pretty shows them as docker does', () => {
    const fx = fixture();
    // The allocator gives each of the three nodes its ingress address (.2 to .4) once the swarm
    // runs, so the service's VIP is the next one.
    fx.sim.runUntil(1);
    stdout(
      fx,
      'service create -d --name web -p 8080:80 -l tier=front --constraint node.role==worker --reserve-cpu 0.5 --limit-memory 1G --update-delay 10s nginx:1.25',
    );
    const [service] = JSON.parse(stdout(fx, 'service inspect web'));
    expect(service.Endpoint.Ports).toEqual([
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
    ]);
    expect(service.Endpoint.VirtualIPs).toEqual([
      { NetworkID: expect.stringMatching(/^\w{25}$/), Addr: '10.0.0.5/24' },
    ]);
    expect(service.Spec.UpdateConfig).toEqual({
      Parallelism: 1,
      Delay: 10e9,
      FailureAction: 'pause',
      Monitor: 5e9,
      MaxFailureRatio: 0,
      Order: 'stop-first',
    });
    const pretty = stdout(fx, 'service inspect --pretty web');
    expect(pretty).toContain(
      '\nName:\t\tweb\nLabels:\n tier=front\nService Mode:\tReplicated\n Replicas:\t1\n',
    );
    expect(pretty).toContain(
      'Placement:\n Constraints:\t[node.role==worker]\nUpdateConfig:\n Parallelism:\t1\n Delay:\t\t10s\n',
    );
    expect(pretty).toContain(
      'Resources:\n Reservations:\n  CPU:\t\t0.5\n Limits:\n  Memory:\t1GiB\n',
    );
    expect(
      pretty.endsWith(
        'Endpoint Mode:\tvip\nPorts:\n PublishedPort = 8080\n  Protocol = tcp\n  TargetPort = 80\n  PublishMode = ingress \n\n',
      ),
    ).toBe(true);
    expect(run(fx, 'service inspect --pretty --format x web').stderr).toBe(
      '--format is incompatible with human friendly format\n',
    );
    expect(
      stdout(
        fx,
        "service inspect --format '{{.Spec.Name}}:{{.Spec.Mode.Replicated.Replicas}}' web web",
      ),
    ).toBe('web:1\nweb:1\n');
    expect(stdout(fx, 'service inspect --format json web').startsWith('[{"ID":')).toBe(true);
  });

  it('a template error is reported per service and the output keeps a newline', () => {
    const fx = fixture();
    stdout(fx, 'service create -d --name web nginx');
    expect(run(fx, "service inspect --format '{{.Nope}}' web")).toEqual({
      stdout: '\n',
      stderr:
        'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type swarm.Service\n',
      exitCode: 1,
    });
    expect(run(fx, "service inspect --format '{{.Nope' web")).toEqual({
      stdout: '',
      stderr: 'template parsing error: template: :1: unclosed action\n',
      exitCode: 1,
    });
  });
});
