/**
 * Availability computed from the event log alone: a worker crash leaves a 6-replica service
 * short until its replacements run (about 15 s to DOWN + 5 s restart delay + start), a lost
 * quorum takes nothing away from running containers, and a crash of every node that runs a
 * service counts as time with nothing running.
 */
import { describe, expect, it } from 'vitest';
import { availabilityFromLog } from '../../src/metrics/availability.js';
import { cluster } from '../faults/cluster.js';

describe('metrics: availability from the log', () => {
  it('measures the shortfall and the recovery after a worker crash', () => {
    const c = cluster(3);
    c.docker('docker service create --name web --replicas 6 nginx');
    c.sim.runUntil(30_000);
    const lost = c.tasks('web').filter((t) => c.host(t.nodeId) === 'worker2').length;
    c.inject({ kind: 'nodeCrash', nodeId: c.id('worker2') });
    c.sim.runUntil(90_000);
    const [web] = availabilityFromLog(c.events, 90_000);
    expect(web!.service).toBe('web');
    const atCrash = web!.samples.find((s) => s.t === 30_000);
    expect(atCrash).toEqual({ t: 30_000, desired: 6, running: 6 - lost });
    expect(web!.downMs).toBe(0);
    const [recovery] = web!.recoveries;
    expect(recovery).toMatchObject({ kind: 'nodeCrash', at: 30_000, impacted: true });
    // DOWN within 16.5 s, then the 5 s restart delay and a start well under 2 s.
    expect(recovery!.recoveryMs).toBeGreaterThan(15_000);
    expect(recovery!.recoveryMs).toBeLessThan(24_000);
    expect(web!.degradedMs).toBe(recovery!.recoveryMs);
  });

  it('sees no outage when quorum is lost: the containers keep running', () => {
    const c = cluster(4);
    c.docker('docker service create --name web --replicas 3 --constraint node.role==worker nginx');
    c.sim.runUntil(30_000);
    c.inject({ kind: 'nodeCrash', nodeId: c.id('manager2') });
    c.inject({ kind: 'nodeCrash', nodeId: c.id('manager3') });
    c.sim.runUntil(120_000);
    const [web] = availabilityFromLog(c.events, 120_000);
    expect(web!.degradedMs).toBe(0);
    expect(web!.recoveries.map((r) => r.impacted)).toEqual([false, false]);
  });

  it('counts time with nothing running when every node of a service is down', () => {
    const c = cluster(5);
    c.docker('docker service create --name solo --constraint node.hostname==worker1 nginx');
    c.sim.runUntil(30_000);
    const crash = c.inject({ kind: 'nodeCrash', nodeId: c.id('worker1') });
    c.sim.runUntil(60_000);
    c.sim.ctx.emit({ type: 'fault/healed', faultId: crash });
    c.sim.runUntil(120_000);
    const [solo] = availabilityFromLog(c.events, 120_000);
    // Down from the crash until the task restarts on worker1 once it is back.
    expect(solo!.downMs).toBeGreaterThanOrEqual(30_000);
    expect(solo!.downMs).toBe(solo!.degradedMs);
    expect(solo!.recoveries[0]!.recoveredAt).toBe(30_000 + solo!.downMs);
  });
});
