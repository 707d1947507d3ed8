import { describe, expect, it } from 'vitest';
import type { RestartCondition } from '../../src/model/types.js';
import { TestCluster, spec } from './harness.js';

const twoNodes = [{ hostname: 'n1' }, { hostname: 'n2' }];

function withRestart(condition: RestartCondition, maxAttempts = 0, windowMs = 0, delayMs = 5000) {
  return spec('web', 1, (s) => {
    s.task.restart = { condition, delayMs, maxAttempts, windowMs };
  });
}

function crashing(image: string, exitCode: number, afterMs = 100) {
  return { exits: { [image]: { afterMs, exitCode } } };
}

describe('restart supervisor', () => {
  it('replaces an exited task in its slot with desired ready, started after the 5 s delay', () => {
    const cluster = new TestCluster({ nodes: twoNodes });
    const serviceId = cluster.createService(withRestart('any'));
    cluster.run(1000);
    const old = cluster.liveTasks(serviceId)[0]!;
    cluster.exitTask(old.id, 0);
    const exitedAt = cluster.now;
    expect(cluster.state.tasks[old.id]!.desiredState).toBe('shutdown');
    const replacement = cluster.liveTasks(serviceId)[0]!;
    const { slot, origin, createdAt } = replacement;
    expect([slot, origin, createdAt]).toEqual([1, 'restart', exitedAt]);
    cluster.run(4999);
    const waiting = cluster.state.tasks[replacement.id]!;
    expect([waiting.desiredState, waiting.status.state]).toEqual(['ready', 'ready']);
    cluster.run(1000);
    expect(cluster.desiredAt(replacement.id, 'running')).toBe(exitedAt + 5000);
    expect(cluster.state.tasks[replacement.id]!.status.state).toBe('running');
  });

  it('condition none leaves the slot satisfied: nothing replaces it, even on a scale-up', () => {
    const cluster = new TestCluster({ nodes: twoNodes });
    const serviceId = cluster.createService(withRestart('none'));
    cluster.run(1000);
    const only = cluster.liveTasks(serviceId)[0]!;
    cluster.exitTask(only.id, 1);
    cluster.run(30_000);
    expect(cluster.tasks(serviceId).map((t) => [t.slot, t.desiredState, t.status.state])).toEqual([
      [1, 'shutdown', 'failed'],
    ]);
    cluster.scale(serviceId, 2);
    cluster.run(1000);
    expect(cluster.tasks(serviceId).map((t) => [t.slot, t.status.state])).toEqual([
      [1, 'failed'],
      [2, 'running'],
    ]);
  });

  it('on-failure restarts a failed task but not one that exited 0', () => {
    const cluster = new TestCluster({ nodes: twoNodes });
    const serviceId = cluster.createService(
      spec('web', 2, (s) => {
        s.task.restart.condition = 'on-failure';
      }),
    );
    cluster.run(1000);
    const [first, second] = cluster.liveTasks(serviceId);
    cluster.exitTask(first!.id, 0);
    cluster.exitTask(second!.id, 2);
    cluster.run(10_000);
    expect(cluster.rows(serviceId).map((r) => [r.slot, r.desired, r.observed])).toEqual([
      [1, 'shutdown', 'complete'],
      [2, 'shutdown', 'failed'],
      [2, 'running', 'running'],
    ]);
  });

  it('on-failure with max attempts 3 leaves exactly 4 failed tasks and no fifth', () => {
    const cluster = new TestCluster({ nodes: twoNodes, agent: crashing('crash', 3) });
    const serviceId = cluster.createService(
      spec('web', 1, (s) => {
        s.task.container.image = 'crash';
        s.task.restart = { condition: 'on-failure', delayMs: 5000, maxAttempts: 3, windowMs: 0 };
      }),
    );
    cluster.run(120_000);
    expect(cluster.createdTasks(serviceId)).toHaveLength(4);
    const tasks = cluster.tasks(serviceId);
    expect(tasks).toHaveLength(4);
    for (const task of tasks) {
      expect([task.slot, task.desiredState, task.status.state, task.status.err]).toEqual([
        1,
        'shutdown',
        'failed',
        'task: non-zero exit (3)',
      ]);
    }
  });

  it('max attempts with a window counts only restarts inside the window', () => {
    // Each task runs 15 s before failing, longer than the 10 s window: every restart is allowed.
    const cluster = new TestCluster({ nodes: twoNodes, agent: crashing('slowcrash', 1, 15_000) });
    const serviceId = cluster.createService(
      spec('web', 1, (s) => {
        s.task.container.image = 'slowcrash';
        s.task.restart = { condition: 'any', delayMs: 1000, maxAttempts: 1, windowMs: 10_000 };
      }),
    );
    cluster.run(100_000);
    expect(cluster.createdTasks(serviceId).length).toBeGreaterThanOrEqual(5);
    expect(cluster.liveTasks(serviceId)).toHaveLength(1);
  });

  it('max attempts with a window stops fast failures once the window holds that many', () => {
    const cluster = new TestCluster({ nodes: twoNodes, agent: crashing('crash', 1) });
    const serviceId = cluster.createService(
      spec('web', 1, (s) => {
        s.task.container.image = 'crash';
        s.task.restart = { condition: 'any', delayMs: 1000, maxAttempts: 2, windowMs: 10_000 };
      }),
    );
    cluster.run(100_000);
    // Failures ~1.6 s apart: the third failure sees 2 restarts inside the window.
    expect(cluster.createdTasks(serviceId)).toHaveLength(3);
  });

  it('resets the restart count when the spec version changes', () => {
    const cluster = new TestCluster({ nodes: twoNodes, agent: crashing('crash', 1, 3000) });
    const serviceId = cluster.createService(
      spec('web', 1, (s) => {
        s.task.container.image = 'crash';
        s.task.restart = { condition: 'any', delayMs: 1000, maxAttempts: 2, windowMs: 0 };
      }),
    );
    // The first task fails at ~3.5 s; its replacement (old spec) is running by ~5 s.
    cluster.run(5500);
    cluster.updateService(serviceId, (s) => {
      s.task.container.env = ['V=2'];
    });
    const newVersion = cluster.state.services[serviceId]!.specVersion;
    cluster.run(100_000);
    const created = cluster.createdTasks(serviceId);
    // Old spec: the original and one restart. New spec: the rolling updater's replacement,
    // then a fresh count of 2 restarts.
    expect(created.map((t) => t.origin)).toEqual([
      'orchestrator',
      'restart',
      'updater',
      'restart',
      'restart',
    ]);
    expect(created.map((t) => t.specVersion === newVersion)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  it('a replacement rejected while waiting is restarted only once its own delay has passed', () => {
    const cluster = new TestCluster({ nodes: twoNodes });
    const serviceId = cluster.createService(withRestart('any'));
    cluster.run(1000);
    cluster.exitTask(cluster.liveTasks(serviceId)[0]!.id, 1);
    const failedAt = cluster.now;
    const replacement = cluster.liveTasks(serviceId)[0]!;
    cluster.run(1000);
    cluster.sim.emit({
      type: 'task/stateChanged',
      taskId: replacement.id,
      state: 'rejected',
      message: 'preparing',
      err: 'No such image: nginx:alpine',
      exitCode: null,
    });
    cluster.settle();
    expect(cluster.createdTasks(serviceId)).toHaveLength(2);
    expect(cluster.state.tasks[replacement.id]!.desiredState).toBe('ready');
    cluster.run(4000);
    const created = cluster.createdTasks(serviceId);
    expect(created).toHaveLength(3);
    expect(created[2]!.createdAt).toBe(failedAt + 5000);
    expect(cluster.desiredAt(replacement.id, 'running')).toBe(failedAt + 5000);
    expect(cluster.desiredAt(replacement.id, 'shutdown')).toBe(failedAt + 5000);
    cluster.run(5000);
    expect(cluster.desiredAt(created[2]!.id, 'running')).toBe(failedAt + 10_000);
  });
});
