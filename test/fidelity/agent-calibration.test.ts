/**
 * The agent behaviours the real swarm showed and the fidelity cases rely on, checked one at a
 * time with the calibrated defaults (the agent's own tests pin other, round timings):
 * re-report of a running task whose desired state changes, swarmkit's 1 s back-off before the
 * SIGTERM, report latencies, the exec, and containers starting together sharing the node's CPUs.
 * The status path's batching and its random RUNNING delay are off here, so times are exact (the
 * store event at the agent's report); test/agent/reporter.test.ts checks that path.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_AGENT_TIMINGS } from '../../src/agent/timings.js';
import {
  agentHarness,
  assignTask,
  cacheImage,
  setDesired,
  timeline,
} from '../agent/harness.js';

const CALIBRATED = {
  timings: { ...DEFAULT_AGENT_TIMINGS, statusBatchMs: 0, runningReportMaxMs: 0 },
};

function harness() {
  const built = agentHarness(CALIBRATED);
  cacheImage(built.sim, 'busybox:latest');
  return built;
}

describe('agent calibration (Engine 20.10 measurements)', () => {
  it('runs a lone container 0.61 s after assignment: dispatch 0.1, create 0.06, start 0.45', () => {
    const { sim } = harness();
    const taskId = assignTask(sim, { image: 'busybox', args: ['sleep', '3600'] });
    sim.runUntil(5_000);
    expect(timeline(sim, taskId)).toEqual([
      'assigned@0', 'accepted@100', 'preparing@100', 'ready@160', 'starting@160', 'running@610',
    ]);
  });

  it('slows containers that start together by 0.25 s per other one', () => {
    const { sim } = harness();
    const ids = [1, 2, 3].map(() => assignTask(sim, { image: 'busybox', args: ['sleep', '3600'] }));
    sim.runUntil(5_000);
    const ends = ids.map((id) => timeline(sim, id).at(-1));
    expect(ends).toEqual(['running@1110', 'running@1110', 'running@1110']);
    // A later start on the same node, with the others already running, is alone again.
    const late = assignTask(sim, { image: 'busybox', args: ['sleep', '3600'] });
    sim.runUntil(10_000);
    expect(timeline(sim, late).at(-1)).toBe('running@5610');
  });

  it('runs the process 0.04 s after the start (exec) and reports its exit 0.1 s after', () => {
    const { sim } = harness();
    const taskId = assignTask(sim, { image: 'busybox', args: ['sh', '-c', 'sleep 1; exit 3'] });
    sim.runUntil(5_000);
    expect(timeline(sim, taskId).slice(-2)).toEqual(['running@610', 'failed@1750']);
    expect(sim.state.tasks[taskId]!.status).toMatchObject({ message: 'started', exitCode: 3 });
  });

  it('re-reports a running task on desired Shutdown, then stops it after the back-off', () => {
    const { sim, events } = harness();
    const args = ['sleep', '3600'];
    const taskId = assignTask(sim, { image: 'busybox', args, stopGracePeriodMs: 1000 });
    sim.runUntil(5_000);
    setDesired(sim, taskId, 'shutdown');
    sim.runUntil(10_000);
    const refreshes = events.filter((event) => event.type === 'task/statusRefreshed');
    expect(refreshes.map((event) => event.t)).toEqual([5100]);
    // 5.1 s re-report, SIGTERM 1.05 s later (ignored by sleep), SIGKILL after 1 s, report 0.25 s.
    expect(timeline(sim, taskId).at(-1)).toBe('shutdown@7400');
    expect(sim.state.tasks[taskId]!.status).toMatchObject({ state: 'shutdown', exitCode: 137 });
  });

  it('moves Status.Timestamp but not the state on the re-report, with exit code -1', () => {
    const { sim } = harness();
    const taskId = assignTask(sim, { image: 'busybox', args: ['sleep', '3600'] });
    sim.runUntil(5_000);
    setDesired(sim, taskId, 'remove');
    sim.runUntil(5_500);
    expect(sim.state.tasks[taskId]!.status).toMatchObject({
      state: 'running',
      timestamp: 5100,
      exitCode: -1,
    });
    expect(timeline(sim, taskId).at(-1)).toBe('running@610');
  });

  it('shuts a task parked in Ready down at once: no operation to cancel, no back-off', () => {
    const { sim, events } = harness();
    const args = ['sleep', '3600'];
    const taskId = assignTask(sim, { image: 'busybox', args, desiredState: 'ready' });
    sim.runUntil(5_000);
    setDesired(sim, taskId, 'shutdown');
    sim.runUntil(10_000);
    expect(timeline(sim, taskId).at(-1)).toBe('shutdown@5100');
    expect(events.some((event) => event.type === 'task/statusRefreshed')).toBe(false);
  });

  it('lets a process that exited on its own be reported as such, not as a stop', () => {
    const { sim } = harness();
    const taskId = assignTask(sim, { image: 'busybox', args: ['sh', '-c', 'sleep 1; exit 3'] });
    // The process ends at 1.65 s; its report is due at 1.75 s; the stop arrives in between.
    sim.runUntil(1_600);
    setDesired(sim, taskId, 'shutdown');
    sim.runUntil(5_000);
    expect(timeline(sim, taskId).at(-1)).toBe('failed@1750');
  });
});
