/**
 * The dispatcher's per-node assignment batches (src/agent/assignment-batch.ts, swarmkit
 * dispatcher.go Assignments): a node's changes reach its agent 100 ms after its LAST change.
 */
import { describe, expect, it } from 'vitest';
import { MODIFICATION_BATCH_LIMIT } from '../../src/agent/assignment-batch.js';
import { agentHarness, assignTask, cacheImage, setDesired, timeline } from './harness.js';

/** A harness with a task parked at READY (desired READY), to be started by a desired change. */
function parkedTask(): { sim: ReturnType<typeof agentHarness>['sim']; parked: string } {
  const { sim } = agentHarness();
  cacheImage(sim, 'nginx:latest');
  const parked = assignTask(sim, { image: 'nginx', desiredState: 'ready' });
  sim.runUntil(10_000);
  expect(sim.state.tasks[parked]!.status.state).toBe('ready');
  return { sim, parked };
}

describe("agent: the dispatcher's assignment batches (quiet period)", () => {
  it('delivers a lone change 100 ms after it', () => {
    const { sim, parked } = parkedTask();
    setDesired(sim, parked, 'running');
    sim.runUntil(20_000);
    expect(timeline(sim, parked)).toContain('starting@10100');
  });

  it('delivers two changes 50 ms apart together, 100 ms after the second', () => {
    const { sim, parked } = parkedTask();
    setDesired(sim, parked, 'running');
    sim.runUntil(10_050);
    const second = assignTask(sim, { image: 'nginx' });
    sim.runUntil(20_000);
    // The first change waits for the node's quiet period: 150 ms, not 100.
    expect(timeline(sim, parked)).toContain('starting@10150');
    expect(timeline(sim, second)).toContain('accepted@10150');
  });

  it('restarts the wait at every change of a burst, however long the burst', () => {
    const { sim, parked } = parkedTask();
    setDesired(sim, parked, 'running');
    sim.runUntil(10_090);
    const second = assignTask(sim, { image: 'nginx' });
    sim.runUntil(10_180);
    const third = assignTask(sim, { image: 'nginx' });
    sim.runUntil(20_000);
    expect(timeline(sim, parked)).toContain('starting@10280');
    expect(timeline(sim, second)).toContain('accepted@10280');
    expect(timeline(sim, third)).toContain('accepted@10280');
  });

  it('counts a task leaving the node as a change that postpones the batch', () => {
    const { sim, parked } = parkedTask();
    const leaving = assignTask(sim, { image: 'nginx', desiredState: 'ready' });
    sim.runUntil(11_000);
    setDesired(sim, parked, 'running');
    sim.runUntil(11_060);
    sim.emit({ type: 'task/removed', taskId: leaving });
    sim.runUntil(20_000);
    expect(timeline(sim, parked)).toContain('starting@11160');
  });

  it("counts a finished task's desired-state change, as swarmkit's assignment set does", () => {
    const { sim, parked } = parkedTask();
    const finished = assignTask(sim, { image: 'nginx', args: ['true'] });
    sim.runUntil(11_000);
    expect(sim.state.tasks[finished]!.status.state).toBe('complete');
    setDesired(sim, parked, 'running');
    sim.runUntil(11_060);
    setDesired(sim, finished, 'shutdown');
    sim.runUntil(20_000);
    expect(timeline(sim, parked)).toContain('starting@11160');
  });

  it('sends a batch at once when it reaches the modification limit', () => {
    const { sim } = agentHarness();
    cacheImage(sim, 'nginx:latest');
    expect(MODIFICATION_BATCH_LIMIT).toBe(100);
    const first = Array.from({ length: MODIFICATION_BATCH_LIMIT }, () =>
      assignTask(sim, { image: 'nginx', desiredState: 'ready' }),
    );
    const next = assignTask(sim, { image: 'nginx', desiredState: 'ready' });
    sim.runUntil(1_000);
    for (const taskId of first) expect(timeline(sim, taskId)[1]).toBe('accepted@0');
    // The 101st change opens a new batch, sent after the quiet period.
    expect(timeline(sim, next)[1]).toBe('accepted@100');
  });
});
