import { describe, expect, it } from 'vitest';
import { TestCluster, spec } from './harness.js';

const crashLoop = { exits: { crash: { afterMs: 100, exitCode: 1 } } };

function crashingService(cluster: TestCluster, change: Parameters<typeof spec>[2] = () => {}) {
  return cluster.createService(
    spec('web', 1, (s) => {
      s.task.container.image = 'crash';
      s.task.restart.delayMs = 1000;
      change(s);
    }),
  );
}

/**
 * Task counts sampled every 50 ms for `ms`: all of them, and those taken at least 250 ms after
 * the slot's latest task creation (when the reaper's pass has run).
 */
function settledCounts(cluster: TestCluster, serviceId: string, ms: number) {
  const all: number[] = [];
  const settled: number[] = [];
  for (let elapsed = 0; elapsed < ms; elapsed += 50) {
    cluster.run(50);
    const count = cluster.tasks(serviceId).length;
    all.push(count);
    const lastCreatedAt = Math.max(...cluster.createdTasks(serviceId).map((t) => t.createdAt));
    if (cluster.now - lastCreatedAt >= 250) settled.push(count);
  }
  return { all, settled };
}

describe('task reaper', () => {
  it('keeps 5 tasks per slot, the current one included, deleting the oldest', () => {
    const cluster = new TestCluster({ nodes: [{ hostname: 'n1' }], agent: crashLoop });
    const serviceId = crashingService(cluster);
    const counts = settledCounts(cluster, serviceId, 30_000);
    expect(cluster.createdTasks(serviceId).length).toBeGreaterThan(10);
    expect(Math.max(...counts.settled)).toBe(5);
    expect(Math.min(...counts.settled.slice(-50))).toBe(5);
    // A new task briefly makes 6 until the next pass, at most 250 ms later.
    expect(Math.max(...counts.all)).toBe(6);
    const created = cluster.createdTasks(serviceId);
    const kept = cluster.tasks(serviceId);
    expect(kept.map((t) => t.id)).toEqual(created.slice(-kept.length).map((t) => t.id));
  });

  it('follows the cluster retention limit, and a negative limit keeps everything', () => {
    const limited = new TestCluster({
      nodes: [{ hostname: 'n1' }],
      agent: crashLoop,
      taskHistoryRetentionLimit: 2,
    });
    const limitedId = crashingService(limited);
    expect(Math.max(...settledCounts(limited, limitedId, 20_000).settled)).toBe(2);
    const unlimited = new TestCluster({
      nodes: [{ hostname: 'n1' }],
      agent: crashLoop,
      taskHistoryRetentionLimit: -1,
    });
    const unlimitedId = crashingService(unlimited);
    unlimited.run(20_000);
    expect(unlimited.tasks(unlimitedId).length).toBe(unlimited.createdTasks(unlimitedId).length);
    expect(unlimited.tasks(unlimitedId).length).toBeGreaterThan(10);
  });

  it('uses MaxAttempts + 1 as the limit when MaxAttempts is set', () => {
    const cluster = new TestCluster({ nodes: [{ hostname: 'n1' }], agent: crashLoop });
    const serviceId = crashingService(cluster, (s) => {
      s.task.restart.maxAttempts = 7;
    });
    cluster.run(60_000);
    expect(cluster.createdTasks(serviceId)).toHaveLength(8);
    expect(cluster.tasks(serviceId)).toHaveLength(8);
  });

  it('trims history only when a new task appears in the slot', () => {
    const cluster = new TestCluster({ nodes: [{ hostname: 'n1' }], taskHistoryRetentionLimit: 5 });
    const serviceId = cluster.createService(spec('web', 1, (s) => (s.task.restart.delayMs = 0)));
    for (let i = 0; i < 6; i += 1) {
      cluster.run(2000);
      cluster.exitTask(cluster.liveTasks(serviceId)[0]!.id, 1);
    }
    cluster.run(2000);
    expect(cluster.tasks(serviceId)).toHaveLength(5);
    // A lower limit only applies once the slot gains a task.
    cluster.sim.emit({
      type: 'cluster/initialized',
      clusterId: cluster.state.cluster!.id,
      taskHistoryRetentionLimit: 2,
      heartbeatPeriodMs: 5000,
    });
    cluster.run(2000);
    expect(cluster.tasks(serviceId)).toHaveLength(5);
    cluster.exitTask(cluster.liveTasks(serviceId)[0]!.id, 1);
    cluster.run(2000);
    expect(cluster.tasks(serviceId)).toHaveLength(2);
  });
});
