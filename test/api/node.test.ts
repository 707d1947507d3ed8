import { describe, expect, it } from 'vitest';
import { isApiError } from '../../src/api/errors.js';
import { removeNode, updateNode } from '../../src/api/node.js';
import { createService } from '../../src/api/service.js';
import { buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import type { TaskState } from '../../src/model/task-state.js';
import { eventTypes, fixture, type Fixture } from './fixture.js';

function markDown(fx: Fixture, nodeId: string): void {
  fx.sim.emit({ type: 'node/statusChanged', nodeId, state: 'down', message: 'heartbeat failure' });
}

function text(result: unknown): string {
  return isApiError(result) ? result.daemonText() : 'accepted';
}

describe('updateNode', () => {
  it('records availability, labels and role as separate events, only for what changes', () => {
    const fx = fixture();
    const worker = fx.node('worker1');
    const change = { availability: 'drain', labels: { zone: 'a' }, role: 'worker' } as const;
    updateNode(fx.sim.ctx, worker, change);
    expect(eventTypes(fx)).toEqual(['node/availabilityChanged', 'node/labelsChanged']);
    expect(fx.sim.state.nodes[worker]).toMatchObject({
      availability: 'drain',
      labels: { zone: 'a' },
    });
    updateNode(fx.sim.ctx, worker, { availability: 'drain', labels: { zone: 'a' } });
    expect(fx.events).toHaveLength(2);
  });

  it('promotes at once: role, desired role and a reachable manager status', () => {
    const fx = fixture();
    const worker = fx.node('worker1');
    expect(text(updateNode(fx.sim.ctx, worker, { role: 'manager' }))).toBe('accepted');
    expect(fx.sim.state.nodes[worker]).toMatchObject({
      role: 'manager',
      desiredRole: 'manager',
      managerStatus: { leader: false, reachability: 'reachable', addr: '192.168.0.12:2377' },
    });
  });

  it('refuses to demote the last manager', () => {
    const fx = fixture();
    expect(text(updateNode(fx.sim.ctx, fx.node('manager1'), { role: 'worker' }))).toBe(
      'rpc error: code = FailedPrecondition desc = ' +
        'attempting to demote the last manager of the swarm',
    );
  });

  it('refuses a demotion that would leave too few reachable managers for quorum', () => {
    const fx = fixture([
      { hostname: 'm1', role: 'manager' },
      { hostname: 'm2', role: 'manager' },
      { hostname: 'm3', role: 'manager' },
    ]);
    // With m3 down, demoting m2 leaves only the leader reachable out of three members.
    markDown(fx, fx.node('m3'));
    expect(text(updateNode(fx.sim.ctx, fx.node('m2'), { role: 'worker' }))).toBe(
      'rpc error: code = FailedPrecondition desc = ' +
        "can't remove member from the raft: this would result in a loss of quorum",
    );
    expect(text(updateNode(fx.sim.ctx, fx.node('m3'), { role: 'worker' }))).toBe('accepted');
    const m3 = fx.sim.state.nodes[fx.node('m3')];
    expect(m3).toMatchObject({ role: 'worker', managerStatus: null });
  });

  it('refuses an unknown node', () => {
    const fx = fixture();
    expect(text(updateNode(fx.sim.ctx, 'nope', { availability: 'pause' }))).toBe(
      'rpc error: code = NotFound desc = node nope not found',
    );
  });
});

describe('removeNode', () => {
  function withTask(fx: Fixture, nodeId: string, state: TaskState): string {
    const service = createService(fx.sim.ctx, defaultServiceSpec(`s-${state}`, 'nginx'));
    if (isApiError(service)) throw new Error(service.message);
    const task = buildTask(
      {
        id: `t-${state}`,
        serviceId: service.id,
        spec: service.spec,
        specVersion: service.specVersion,
        slot: 1,
        nodeId,
        origin: 'orchestrator',
      },
      fx.sim.now,
    );
    fx.sim.emit({ type: 'task/created', task });
    if (state !== 'new') {
      fx.sim.emit({
        type: 'task/stateChanged',
        taskId: task.id,
        state,
        message: state,
        err: '',
        exitCode: null,
      });
    }
    return task.id;
  }

  it('refuses a Ready node without force, naming it by ID', () => {
    const fx = fixture();
    const worker = fx.node('worker1');
    expect(text(removeNode(fx.sim.ctx, worker))).toBe(
      `rpc error: code = FailedPrecondition desc = node ${worker} is not down and can't be removed`,
    );
  });

  it('refuses a manager even with force', () => {
    const fx = fixture();
    const manager = fx.node('manager1');
    expect(text(removeNode(fx.sim.ctx, manager, { force: true }))).toBe(
      `rpc error: code = FailedPrecondition desc = node ${manager} is a cluster manager and is ` +
        'a member of the raft cluster. It must be demoted to worker before removal',
    );
  });

  it('removes a down node, orphaning its unfinished tasks and leaving finished ones', () => {
    const fx = fixture();
    const worker = fx.node('worker1');
    const running = withTask(fx, worker, 'running');
    const complete = withTask(fx, worker, 'complete');
    markDown(fx, worker);
    fx.events.length = 0;
    expect(removeNode(fx.sim.ctx, worker)).toBeNull();
    expect(eventTypes(fx)).toEqual(['task/stateChanged', 'node/removed']);
    expect(fx.sim.state.tasks[running]?.status).toMatchObject({
      state: 'orphaned',
      message: 'Task belonged to a node that has been deleted',
    });
    expect(fx.sim.state.tasks[complete]?.status.state).toBe('complete');
    expect(fx.sim.state.nodes[worker]).toBeUndefined();
  });

  it('removes a Ready worker with force', () => {
    const fx = fixture();
    expect(removeNode(fx.sim.ctx, fx.node('worker2'), { force: true })).toBeNull();
    expect(fx.sim.state.nodeIds).toHaveLength(2);
  });
});
