import { describe, expect, it } from 'vitest';
import { catalogueImage } from '../../src/agent/image-catalogue.js';
import {
  agentHarness,
  assignTask,
  cacheImage,
  NODE,
  setDesired,
  setNodeStatus,
  timeline,
} from './harness.js';

describe('agent: from ASSIGNED to RUNNING', () => {
  it('pulls an image the node lacks, records it, then creates and starts the container', () => {
    const { sim, events } = agentHarness();
    const taskId = assignTask(sim, { image: 'nginx' });
    sim.runUntil(10_000);
    const pull = catalogueImage('nginx')!.pullMs!;
    expect(pull).toBe(4000);
    expect(timeline(sim, taskId)).toEqual([
      'assigned@0',
      'accepted@100',
      'preparing@100',
      'ready@4300',
      'starting@4300',
      'running@4600',
    ]);
    const pulled = events.filter((event) => event.type === 'node/imagePulled');
    expect(pulled).toEqual([
      { t: 4100, type: 'node/imagePulled', nodeId: NODE, image: 'nginx:latest' },
    ]);
    const task = sim.state.tasks[taskId]!;
    expect(task.status).toMatchObject({ state: 'running', message: 'started', err: '' });
  });

  it('skips the pull when the image is cached, so the same task runs 4 s sooner', () => {
    const { sim, events } = agentHarness();
    cacheImage(sim, 'nginx:latest');
    const taskId = assignTask(sim, { image: 'nginx' });
    sim.runUntil(10_000);
    expect(timeline(sim, taskId)).toEqual([
      'assigned@0',
      'accepted@100',
      'preparing@100',
      'ready@300',
      'starting@300',
      'running@600',
    ]);
    expect(events.filter((event) => event.type === 'node/imagePulled')).toHaveLength(1);
  });

  it('uses a per-image pull override and lets a second task share the pull under way', () => {
    const { sim, events } = agentHarness({ pullMsByImage: { alpine: 1000 } });
    const first = assignTask(sim, { image: 'alpine:3.20', args: ['sleep', '60'] });
    sim.runUntil(500);
    const second = assignTask(sim, { image: 'alpine:3.20', args: ['sleep', '60'] });
    sim.runUntil(5_000);
    expect(timeline(sim, first)).toContain('ready@1300');
    // The second one joins the pull that ends at 1100 instead of starting its own.
    expect(timeline(sim, second)).toContain('ready@1300');
    const pulled = events.filter((event) => event.type === 'node/imagePulled');
    expect(pulled.map((event) => event.t)).toEqual([1100]);
    expect(sim.state.nodes[NODE]!.images).toEqual(['alpine:3.20']);
  });

  it('parks a task with desired READY at READY and starts it when the desired state rises', () => {
    const { sim } = agentHarness();
    cacheImage(sim, 'nginx:latest');
    const taskId = assignTask(sim, { image: 'nginx', desiredState: 'ready' });
    sim.runUntil(10_000);
    expect(sim.state.tasks[taskId]!.status.state).toBe('ready');
    setDesired(sim, taskId, 'running');
    sim.runUntil(20_000);
    expect(timeline(sim, taskId)).toEqual([
      'assigned@0',
      'accepted@100',
      'preparing@100',
      'ready@300',
      // The agent sees the new desired state after the dispatcher's 100 ms batching.
      'starting@10100',
      'running@10400',
    ]);
  });

  it('accepts a task that reached ASSIGNED through a state change', () => {
    const { sim } = agentHarness();
    cacheImage(sim, 'nginx:latest');
    const taskId = assignTask(sim, { image: 'nginx', assignVia: 'stateChanged' });
    sim.runUntil(1_000);
    expect(timeline(sim, taskId)).toEqual([
      'assigned@0',
      'accepted@100',
      'preparing@100',
      'ready@300',
      'starting@300',
      'running@600',
    ]);
  });
});

describe('agent: node not ready', () => {
  it('freezes a task on a down node and resumes it when the node is ready again', () => {
    const { sim, events } = agentHarness();
    const taskId = assignTask(sim, { image: 'nginx' });
    sim.runUntil(1_000);
    setNodeStatus(sim, 'down');
    const before = events.length;
    sim.runUntil(60_000);
    expect(sim.state.tasks[taskId]!.status.state).toBe('preparing');
    expect(events.slice(before)).toEqual([]);
    setNodeStatus(sim, 'ready');
    sim.runUntil(70_000);
    expect(timeline(sim, taskId).slice(3)).toEqual([
      'ready@60200',
      'starting@60200',
      'running@60500',
    ]);
  });

  it('does not deliver an assignment to a down node until it is ready', () => {
    const { sim } = agentHarness();
    cacheImage(sim, 'nginx:latest');
    setNodeStatus(sim, 'down');
    const taskId = assignTask(sim, { image: 'nginx' });
    sim.runUntil(30_000);
    expect(sim.state.tasks[taskId]!.status.state).toBe('assigned');
    setNodeStatus(sim, 'ready');
    sim.runUntil(31_000);
    expect(timeline(sim, taskId)).toContain('running@30500');
  });
});
