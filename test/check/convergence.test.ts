/**
 * The liveness judge: a shortfall is fine while every missing replica has a task on its way that
 * no node can take yet, or its slot's restart policy forbids another attempt; it is a bug when a
 * slot was left empty, or a task stays PENDING beside a node that passes every filter.
 */
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/api/service.js';
import { isApiError } from '../../src/api/errors.js';
import { convergenceReport, ConvergenceWatch, SCHEDULER_SETTLE_MS } from '../../src/check/convergence.js';
import { Simulation, type Component } from '../../src/engine/simulation.js';
import { buildNode, buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import type { TaskState } from '../../src/model/task-state.js';
import { createAllocator } from '../../src/orchestrator/allocator.js';
import { createReplicatedOrchestrator } from '../../src/orchestrator/replicated.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario } from '../../src/scenario/run.js';

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

/** Runs a scenario to its end and judges it at its horizon, as the property test does. */
function judgeScenario(lines: string[]) {
  const text = ['name: judged', 'seed: 3', 'until: 120s', ...lines].join('\n');
  const watch = new ConvergenceWatch();
  const { sim } = runScenario(parseScenario(text, 'judged.yaml'), { observers: [watch.observe] });
  return convergenceReport(sim.state, { now: sim.now, watch });
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

  it('flags a service with fewer slots holding a task than replicas', () => {
    const report = serviceWithTasks(3, [
      { state: 'running', desired: 'running' },
      { state: 'running', desired: 'running' },
    ]);
    expect(report.explained).toBe(false);
    expect(report.unexplained).toEqual(['web: 2 of 3 slots hold a task']);
  });

  it('flags a failed slot that its restart policy would restart, left without replacement', () => {
    const report = serviceWithTasks(2, [
      { state: 'running', desired: 'running' },
      { state: 'failed', desired: 'shutdown' },
    ]);
    expect(report.unexplained).toEqual([
      'web: 1 of 2 slots hold a task (slot 2: last task t1 is failed (desired shutdown), no replacement)',
    ]);
  });
});

describe('a scheduler that never assigns', () => {
  const neverAssigns: Component = { name: 'scheduler' };

  function brokenSwarm() {
    const watch = new ConvergenceWatch();
    const sim = new Simulation({
      seed: 1,
      components: [createAllocator(), createReplicatedOrchestrator(), neverAssigns],
      observers: [watch.observe],
    });
    sim.emit({ type: 'cluster/initialized', clusterId: 'c', taskHistoryRetentionLimit: 5, heartbeatPeriodMs: 5000 });
    sim.emit({ type: 'node/joined', node: buildNode({ id: 'n1', hostname: 'n1', role: 'manager', addr: '10.0.0.1' }, 0) });
    const created = createService(sim.ctx, defaultServiceSpec('web', 'nginx', 2));
    if (isApiError(created)) throw new Error(created.message);
    return { sim, watch };
  }

  it('is caught once the cluster has been quiet past the scheduler latency', () => {
    const { sim, watch } = brokenSwarm();
    sim.runUntil(10_000);
    const [report] = convergenceReport(sim.state, { now: sim.now, watch });
    expect(report!.explained).toBe(false);
    expect(report!.unexplained).toHaveLength(2);
    expect(report!.unexplained[0]).toMatch(/^web slot 1: task \S+ is pending although n1 passes every filter$/);
  });

  it('is not judged before the scheduler had its chance', () => {
    const { sim, watch } = brokenSwarm();
    sim.runUntil(SCHEDULER_SETTLE_MS - 1);
    const timing = { now: sim.now, watch };
    expect(convergenceReport(sim.state, timing)[0]!.explained).toBe(true);
  });
});

describe('legitimate shortfalls of the real swarm', () => {
  const cluster = ['cluster:', '  managers: 1', '  workers: 2', 'steps:'];

  it('accepts replicas pending for want of resources or a matching node', () => {
    const reports = judgeScenario([
      ...cluster,
      '  - {at: 0s, run: "docker service create -d --name big --replicas 4 --reserve-cpu 1.5 nginx"}',
      "  - {at: 0s, run: \"docker service create -d --name nowhere --constraint 'node.labels.zone==z' nginx\"}",
    ]);
    // Three 2-CPU nodes hold one 1.5-CPU replica each: the fourth waits, rightly.
    expect(reports.map((r) => [r.service, r.running, r.desired, r.explained])).toEqual([
      ['big', 3, 4, true],
      ['nowhere', 0, 1, true],
    ]);
    expect(reports[0]!.pending).toEqual([expect.stringMatching(/^big\.\d is Pending/)]);
  });

  it('accepts a slot whose restart attempts are exhausted, and one that ran to completion', () => {
    const reports = judgeScenario([
      ...cluster,
      "  - {at: 0s, run: \"docker service create -d --name flaky --restart-max-attempts 2 --restart-delay 1s alpine sh -c 'sleep 2; exit 1'\"}",
      "  - {at: 0s, run: \"docker service create -d --name once --restart-condition on-failure alpine sh -c 'sleep 2'\"}",
    ]);
    expect(reports.map((r) => [r.service, r.running, r.explained])).toEqual([
      ['flaky', 0, true],
      ['once', 0, true],
    ]);
  });

  it('counts restarts whose tasks were scaled away, as the orchestrator still does', () => {
    // The first restart of slot 1 is deleted by the scale to 0; the rollback brings back spec
    // version and slot, so one more restart spends MaxAttempts although the slot shows one.
    const reports = judgeScenario([
      'cluster:', '  managers: 1', '  workers: 0', 'steps:',
      '  - {at: 0s, run: "docker service create -d --name s0 --replicas 0 --restart-max-attempts 2 alpine"}',
      '  - {at: 1s, run: "docker service scale -d s0=1"}',
      '  - {at: 4s, run: "docker service scale -d s0=0"}',
      '  - {at: 4s, run: "docker service rollback -d s0"}',
    ]);
    expect(reports.map((r) => [r.service, r.running, r.desired, r.unexplained])).toEqual([
      ['s0', 0, 1, []],
    ]);
  });

  it('accepts the slot swarmkit loses to a quick scale down and up under restart none', () => {
    // The real engine stayed at 0/1 (test/fixtures/real-docker/scale-restart-none); with the
    // default condition the scale-up makes a new task and nothing is excused.
    const quickScale = (condition: string) =>
      judgeScenario([
        'cluster:', '  managers: 1', '  workers: 0', 'steps:',
        `  - {at: 0s, run: "docker service create -d --name s0 --restart-condition ${condition} alpine sleep 3600"}`,
        '  - {at: 1s, run: "docker service scale -d s0=0"}',
        '  - {at: 1s, run: "docker service scale -d s0=1"}',
      ]).map((r) => [r.service, r.running, r.desired, r.unexplained]);
    expect(quickScale('none')).toEqual([['s0', 0, 1, []]]);
    expect(quickScale('any')).toEqual([['s0', 1, 1, []]]);
  });

  it('excuses nothing when the scale-up comes after the removed task is gone', () => {
    const reports = judgeScenario([
      'cluster:', '  managers: 1', '  workers: 0', 'steps:',
      '  - {at: 0s, run: "docker service create -d --name s0 --restart-condition none alpine sleep 3600"}',
      '  - {at: 1s, run: "docker service scale -d s0=0"}',
      '  - {at: 30s, run: "docker service scale -d s0=1"}',
    ]);
    // The scale-down's deletion left a service wanting no slot: nothing is recorded as lost, so
    // a scale-up that made no task would be flagged. It makes one.
    expect(reports.map((r) => [r.service, r.running, r.unexplained])).toEqual([['s0', 1, []]]);
  });
});
