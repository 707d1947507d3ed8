/**
 * `--restart-window` for jobs (SWARM.md 3.3): MaxAttempts counts only the restarts created within
 * the window before the failure, as for services. A job task that fails after running longer than
 * the window is therefore restarted again and again; one that fails within it is not.
 */
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/model/types.js';
import { fixture, type Fixture } from '../api/fixture.js';
import { docker } from '../dockercli/docker.js';

function tasks(fx: Fixture, name: string): Task[] {
  const { services, serviceIds, tasksByService, tasks: byId } = fx.sim.state;
  const id = serviceIds.find((each) => services[each]!.spec.name === name)!;
  return (tasksByService[id] ?? []).map((taskId) => byId[taskId]!);
}

/** A replicated job whose only task fails 8 s after it starts, with two restarts allowed. */
function failingJob(fx: Fixture, name: string, window: string): void {
  const cmd =
    `service create -d --name ${name} --mode replicated-job --restart-max-attempts 2 ` +
    `--restart-delay 1s ${window} alpine sh -c 'sleep 8; exit 1'`;
  expect(docker(fx, cmd).exitCode).toBe(0);
}

describe('replicated job restart window', () => {
  it('stops after MaxAttempts when no window is set', () => {
    const fx = fixture();
    failingJob(fx, 'plain', '');
    fx.sim.runUntil(fx.sim.now + 120_000);
    const all = tasks(fx, 'plain');
    expect(all).toHaveLength(3);
    expect(all.every((task) => task.slot === 0 && task.status.state === 'failed')).toBe(true);
  });

  it('keeps restarting when each failure comes after the window has passed', () => {
    const fx = fixture();
    failingJob(fx, 'short', '--restart-window 5s');
    fx.sim.runUntil(fx.sim.now + 120_000);
    const all = tasks(fx, 'short');
    // One try about every 10 s, each failing 8 s after its start, so none within 5 s of another.
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.every((task) => task.slot === 0)).toBe(true);
    expect(all.at(-1)?.status.state).not.toBe('failed');
  });

  it('stops after MaxAttempts restarts that all fall within the window', () => {
    const fx = fixture();
    failingJob(fx, 'long', '--restart-window 60s');
    fx.sim.runUntil(fx.sim.now + 120_000);
    const all = tasks(fx, 'long');
    expect(all).toHaveLength(3);
    expect(all.every((task) => task.status.state === 'failed')).toBe(true);
  });
});
