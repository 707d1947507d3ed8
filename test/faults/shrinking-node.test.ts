/**
 * An engine that restarts with fewer resources (SWARM.md 3.7, 3.8): the node describes itself
 * anew (`node/descriptionChanged`), the constraint enforcer walks its tasks in store order (task
 * ID) and rejects those whose running total of reservations exceeds the new totals, and the
 * restart policy places them elsewhere. `sim restart NAME --memory SIZE --cpus N` injects it.
 */
import { describe, expect, it } from 'vitest';
import { FAULT_COMMANDS } from '../../src/faults/sim-commands.js';
import { describeRestart } from '../../src/faults/restart-args.js';
import {
  ENFORCER_REJECT_ERR,
  ENFORCER_REJECT_MESSAGE,
} from '../../src/orchestrator/constraint-enforcer.js';
import { cluster, eventsOf, type Cluster } from './cluster.js';

const GIB = 1024 ** 3;

/** worker1 (4 GiB) runs three 1 GiB tasks; worker2 (4 GiB) is paused until they are placed. */
function loaded(): Cluster {
  const c = cluster(5, [
    { hostname: 'manager1', role: 'manager' },
    { hostname: 'worker1', role: 'worker', memoryBytes: 4 * GIB },
    { hostname: 'worker2', role: 'worker', memoryBytes: 4 * GIB, availability: 'pause' },
  ]);
  const line =
    'docker service create -d --name web --replicas 3 --reserve-memory 1GiB ' +
    '--constraint node.role==worker nginx';
  expect(c.docker(line).exitCode).toBe(0);
  c.sim.runUntil(c.sim.now + 20_000);
  expect(c.runningOn('web')).toEqual(['worker1', 'worker1', 'worker1']);
  expect(c.docker('docker node update --availability active worker2').exitCode).toBe(0);
  return c;
}

function restart(c: Cluster, args: string): { stdout: string; stderr: string; exitCode: number } {
  const words = args.split(' ');
  const command = FAULT_COMMANDS.restart!;
  const wrong = command.check(words);
  if (wrong !== null) return { stdout: '', stderr: wrong, exitCode: 2 };
  const out = command.run(c.sim.ctx, words);
  c.sim.runUntil(c.sim.now);
  return out;
}

describe('an engine restarting with less memory', () => {
  it('rejects the task past the new total in task-ID order; it is replaced on another node', () => {
    const c = loaded();
    const byId = c.tasks('web').map((task) => task.id).sort();
    expect(restart(c, 'worker1 --memory 2GiB').exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 8_000);
    const worker1 = c.sim.state.nodes[c.id('worker1')]!;
    expect(worker1.description.resources.memoryBytes).toBe(2 * GIB);
    expect(eventsOf(c.events, 'node/descriptionChanged')).toHaveLength(1);

    const rejected = c.tasks('web').filter((task) => task.status.state === 'rejected');
    expect(rejected.map((task) => task.id)).toEqual([byId[2]]);
    expect(rejected[0]!.status.message).toBe(ENFORCER_REJECT_MESSAGE);
    expect(rejected[0]!.status.err).toBe(ENFORCER_REJECT_ERR);
    // The other two lost their containers with the engine, as any restart does.
    const failed = c.tasks('web').filter((task) => task.status.state === 'failed');
    expect(failed.map((task) => task.id).sort()).toEqual(byId.slice(0, 2));

    c.sim.runUntil(c.sim.now + 20_000);
    const slot = rejected[0]!.slot;
    const replacement = c.tasks('web').find((t) => t.slot === slot && t.origin === 'restart');
    expect(replacement && c.host(replacement.nodeId)).toBe('worker2');
    expect(c.docker('docker service ls --format {{.Replicas}}').stdout).toBe('3/3\n');
  });

  it('shows the new totals in docker node inspect', () => {
    const c = loaded();
    restart(c, 'worker1 --memory 2GiB --cpus 1');
    c.sim.runUntil(c.sim.now + 10_000);
    const [inspected] = JSON.parse(c.docker('docker node inspect worker1').stdout);
    expect(inspected.Description.Resources).toEqual({ NanoCPUs: 1e9, MemoryBytes: 2 * GIB });
  });

  it('rejects on CPUs too, and a restart without new totals rejects nothing', () => {
    const c = loaded();
    restart(c, 'worker1');
    c.sim.runUntil(c.sim.now + 10_000);
    expect(eventsOf(c.events, 'node/descriptionChanged')).toEqual([]);
    const rejectedAfter = () => c.tasks('web').filter((t) => t.status.state === 'rejected');
    expect(rejectedAfter()).toEqual([]);

    const d = cluster(5, [
      { hostname: 'manager1', role: 'manager' },
      { hostname: 'worker1', role: 'worker', cpus: 4 },
      { hostname: 'worker2', role: 'worker', cpus: 4, availability: 'pause' },
    ]);
    const line =
      'docker service create -d --name web --replicas 3 --reserve-cpu 1 ' +
      '--constraint node.role==worker nginx';
    expect(d.docker(line).exitCode).toBe(0);
    d.sim.runUntil(d.sim.now + 20_000);
    expect(restart(d, 'worker1 10s --cpus 1.5').exitCode).toBe(0);
    d.sim.runUntil(d.sim.now + 10_000);
    expect(d.tasks('web').filter((t) => t.status.state === 'rejected')).toHaveLength(2);
  });
});

describe('an engine restarting with more memory', () => {
  it('takes the task that fit nowhere once it is back', () => {
    const c = cluster(5, [
      { hostname: 'manager1', role: 'manager' },
      { hostname: 'worker1', role: 'worker', memoryBytes: 2 * GIB },
    ]);
    const line = 'docker service create -d --name big --reserve-memory 3GiB nginx';
    expect(c.docker(line).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 10_000);
    expect(c.tasks('big').map((task) => task.status.state)).toEqual(['pending']);
    expect(restart(c, 'worker1 --memory 4GiB').exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 20_000);
    expect(c.runningOn('big')).toEqual(['worker1']);
  });
});

describe('sim restart arguments', () => {
  it('reads downtime, --memory and --cpus in any order, and refuses bad values', () => {
    const restartCommand = FAULT_COMMANDS.restart!;
    expect(restartCommand.check(['worker1', '--memory', '1GB', '30s', '--cpus=1'])).toBeNull();
    expect(describeRestart(['--memory', '1GB', '30s', '--cpus=1'])).toBe(
      'back in 30s with 1 CPUs and 1GiB of memory',
    );
    expect(describeRestart([])).toBe('back in 5s');
    expect(restartCommand.check(['worker1', '--memory', 'lots'])).toBe("bad memory size 'lots'");
    expect(restartCommand.check(['worker1', '--cpus', '0'])).toBe("bad CPU count '0'");
    expect(restartCommand.check(['worker1', '--memory'])).toBe('--memory needs a value');
    expect(restartCommand.check(['worker1', '--disk', '1'])).toMatch(/^unknown flag --disk/);
    expect(restartCommand.check(['worker1', '5s', '6s'])).toMatch(/^usage: sim restart/);
  });
});
