/**
 * Mount refusals and cluster-volume waits on the agent's status path (src/agent/task-driver.ts,
 * reporter.ts): a REJECTED from a refused mount and the READY after a volume wait are reported
 * like every other status, so they reach the store on a dispatcher batch with the agent's time
 * (`reportedAt`), and the agent's own view follows them (nothing is reported twice).
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/engine/simulation.js';
import type { LoggedEvent } from '../../src/model/events.js';
import type { ClusterVolume, Mount } from '../../src/model/types.js';
import {
  agentHarness,
  assignTask,
  cacheImage,
  NODE,
  setDesired,
  timeline,
} from './harness.js';

/** Statuses written in 100 ms batches; no other latency. */
const BATCHED = { timings: { statusBatchMs: 100 } };
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const VOLUME_ID = 'vol-1';
const CLUSTER_MOUNT: Mount = { type: 'cluster', source: 'data', target: '/data', readOnly: false };

function stateEvents(events: readonly LoggedEvent[], taskId: string, state: string) {
  return events.flatMap((event) =>
    event.type === 'task/stateChanged' && event.taskId === taskId && event.state === state
      ? [event]
      : [],
  );
}

/** When the agent made the report the event writes: its `reportedAt`, else the write's time. */
function reportedAt(event: LoggedEvent): number {
  return event.type === 'task/stateChanged' ? (event.reportedAt ?? event.t) : -1;
}

/** A node running the `blockstore` plugin, a volume of it, and a task attached to the volume. */
function volumeTask(seed: number, mounts: Mount[] = [CLUSTER_MOUNT]) {
  const plugin = { name: 'blockstore', topology: {}, maxVolumesPerNode: 0 };
  const built = agentHarness(BATCHED, seed, [plugin]);
  const volume: ClusterVolume = {
    id: VOLUME_ID,
    version: 0,
    createdAt: 0,
    updatedAt: 0,
    spec: {
      name: 'data',
      labels: {},
      group: '',
      driver: { name: 'blockstore', options: {} },
      accessMode: { scope: 'single', sharing: 'none', type: 'mount' },
      secrets: [],
      accessibilityRequirements: null,
      capacityRange: null,
      availability: 'active',
    },
    info: { volumeId: 'blockstore-1', capacityBytes: 0, accessibleTopology: [] },
    publishStatus: [],
    pendingDelete: false,
  };
  built.sim.emit({ type: 'clusterVolume/created', volume });
  cacheImage(built.sim, 'busybox:latest');
  const volumes = [{ id: VOLUME_ID, source: 'data', target: '/data' }];
  const args = ['sleep', '3600'];
  const taskId = assignTask(built.sim, { image: 'busybox', args, mounts, volumes });
  // The scheduler's part: the volume is to be published to the task's node.
  moveVolume(built.sim, 'pending-publish');
  return { ...built, taskId };
}

function moveVolume(sim: Simulation, state: 'pending-publish' | 'published'): void {
  const move = { volumeId: VOLUME_ID, node: NODE, state, message: '' };
  sim.emit({ type: 'clusterVolume/publishChanged', ...move });
}

function publish(sim: Simulation): void {
  moveVolume(sim, 'published');
}

describe('agent status path: mount refusals', () => {
  it('reports a mount the executor refuses as REJECTED, written on a later batch', () => {
    const batchedWrites = SEEDS.map((seed) => {
      const { sim, events } = agentHarness(BATCHED, seed);
      const mount: Mount = { type: 'volume', source: 'data', target: 'rel', readOnly: false };
      const taskId = assignTask(sim, { image: 'busybox', mounts: [mount] });
      sim.runUntil(2_000);
      // Resolved on delivery (dispatchMs, 100 ms): reported then, with the executor's texts.
      expect(sim.state.tasks[taskId]!.status).toMatchObject({
        state: 'rejected',
        message: 'resolving controller failed',
        err: 'invalid mount target, must be an absolute path: rel',
        timestamp: 100,
      });
      const [rejected, ...again] = stateEvents(events, taskId, 'rejected');
      expect(again).toEqual([]);
      expect(reportedAt(rejected!)).toBe(100);
      expect(rejected!.t - 100).toBeLessThan(100);
      expect(timeline(sim, taskId)).toEqual(['assigned@0', `rejected@${rejected!.t}`]);
      return rejected!.t > 100;
    });
    expect(batchedWrites).toContain(true);
  });

  it('does not report again for a desired state delivered before the REJECTED is written', () => {
    // Batches every 1 s: the write comes after the shutdown's delivery (at 200 ms) for this seed.
    const { sim, events } = agentHarness({ timings: { statusBatchMs: 1_000 } }, 2);
    const mount: Mount = { type: 'bind', source: 'relative/path', target: '/x', readOnly: false };
    const taskId = assignTask(sim, { image: 'busybox', mounts: [mount] });
    sim.runUntil(100);
    setDesired(sim, taskId, 'shutdown');
    sim.runUntil(5_000);
    const rejected = stateEvents(events, taskId, 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.t).toBeGreaterThan(200);
    expect(timeline(sim, taskId)).toEqual(['assigned@0', `rejected@${rejected[0]!.t}`]);
    expect(sim.state.tasks[taskId]!.status.err).toBe(
      'invalid bind mount source, must be an absolute path: relative/path',
    );
  });
});

describe('agent status path: cluster volume waits', () => {
  /** ACCEPTED at 100 ms, PREPARING at once, the container due 200 ms later (createMs). */
  const DUE_MS = 300;

  it('reports READY once the volume is published, on the poll after it, written on a batch', () => {
    const readyStored = SEEDS.map((seed) => {
      const { sim, events, taskId } = volumeTask(seed);
      sim.runUntil(2_050);
      expect(sim.state.tasks[taskId]!.status.state).toBe('preparing');
      publish(sim);
      sim.runUntil(10_000);
      expect(sim.state.tasks[taskId]!.status.state).toBe('running');
      const moves = events.flatMap((event) =>
        event.type === 'task/stateChanged' && event.taskId === taskId ? [event.state] : [],
      );
      // Nothing reported twice: every state reaches the store at most once.
      expect(new Set(moves).size, moves.join(' ')).toBe(moves.length);
      // Polled every second from DUE_MS: the first look after 2 050 ms is at 2 300 ms. The
      // STARTING reported in the same instant usually supersedes the READY within the batch.
      const next = events.find(
        (event) =>
          event.type === 'task/stateChanged' &&
          event.taskId === taskId &&
          (event.state === 'ready' || event.state === 'starting'),
      );
      expect(reportedAt(next!)).toBe(DUE_MS + 2_000);
      expect(next!.t - reportedAt(next!)).toBeLessThan(100);
      return moves.includes('ready');
    });
    expect(readyStored).toContain(false);
  });

  it('rejects after 5 min without the volume, keeping the PREPARING message', () => {
    const batchedWrites = SEEDS.map((seed) => {
      const { sim, events, taskId } = volumeTask(seed);
      sim.runUntil(DUE_MS + 300_000 + 200);
      const [rejected, ...again] = stateEvents(events, taskId, 'rejected');
      expect(again).toEqual([]);
      expect(reportedAt(rejected!)).toBe(DUE_MS + 300_000);
      expect(sim.state.tasks[taskId]!.status).toMatchObject({
        state: 'rejected',
        message: 'preparing',
        err: 'context deadline exceeded',
      });
      expect(stateEvents(events, taskId, 'ready')).toEqual([]);
      return rejected!.t > reportedAt(rejected!);
    });
    expect(batchedWrites).toContain(true);
  });

  it('creates the container after the wait: a missing bind source then rejects it', () => {
    const bind: Mount = { type: 'bind', source: '/srv/data', target: '/srv', readOnly: false };
    const { sim, events, taskId } = volumeTask(1, [CLUSTER_MOUNT, bind]);
    sim.runUntil(1_000);
    publish(sim);
    sim.runUntil(5_000);
    expect(stateEvents(events, taskId, 'ready')).toEqual([]);
    expect(sim.state.tasks[taskId]!.status).toMatchObject({
      state: 'rejected',
      message: 'preparing',
      err: 'invalid mount config for type "bind": bind source path does not exist: /srv/data',
    });
  });

  it('stops a waiting task when told, and reports nothing more once the volume comes', () => {
    const { sim, events, taskId } = volumeTask(1);
    sim.runUntil(1_000);
    setDesired(sim, taskId, 'shutdown');
    sim.runUntil(2_000);
    publish(sim);
    sim.runUntil(10_000);
    const states = timeline(sim, taskId).map((entry) => entry.split('@')[0]);
    expect(states.slice(-2)).toEqual(['preparing', 'shutdown']);
    expect(stateEvents(events, taskId, 'ready')).toEqual([]);
  });
});
