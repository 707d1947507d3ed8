/**
 * `docker service ls` REPLICAS once workers are gone. docker 28 asks the daemon for the counts
 * (API 1.41's ServiceStatus, swarmkit's ListServiceStatuses), which counts every task observed
 * Running whatever its node's status: the old tasks of a worker that left or stopped stay
 * Running with desired Shutdown, so a real engine shows `6/5`, then `7/5`
 * (test/fixtures/real-docker-multinode/worker-down-replicas). The CLI's own count, which skips
 * Down nodes, only applies to daemons older than API 1.41.
 */
import { describe, expect, it } from 'vitest';
import { cluster } from '../faults/cluster.js';
import { recordedRun } from './multinode-output.js';

const IMG = 'sha256:ffb7e347f4363d366cbdbc94b0a540ef7d8a97b6555154e6d572c87754a5b5bc';
const CASE = 'worker-down-replicas';
const CREATE =
  'service create -d --name web --replicas 5 --stop-grace-period 1s --no-resolve-image ' +
  `${IMG} sleep 1d`;

const maskId = (text: string) => text.replace(/^[a-z0-9]{12}(?= )/gm, '<id>');

describe('service ls REPLICAS with workers down', () => {
  it('counts the Running tasks left on Down nodes, as the recorded engine did', () => {
    const c = cluster();
    expect(c.docker(`docker ${CREATE}`).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 10_000);
    expect(maskId(c.docker('docker service ls').stdout)).toBe(
      maskId(recordedRun(CASE, 'service ls', 0).output),
    );
    // `docker swarm leave` on worker1 (that command runs only in `swarmsim shell`).
    c.inject({ kind: 'nodeLeave', nodeId: c.id('worker1') });
    c.sim.runUntil(c.sim.now + 26_000);
    const worker1 = c.sim.state.nodes[c.id('worker1')]!;
    expect(worker1.status.state).toBe('down');
    expect(maskId(c.docker('docker service ls').stdout)).toBe(
      maskId(recordedRun(CASE, 'service ls', 1).output),
    );
    const left = c.tasks('web').filter((task) => task.nodeId === worker1.id);
    expect(left.map((task) => [task.status.state, task.desiredState])).toEqual([
      ['running', 'shutdown'],
    ]);
    c.inject({ kind: 'nodeCrash', nodeId: c.id('worker2') });
    c.sim.runUntil(c.sim.now + 26_000);
    const replicas = c.docker('docker service ls --format {{.Name}}:{{.Replicas}}').stdout;
    expect(replicas).toBe('web:7/5\n');
    expect(maskId(c.docker('docker service ls').stdout)).toBe(
      maskId(recordedRun(CASE, 'service ls', 2).output),
    );
  });
});
