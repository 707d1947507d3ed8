/**
 * The orchestrators inside the real swarm (createSwarm: real scheduler and agent), driven through
 * the control API, for the behaviours SWARM.md quotes from a real engine.
 */
import { describe, expect, it } from 'vitest';
import { isApiError } from '../../src/api/errors.js';
import { updateNode } from '../../src/api/node.js';
import { createService, updateService } from '../../src/api/service.js';
import type { Simulation } from '../../src/engine/simulation.js';
import { defaultServiceSpec } from '../../src/model/factory.js';
import { nodeByHostname } from '../../src/model/state.js';
import type { ServiceSpec, Task } from '../../src/model/types.js';
import { createSwarm } from '../../src/swarm.js';

function swarm(): Simulation {
  return createSwarm({
    seed: 1,
    nodes: [
      { hostname: 'm1', role: 'manager', labels: { zone: 'a' } },
      { hostname: 'w1', role: 'worker', labels: { zone: 'a' } },
      { hostname: 'w2', role: 'worker' },
    ],
  });
}

function create(sim: Simulation, spec: ServiceSpec): string {
  const service = createService(sim.ctx, spec);
  if (isApiError(service)) throw new Error(service.message);
  return service.id;
}

function scale(sim: Simulation, serviceId: string, replicas: number): void {
  const spec = structuredClone(sim.state.services[serviceId]!.spec);
  spec.mode = { replicated: { replicas } };
  if (isApiError(updateService(sim.ctx, serviceId, spec))) throw new Error('scale refused');
}

function tasks(sim: Simulation, serviceId: string): Task[] {
  return (sim.state.tasksByService[serviceId] ?? []).map((id) => sim.state.tasks[id]!);
}

function hostname(sim: Simulation, nodeId: string): string {
  return sim.state.nodes[nodeId]?.description.hostname ?? '';
}

describe('orchestrators in the full swarm', () => {
  it('on-failure, max attempts 3, always exit 3: four failed tasks in the slot, no fifth', () => {
    const sim = swarm();
    const spec = defaultServiceSpec('crash', 'alpine');
    spec.task.container.args = ['sh', '-c', 'exit 3'];
    spec.task.restart = { condition: 'on-failure', delayMs: 5000, maxAttempts: 3, windowMs: 0 };
    const serviceId = create(sim, spec);
    sim.runUntil(120_000);
    expect(tasks(sim, serviceId).map((t) => [t.slot, t.status.state, t.status.err])).toEqual(
      Array(4).fill([1, 'failed', 'task: non-zero exit (3)']),
    );
  });

  it('scale 5 -> 2: slots 3-5 desired remove while running, then gone; 2 -> 4 reuses 3, 4', () => {
    const sim = swarm();
    const serviceId = create(sim, defaultServiceSpec('web', 'nginx', 5));
    sim.runUntil(30_000);
    scale(sim, serviceId, 2);
    sim.runUntil(sim.now);
    expect(tasks(sim, serviceId).map((t) => [t.slot, t.desiredState, t.status.state])).toEqual([
      [1, 'running', 'running'],
      [2, 'running', 'running'],
      [3, 'remove', 'running'],
      [4, 'remove', 'running'],
      [5, 'remove', 'running'],
    ]);
    sim.runUntil(sim.now + 5000);
    expect(tasks(sim, serviceId).map((t) => t.slot)).toEqual([1, 2]);
    scale(sim, serviceId, 4);
    sim.runUntil(sim.now + 10_000);
    expect(tasks(sim, serviceId).map((t) => [t.slot, t.status.state])).toEqual([
      [1, 'running'],
      [2, 'running'],
      [3, 'running'],
      [4, 'running'],
    ]);
  });

  it('drain: a replacement with no delay, started once the old task has stopped', () => {
    const sim = swarm();
    const serviceId = create(sim, defaultServiceSpec('web', 'nginx', 3));
    sim.runUntil(30_000);
    const w1 = nodeByHostname(sim.state, 'w1')!.id;
    const old = tasks(sim, serviceId).find((t) => t.nodeId === w1)!;
    updateNode(sim.ctx, w1, { availability: 'drain' });
    const drainedAt = sim.now;
    sim.runUntil(drainedAt + 10_000);
    const slot = tasks(sim, serviceId).filter((t) => t.slot === old.slot);
    expect(slot.map((t) => [hostname(sim, t.nodeId), t.desiredState, t.status.state])).toEqual([
      ['w1', 'shutdown', 'shutdown'],
      [expect.not.stringMatching('w1'), 'running', 'running'],
    ]);
    const replacement = slot[1]!;
    expect(replacement.createdAt).toBe(drainedAt);
    const started = replacement.transitions.find((s) => s.state === 'starting')!.at;
    const stopped = sim.state.tasks[old.id]!.status.timestamp;
    expect(started).toBeGreaterThanOrEqual(stopped);
    expect(started - drainedAt).toBeLessThan(5000);
  });

  it('removing a required label rejects the task and restarts it on a matching node', () => {
    const sim = swarm();
    const spec = defaultServiceSpec('web', 'nginx', 1);
    spec.task.placement.constraints = ['node.labels.zone == a'];
    const serviceId = create(sim, spec);
    sim.runUntil(30_000);
    const [first] = tasks(sim, serviceId);
    const nodeId = first!.nodeId;
    updateNode(sim.ctx, nodeId, { labels: {} });
    sim.runUntil(sim.now + 15_000);
    const rejected = sim.state.tasks[first!.id]!;
    expect([rejected.status.state, rejected.status.err]).toEqual([
      'rejected',
      'assigned node no longer meets constraints',
    ]);
    const live = tasks(sim, serviceId).filter((t) => t.desiredState === 'running');
    expect(live).toHaveLength(1);
    expect(live[0]!.nodeId).not.toBe(nodeId);
    expect(hostname(sim, live[0]!.nodeId)).not.toBe('w2');
    expect(live[0]!.status.state).toBe('running');
  });

  it('replays identically: the same seed and actions give the same event log', () => {
    const run = (): string[] => {
      const log: string[] = [];
      const sim = createSwarm({
        seed: 3,
        nodes: [
          { hostname: 'm1', role: 'manager' },
          { hostname: 'w1', role: 'worker' },
        ],
        observers: [(_state, event) => log.push(JSON.stringify(event))],
      });
      const crash = defaultServiceSpec('crash', 'alpine', 3);
      crash.task.container.args = ['sh', '-c', 'exit 1'];
      create(sim, crash);
      create(sim, { ...defaultServiceSpec('agent', 'nginx'), mode: { global: {} } });
      sim.runUntil(20_000);
      updateNode(sim.ctx, nodeByHostname(sim.state, 'w1')!.id, { availability: 'drain' });
      sim.runUntil(60_000);
      return log;
    };
    const first = run();
    expect(first.length).toBeGreaterThan(100);
    expect(run()).toEqual(first);
  });
});
