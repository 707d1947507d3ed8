/**
 * Two things swarmkit's jobs orchestrator really does (docs/fidelity.md, "Jobs"): a task that
 * failed for good frees its slot (or node), which the job's next reconcile fills with a fresh
 * task, and that reconcile comes only when another task of the job ends (or the job is updated,
 * or a leader takes over), not when the failed task is shut down nor on node events; and
 * MaxAttempts never stops a global job, whose restart history is looked up under the wrong key.
 */
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/model/types.js';
import { cluster, type Cluster } from '../faults/cluster.js';

function inSlot(c: Cluster, service: string, slot: number): Task[] {
  return c.tasks(service).filter((task) => task.slot === slot);
}

/** Time of the first completion among `tasks`, from the event log. */
function firstCompletion(c: Cluster, tasks: readonly Task[]): number | undefined {
  const ids = new Set(tasks.map((task) => task.id));
  const done = c.events.find(
    (event) =>
      event.type === 'task/stateChanged' && event.state === 'complete' && ids.has(event.taskId),
  );
  return done?.t;
}

describe('a job task that failed for good', () => {
  it('frees its slot, refilled when another task of the job ends, not sooner', () => {
    const c = cluster();
    const create =
      'docker service create -d --name job --mode replicated-job --replicas 3 ' +
      '--restart-condition none alpine sleep 20';
    expect(c.docker(create).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 5_000);
    const first = inSlot(c, 'job', 0)[0]!;
    expect(first.status.state).toBe('running');
    c.inject({ kind: 'containerCrash', taskId: first.id, exitCode: 1 });
    c.sim.runUntil(c.sim.now + 2_000);
    expect(c.sim.state.tasks[first.id]?.desiredState).toBe('shutdown');
    // Neither the shutdown nor a node event reconciles the job: the slot stays empty.
    expect(c.docker('docker node update --label-add zone=a worker1').exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 2_000);
    expect(inSlot(c, 'job', 0)).toHaveLength(1);

    c.sim.runUntil(c.sim.now + 60_000);
    const siblings = c.tasks('job').filter((task) => task.slot !== 0);
    const refill = inSlot(c, 'job', 0)[1];
    expect(refill?.origin).toBe('orchestrator');
    expect(refill?.createdAt).toBe(firstCompletion(c, siblings));
    expect(inSlot(c, 'job', 0)).toHaveLength(2);
    expect(c.tasks('job').filter((task) => task.status.state === 'complete')).toHaveLength(3);
  });

  it('frees its node in a global job, refilled when the job next reconciles', () => {
    const c = cluster();
    const create =
      'docker service create -d --name gjob --mode global-job --restart-condition none ' +
      'alpine sleep 20';
    expect(c.docker(create).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 5_000);
    const worker1 = c.id('worker1');
    const first = c.tasks('gjob').find((task) => task.nodeId === worker1)!;
    c.inject({ kind: 'containerCrash', taskId: first.id, exitCode: 1 });
    c.sim.runUntil(c.sim.now + 5_000);
    expect(c.tasks('gjob').filter((task) => task.nodeId === worker1)).toHaveLength(1);

    c.sim.runUntil(c.sim.now + 60_000);
    const others = c.tasks('gjob').filter((task) => task.nodeId !== worker1);
    const onWorker1 = c.tasks('gjob').filter((task) => task.nodeId === worker1);
    expect(onWorker1).toHaveLength(2);
    expect(onWorker1[1]!.createdAt).toBe(firstCompletion(c, others));
    expect(onWorker1[1]!.status.state).toBe('complete');
  });
});

describe('MaxAttempts and global jobs', () => {
  it('never stops restarting a failing global job task', () => {
    const c = cluster();
    const create =
      'docker service create -d --name gfail --mode global-job --restart-max-attempts 1 ' +
      '--restart-delay 1s alpine false';
    expect(c.docker(create).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 60_000);
    for (const host of ['manager1', 'worker2']) {
      const onNode = c.tasks('gfail').filter((task) => task.nodeId === c.id(host));
      // One try and a restart would be all if MaxAttempts counted; it goes on every ~second.
      expect(onNode.length).toBeGreaterThan(10);
      expect(onNode.filter((task) => task.origin === 'restart').length).toBe(onNode.length - 1);
    }
  });

  it('still stops a replicated job at MaxAttempts', () => {
    const c = cluster();
    const create =
      'docker service create -d --name rfail --mode replicated-job --restart-max-attempts 1 ' +
      '--restart-delay 1s alpine false';
    expect(c.docker(create).exitCode).toBe(0);
    c.sim.runUntil(c.sim.now + 60_000);
    expect(c.tasks('rfail').map((task) => task.status.state)).toEqual(['failed', 'failed']);
  });
});
