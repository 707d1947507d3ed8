/**
 * The liveness judge: a shortfall is fine while every missing replica has a task on its way, and
 * a bug when the orchestrator simply did not create enough tasks.
 */
import { describe, expect, it } from 'vitest';
import { convergenceReport } from '../../src/check/convergence.js';
import { Simulation } from '../../src/engine/simulation.js';
import { buildNode, buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import type { TaskState } from '../../src/model/task-state.js';

function serviceWithTasks(replicas: number, tasks: { state: TaskState; desired: TaskState }[]) {
  const sim = new Simulation({ seed: 1, components: [] });
  sim.emit({ type: 'cluster/initialized', clusterId: 'c', taskHistoryRetentionLimit: 5, heartbeatPeriodMs: 5000 });
  sim.emit({ type: 'node/joined', node: buildNode({ id: 'n1', hostname: 'n1', role: 'manager', addr: '10.0.0.1' }, 0) });
  const spec = defaultServiceSpec('web', 'nginx', replicas);
  sim.emit({
    type: 'service/created',
    service: {
      id: 's1', version: 0, createdAt: 0, updatedAt: 0, spec, specVersion: 1,
      previousSpec: null, previousSpecVersion: null, updateStatus: null, endpointPorts: [],
    },
  });
  tasks.forEach(({ state, desired }, index) => {
    const id = `t${index}`;
    const task = buildTask({ id, serviceId: 's1', spec, specVersion: 1, slot: index + 1, nodeId: 'n1', origin: 'orchestrator', desiredState: desired }, 0);
    sim.emit({ type: 'task/created', task });
    if (state !== 'new') sim.emit({ type: 'task/stateChanged', taskId: id, state, message: '', err: '', exitCode: null });
  });
  return convergenceReport(sim.state)[0]!;
}

describe('convergence report', () => {
  it('accepts a shortfall whose missing replica is on its way (restart delay, pending)', () => {
    const report = serviceWithTasks(3, [
      { state: 'running', desired: 'running' },
      { state: 'ready', desired: 'ready' },
      { state: 'pending', desired: 'running' },
    ]);
    expect([report.running, report.desired, report.explained]).toEqual([1, 3, true]);
  });

  it('flags a service with fewer tasks meant to run than replicas', () => {
    const report = serviceWithTasks(3, [
      { state: 'running', desired: 'running' },
      { state: 'failed', desired: 'shutdown' },
    ]);
    expect([report.running, report.desired, report.explained]).toEqual([1, 3, false]);
  });
});
