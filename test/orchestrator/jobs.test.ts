/**
 * The jobs orchestrator in a full simulated swarm: replicated jobs run MaxConcurrent tasks at a
 * time until TotalCompletions have completed, failed job tasks are restarted per the restart
 * policy, global jobs run once per node, and an update re-runs the job.
 */
import { describe, expect, it } from 'vitest';
import type { Service, Task } from '../../src/model/types.js';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from '../dockercli/docker.js';

function service(fx: Fixture, name: string): Service {
  const found = Object.values(fx.sim.state.services).find((s) => s.spec.name === name);
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

function tasks(fx: Fixture, name: string): Task[] {
  const id = service(fx, name).id;
  return (fx.sim.state.tasksByService[id] ?? []).map((taskId) => fx.sim.state.tasks[taskId]!);
}

function runningCount(fx: Fixture, name: string): number {
  return tasks(fx, name).filter((task) => task.status.state === 'running').length;
}

/** Advances virtual time in 100 ms steps, returning the most tasks seen running at once. */
function runFor(fx: Fixture, name: string, ms: number): number {
  let most = 0;
  const end = fx.sim.now + ms;
  for (let at = fx.sim.now + 100; at <= end; at += 100) {
    fx.sim.runUntil(at);
    most = Math.max(most, runningCount(fx, name));
  }
  return most;
}

describe('replicated jobs', () => {
  it('runs at most MaxConcurrent tasks at once and stops after TotalCompletions', () => {
    const fx = fixture();
    const cmd =
      'service create -d --name job --mode replicated-job --replicas 5 --max-concurrent 2 ' +
      "alpine sh -c 'sleep 2'";
    expect(docker(fx, cmd).exitCode).toBe(0);
    expect(service(fx, 'job').spec.mode).toEqual({
      replicatedJob: { maxConcurrent: 2, totalCompletions: 5 },
    });
    expect(runFor(fx, 'job', 60_000)).toBe(2);
    const all = tasks(fx, 'job');
    expect(all.map((task) => task.status.state)).toEqual(Array(5).fill('complete'));
    expect(all.map((task) => task.slot).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(all.every((task) => task.desiredState === 'complete')).toBe(true);
    const ls = docker(fx, 'service ls').stdout;
    expect(ls).toContain('replicated job');
    expect(ls).toContain('0/2 (5/5 completed)');
  });

  it('restarts a failing task per its restart policy, `any` acting as on-failure', () => {
    const fx = fixture();
    const cmd =
      'service create -d --name fail --mode replicated-job --restart-max-attempts 2 ' +
      "--restart-delay 1s alpine sh -c 'exit 1'";
    expect(docker(fx, cmd).exitCode).toBe(0);
    runFor(fx, 'fail', 60_000);
    const all = tasks(fx, 'fail');
    // The first try and two restarts, all in slot 0, all failed; no further task.
    expect(all).toHaveLength(3);
    expect(all.every((task) => task.slot === 0 && task.status.state === 'failed')).toBe(true);
    expect(all.filter((task) => task.origin === 'restart')).toHaveLength(2);
  });

  it('does not restart a task that failed under restart condition none', () => {
    const fx = fixture();
    const cmd =
      'service create -d --name once --mode replicated-job --restart-condition none ' +
      "alpine sh -c 'exit 3'";
    expect(docker(fx, cmd).exitCode).toBe(0);
    runFor(fx, 'once', 30_000);
    expect(tasks(fx, 'once').map((task) => task.status.state)).toEqual(['failed']);
  });

  it('re-runs the job in a new iteration after an update', () => {
    const fx = fixture();
    const cmd =
      "service create -d --name job --mode replicated-job --replicas 2 alpine sh -c 'sleep 1'";
    expect(docker(fx, cmd).exitCode).toBe(0);
    runFor(fx, 'job', 20_000);
    expect(tasks(fx, 'job').filter((t) => t.status.state === 'complete')).toHaveLength(2);
    expect(docker(fx, 'service scale -d job=3').exitCode).toBe(0);
    expect(service(fx, 'job').spec.mode).toEqual({
      replicatedJob: { maxConcurrent: 2, totalCompletions: 3 },
    });
    runFor(fx, 'job', 30_000);
    const current = tasks(fx, 'job').filter(
      (task) => task.specVersion === service(fx, 'job').specVersion,
    );
    expect(current.map((task) => task.status.state)).toEqual(Array(3).fill('complete'));
    expect(tasks(fx, 'job')).toHaveLength(5);
    expect(docker(fx, 'service ls').stdout).toContain('0/2 (3/3 completed)');
  });
});

describe('job iterations', () => {
  it('an update abandons the unfinished tasks of the old iteration and runs the new one', () => {
    const fx = fixture();
    const cmd =
      "service create -d --name job --mode replicated-job --replicas 2 alpine sh -c 'sleep 60'";
    expect(docker(fx, cmd).exitCode).toBe(0);
    runFor(fx, 'job', 10_000);
    const old = tasks(fx, 'job');
    expect(old.map((task) => task.status.state)).toEqual(['running', 'running']);
    expect(docker(fx, "service update -d --args 'sh -c \"sleep 1\"' job").exitCode).toBe(0);
    expect(service(fx, 'job').jobIteration).toBe(1);
    runFor(fx, 'job', 20_000);
    const current = tasks(fx, 'job').filter((task) => !old.some((o) => o.id === task.id));
    expect(current.map((task) => task.status.state)).toEqual(['complete', 'complete']);
    for (const task of old) {
      const now = fx.sim.state.tasks[task.id];
      // Stopped and then deleted by the reaper, or still shown as removed.
      expect(now === undefined || now.desiredState === 'remove').toBe(true);
    }
  });
});

describe('global jobs', () => {
  it('runs one task to completion on every node', () => {
    const fx = fixture();
    const cmd = "service create -d --name gjob --mode global-job alpine sh -c 'sleep 1'";
    expect(docker(fx, cmd).exitCode).toBe(0);
    runFor(fx, 'gjob', 20_000);
    const all = tasks(fx, 'gjob');
    expect(all.map((task) => task.status.state)).toEqual(Array(3).fill('complete'));
    expect(new Set(all.map((task) => task.nodeId)).size).toBe(3);
    const ls = docker(fx, 'service ls').stdout;
    expect(ls).toContain('global job');
    expect(ls).toContain('0/0 (3/3 completed)');
  });
});
