/**
 * The rolling updater in the full swarm (SWARM.md 6.2, 12, 13 items 8 and 18): order of stops and
 * starts, parallelism, per-worker delay, the monitor period, no timeout, global services, and the
 * slot order drawn from the seed. Slots are taken in a seeded random order, so tests pair a
 * replacement with the old task of its slot, not with the n-th old task.
 */
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/model/types.js';
import { UpdateSwarm, serviceSpec } from './update-harness.js';

const NEW_IMAGE = 'nginx:1.25';

/** A 3-replica nginx service, running since 20 s, whose image is then updated. */
function updatedService(update: Parameters<typeof serviceSpec>[2]) {
  const cluster = new UpdateSwarm();
  const serviceId = cluster.create(serviceSpec('nginx', 3, update));
  cluster.run(20_000);
  const old = cluster.liveTasks(serviceId);
  const updatedAt = cluster.now;
  cluster.update(serviceId, (spec) => (spec.task.container.image = NEW_IMAGE));
  return { cluster, serviceId, old, updatedAt };
}

/** The task of `old` in the same slot (replicated) or on the same node (global) as `task`. */
function oldOf(old: readonly Task[], task: Task): Task {
  const same = (before: Task) =>
    task.slot === 0 ? before.nodeId === task.nodeId : before.slot === task.slot;
  return old.find(same)!;
}

/** Slot numbers in ascending order. */
const sorted = (slots: number[]) => [...slots].sort((a, b) => a - b);

describe('rolling update order', () => {
  it('stop-first: old task shut down as its replacement is created; next slot once it runs', () => {
    const { cluster, serviceId, old, updatedAt } = updatedService({ order: 'stop-first' });
    expect(cluster.status(serviceId)).toMatchObject({ state: 'updating', startedAt: updatedAt });
    expect(cluster.status(serviceId)?.message).toBe('update in progress');
    const counts = cluster.sample(40_000, 50, () => cluster.runningCount(serviceId));
    const fresh = cluster.updaterTasks(serviceId);
    expect(sorted(fresh.map((task) => task.slot))).toEqual([1, 2, 3]);
    expect(fresh.map((task) => [task.nodeId, task.desiredState])).toEqual(
      Array(3).fill(['', 'ready']),
    );
    expect(fresh[0]!.createdAt).toBe(updatedAt);
    fresh.forEach((task, index) => {
      const before = oldOf(old, task);
      expect(cluster.desiredAt(before.id, 'shutdown')).toBe(task.createdAt);
      // The replacement is told to run only once the old container has stopped.
      expect(cluster.desiredAt(task.id, 'running')).toBe(cluster.observedAt(before.id, 'shutdown'));
      const previous = fresh[index - 1];
      if (previous) expect(task.createdAt).toBe(cluster.observedAt(previous.id, 'running'));
    });
    const lastRunning = cluster.observedAt(fresh[2]!.id, 'running')!;
    expect(cluster.status(serviceId)).toEqual({
      state: 'completed',
      startedAt: updatedAt,
      completedAt: lastRunning + 5000,
      message: 'update completed',
    });
    // service ls: never above 3/3, and 2/3 while each slot is replaced.
    expect(Math.max(...counts)).toBe(3);
    expect(Math.min(...counts)).toBe(2);
    expect(cluster.liveTasks(serviceId).every((t) => t.spec.container.image === NEW_IMAGE)).toBe(
      true,
    );
  });

  it('start-first: replacement starts at once; the old one stops only once it runs (4/3)', () => {
    const { cluster, serviceId, old, updatedAt } = updatedService({ order: 'start-first' });
    const counts = cluster.sample(40_000, 50, () => cluster.runningCount(serviceId));
    const fresh = cluster.updaterTasks(serviceId);
    expect(sorted(fresh.map((task) => task.slot))).toEqual([1, 2, 3]);
    expect(fresh[0]!.createdAt).toBe(updatedAt);
    fresh.forEach((task) => {
      const before = oldOf(old, task);
      expect(cluster.desiredAt(task.id, 'running')).toBe(task.createdAt);
      const running = cluster.observedAt(task.id, 'running')!;
      expect(cluster.desiredAt(before.id, 'shutdown')).toBe(running);
      expect(cluster.observedAt(before.id, 'shutdown')).toBeGreaterThan(running);
    });
    // service ls counts the stopping old tasks too: 4/3 (or more) briefly, never below 3.
    expect(Math.max(...counts)).toBeGreaterThan(3);
    expect(Math.min(...counts)).toBe(3);
    expect(counts.filter((count) => count > 3).length).toBeLessThan(counts.length / 5);
    expect(counts.at(-1)).toBe(3);
    expect(cluster.status(serviceId)?.state).toBe('completed');
  });

  it('parallelism 2 with 5 replicas: never more than 2 slots in flight, every slot once', () => {
    const cluster = new UpdateSwarm();
    const serviceId = cluster.create(serviceSpec('nginx', 5, { parallelism: 2 }));
    cluster.run(20_000);
    cluster.update(serviceId, (spec) => (spec.task.container.image = NEW_IMAGE));
    cluster.run(60_000);
    const fresh = cluster.updaterTasks(serviceId);
    expect(sorted(fresh.map((task) => task.slot))).toEqual([1, 2, 3, 4, 5]);
    const spans = fresh.map((task) => [task.createdAt, cluster.reachedAt(task.id)!] as const);
    const inFlightAt = (t: number) => spans.filter(([from, to]) => from <= t && t < to).length;
    const maxInFlight = Math.max(...spans.map(([from]) => inFlightAt(from)));
    expect(maxInFlight).toBe(2);
    expect(fresh[0]!.createdAt).toBe(fresh[1]!.createdAt);
    expect(cluster.status(serviceId)?.state).toBe('completed');
  });

  it('delay is per worker, counted from when its task runs; monitor becomes delay + 1 s', () => {
    const cluster = new UpdateSwarm();
    const config = { parallelism: 2, delayMs: 10_000 };
    const serviceId = cluster.create(serviceSpec('nginx', 4, config));
    cluster.run(20_000);
    cluster.update(serviceId, (spec) => (spec.task.container.image = NEW_IMAGE));
    cluster.run(120_000);
    const fresh = cluster.updaterTasks(serviceId);
    const ran = fresh.map((task) => cluster.observedAt(task.id, 'running')!);
    const secondRound = fresh.slice(2).map((task) => task.createdAt);
    expect(secondRound.sort()).toEqual([ran[0]! + 10_000, ran[1]! + 10_000].sort());
    // The last worker sleeps its delay too, then the run watches for delay + 1 s.
    const lastRan = Math.max(ran[2]!, ran[3]!);
    expect(cluster.status(serviceId)?.completedAt).toBe(lastRan + 10_000 + 11_000);
  });

  it('delay with parallelism 1 separates each replacement from the previous one running', () => {
    const cluster = new UpdateSwarm();
    const serviceId = cluster.create(serviceSpec('nginx', 3, { delayMs: 3000, monitorMs: 5000 }));
    cluster.run(20_000);
    cluster.update(serviceId, (spec) => (spec.task.container.env = ['V=2']));
    cluster.run(60_000);
    const fresh = cluster.updaterTasks(serviceId);
    for (const index of [1, 2]) {
      const previousRan = cluster.observedAt(fresh[index - 1]!.id, 'running')!;
      expect(fresh[index]!.createdAt).toBe(previousRan + 3000);
    }
    // Delay < monitor: the run watches for the monitor period after the last delay.
    const lastRan = cluster.observedAt(fresh[2]!.id, 'running')!;
    expect(cluster.status(serviceId)?.completedAt).toBe(lastRan + 3000 + 5000);
  });

  it('a slot restarted from the new spec while waiting its turn keeps that task', () => {
    const { cluster, serviceId, old } = updatedService({});
    // The old container of a slot not taken yet dies while the first slot is being replaced.
    cluster.run(1000);
    const first = cluster.updaterTasks(serviceId).map((task) => task.slot);
    expect(first).toHaveLength(1);
    const waiting = old.filter((task) => task.slot !== first[0]).at(-1)!;
    cluster.sim.emit({
      type: 'task/stateChanged',
      taskId: waiting.id,
      state: 'failed',
      message: 'started',
      err: 'task: non-zero exit (137)',
      exitCode: 137,
    });
    cluster.run(60_000);
    const restarted = cluster.createdTasks(serviceId).filter((task) => task.origin === 'restart');
    expect(restarted.map((task) => [task.slot, task.spec.container.image])).toEqual([
      [waiting.slot, NEW_IMAGE],
    ]);
    const others = old.filter((task) => task.slot !== waiting.slot).map((task) => task.slot);
    expect(sorted(cluster.updaterTasks(serviceId).map((task) => task.slot))).toEqual(others);
    const inSlot = cluster.liveTasks(serviceId).filter((t) => t.slot === waiting.slot);
    expect(inSlot.map((t) => t.id)).toEqual([restarted[0]!.id]);
    expect(cluster.status(serviceId)?.state).toBe('completed');
  });

  it('has no timeout: a replacement that cannot be scheduled blocks the update forever', () => {
    const cluster = new UpdateSwarm();
    const serviceId = cluster.create(serviceSpec('nginx', 3));
    cluster.run(20_000);
    const old = cluster.liveTasks(serviceId);
    cluster.update(serviceId, (spec) => (spec.task.resources.reservations.nanoCPUs = 3e9));
    cluster.run(600_000);
    const fresh = cluster.updaterTasks(serviceId);
    expect(fresh).toHaveLength(1);
    const stuck = cluster.state.tasks[fresh[0]!.id]!;
    expect(stuck.status.state).toBe('pending');
    expect(stuck.status.err).toBe('no suitable node (insufficient resources on 3 nodes)');
    expect(cluster.status(serviceId)?.state).toBe('updating');
    // Stop-first already shut the slot's old task down; the other slots are untouched.
    const replaced = oldOf(old, stuck);
    expect(cluster.state.tasks[replaced.id]?.desiredState ?? 'deleted').not.toBe('running');
    const live = cluster.liveTasks(serviceId).map((task) => task.id);
    const untouched = old.filter((task) => task !== replaced).map((task) => task.id);
    expect(sorted(live.map((id) => cluster.state.tasks[id]!.slot))).toEqual([1, 2, 3]);
    expect(live.filter((id) => id !== stuck.id)).toEqual(untouched);
    expect(cluster.runningCount(serviceId)).toBe(2);
  });

  it('start-first with max 1 replica per node on full nodes: stays updating, old tasks run', () => {
    const cluster = new UpdateSwarm();
    const spec = serviceSpec('nginx', 3, { order: 'start-first' });
    spec.task.placement.maxReplicas = 1;
    const serviceId = cluster.create(spec);
    cluster.run(20_000);
    const old = cluster.liveTasks(serviceId).map((task) => task.id);
    cluster.update(serviceId, (next) => (next.task.container.env = ['V=2']));
    cluster.run(300_000);
    const fresh = cluster.updaterTasks(serviceId);
    expect(fresh).toHaveLength(1);
    expect(cluster.state.tasks[fresh[0]!.id]!.status.state).toBe('pending');
    const oldStates = old.map((id) => cluster.state.tasks[id]!.status.state);
    expect(oldStates).toEqual(['running', 'running', 'running']);
    expect(cluster.status(serviceId)?.state).toBe('updating');
  });
});

describe('rolling update of a global service', () => {
  it('replaces one node at a time, in a drawn order, each on its own node', () => {
    const cluster = new UpdateSwarm();
    const spec = serviceSpec('nginx', 1);
    spec.mode = { global: {} };
    const serviceId = cluster.create(spec);
    cluster.run(20_000);
    const old = cluster.liveTasks(serviceId);
    const byNode = new Map(old.map((task) => [task.nodeId, task]));
    const updatedAt = cluster.now;
    cluster.update(serviceId, (next) => (next.task.container.image = NEW_IMAGE));
    cluster.run(60_000);
    const fresh = cluster.updaterTasks(serviceId);
    const hosts = fresh.map((task) => [task.slot, cluster.hostname(task.nodeId)] as const);
    expect([...hosts].sort(([, a], [, b]) => a.localeCompare(b))).toEqual([
      [0, 'm1'],
      [0, 'w1'],
      [0, 'w2'],
    ]);
    expect(fresh[0]!.createdAt).toBe(updatedAt);
    fresh.forEach((task, index) => {
      expect(cluster.desiredAt(byNode.get(task.nodeId)!.id, 'shutdown')).toBe(task.createdAt);
      const previous = fresh[index - 1];
      if (previous) expect(task.createdAt).toBe(cluster.observedAt(previous.id, 'running'));
    });
    expect(cluster.status(serviceId)?.state).toBe('completed');
    expect(cluster.runningCount(serviceId)).toBe(3);
  });

  it('a service update that changes nothing in the task spec replaces nothing', () => {
    const cluster = new UpdateSwarm();
    const serviceId = cluster.create(serviceSpec('nginx', 3));
    cluster.run(20_000);
    cluster.update(serviceId, (spec) => (spec.labels = { team: 'a' }));
    cluster.run(20_000);
    expect(cluster.updaterTasks(serviceId)).toEqual([]);
    expect(cluster.status(serviceId)).toBeNull();
  });
});

describe('slot order', () => {
  /** The order in which an image update of `replicas` slots (0: global) takes its slots. */
  function slotOrder(seed: number, replicas: number): string[] {
    const cluster = new UpdateSwarm({ seed });
    const spec = serviceSpec('nginx', Math.max(replicas, 1), { parallelism: 1 });
    if (replicas === 0) spec.mode = { global: {} };
    const serviceId = cluster.create(spec);
    cluster.run(20_000);
    cluster.update(serviceId, (next) => (next.task.container.image = NEW_IMAGE));
    cluster.run(60_000);
    expect(cluster.status(serviceId)?.state).toBe('completed');
    return cluster
      .updaterTasks(serviceId)
      .map((task) => (task.slot === 0 ? cluster.hostname(task.nodeId) : String(task.slot)));
  }

  it('is drawn from the seed, like swarmkit\'s map order: fixed per seed, varied across', () => {
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    for (const replicas of [4, 0]) {
      const orders = seeds.map((seed) => slotOrder(seed, replicas));
      const everySlot = replicas === 0 ? ['m1', 'w1', 'w2'] : ['1', '2', '3', '4'];
      for (const order of orders) expect([...order].sort()).toEqual(everySlot);
      expect(new Set(orders.map((order) => order.join(' '))).size).toBeGreaterThan(2);
      expect(slotOrder(seeds[0]!, replicas)).toEqual(orders[0]);
    }
  });
});
