import { describe, expect, it } from 'vitest';
import { crashTask } from '../../src/agent/faults.js';
import {
  agentHarness,
  assignTask,
  cacheImage,
  logLines,
  setDesired,
  setNodeStatus,
  timeline,
  type TaskSetup,
} from './harness.js';

/** A cached-image task: RUNNING at 600 ms. */
function runTask(setup: TaskSetup) {
  const harness = agentHarness();
  cacheImage(harness.sim, setup.image);
  const taskId = assignTask(harness.sim, setup);
  return { ...harness, taskId };
}

describe('agent: processes that exit', () => {
  it("completes alpine's default shell at once: no stdin under swarm, so it reads EOF", () => {
    const { sim, taskId } = runTask({ image: 'alpine' });
    sim.runUntil(5_000);
    expect(timeline(sim, taskId).slice(-2)).toEqual(['running@600', 'complete@600']);
    expect(sim.state.tasks[taskId]!.status).toMatchObject({
      state: 'complete',
      message: 'finished',
      err: '',
      exitCode: 0,
    });
  });

  it("fails `sh -c 'sleep 2; exit 3'` 2 s after it starts, with swarmkit's error text", () => {
    const { sim, taskId } = runTask({ image: 'busybox', args: ['sh', '-c', 'sleep 2; exit 3'] });
    sim.runUntil(10_000);
    expect(timeline(sim, taskId).slice(-2)).toEqual(['running@600', 'failed@2600']);
    // swarmkit's fatal path sets only Err, so the message stays the RUNNING one.
    expect(sim.state.tasks[taskId]!.status).toMatchObject({
      state: 'failed',
      message: 'started',
      err: 'task: non-zero exit (3)',
      exitCode: 3,
    });
  });

  it('fails `ping nosuchhost` at once with busybox\'s bad address line and exit 1', () => {
    const { sim, events, taskId } = runTask({ image: 'alpine', args: ['ping', 'nosuchhost'] });
    sim.runUntil(5_000);
    expect(logLines(events, taskId)).toEqual(["600 stderr ping: bad address 'nosuchhost'"]);
    expect(sim.state.tasks[taskId]!.status).toMatchObject({
      state: 'failed',
      err: 'task: non-zero exit (1)',
      exitCode: 1,
    });
  });

  it('prints echo lines at the time they are written', () => {
    const script = 'echo one; sleep 1.5; echo two && false || echo three';
    const { sim, events, taskId } = runTask({ image: 'busybox', args: ['sh', '-c', script] });
    sim.runUntil(5_000);
    expect(logLines(events, taskId)).toEqual([
      '600 stdout one',
      '2100 stdout two',
      '2100 stdout three',
    ]);
    expect(sim.state.tasks[taskId]!.status).toMatchObject({ state: 'complete', exitCode: 0 });
  });
});

describe('agent: ping output', () => {
  it('prints one reply a second while running, through the grace period, and none after', () => {
    const { sim, events, taskId } = runTask({ image: 'alpine', args: ['ping', 'docker.com'] });
    sim.runUntil(5_000);
    setDesired(sim, taskId, 'shutdown');
    sim.runUntil(40_000);
    const lines = logLines(events, taskId);
    expect(lines[0]).toBe('600 stdout PING docker.com (141.193.213.20): 56 data bytes');
    expect(lines[1]).toMatch(
      /^600 stdout 64 bytes from 141\.193\.213\.20: seq=0 ttl=\d+ time=\d+\.\d{3} ms$/,
    );
    // ping ignores SIGTERM as PID 1: SIGTERM at 5100, SIGKILL 10 s later.
    const shutdownAt = 15_100;
    expect(timeline(sim, taskId).slice(-1)).toEqual([`shutdown@${shutdownAt}`]);
    const replyTimes = lines.slice(1).map((line) => Number(line.split(' ')[0]));
    const expected = Array.from({ length: 15 }, (_, seq) => 600 + seq * 1000);
    expect(replyTimes).toEqual(expected);
    expect(lines.slice(1).map((line) => /seq=(\d+)/.exec(line)![1])).toEqual(
      expected.map((_, seq) => String(seq)),
    );
    expect(sim.state.tasks[taskId]!.status.exitCode).toBe(137);
  });

  it('derives reply times from the task id, so a run repeats them exactly', () => {
    const run = (taskId: string) => {
      const harness = runTask({ image: 'alpine', args: ['ping', 'google.com'], taskId });
      harness.sim.runUntil(4_000);
      return logLines(harness.events, taskId);
    };
    const first = run('task-ping');
    expect(first).toHaveLength(5);
    expect(run('task-ping')).toEqual(first);
    expect(run('task-other')).not.toEqual(first);
  });
});

describe('agent: stopping', () => {
  it('stops nginx, which handles SIGTERM, 100 ms after it sees the desired state', () => {
    const { sim, taskId } = runTask({ image: 'nginx' });
    sim.runUntil(5_000);
    setDesired(sim, taskId, 'shutdown');
    sim.runUntil(20_000);
    expect(timeline(sim, taskId).slice(-2)).toEqual(['running@600', 'shutdown@5200']);
    expect(sim.state.tasks[taskId]!.status).toMatchObject({
      state: 'shutdown',
      message: 'shutdown',
      err: '',
      exitCode: 0,
    });
  });

  it('kills `sleep`, which ignores SIGTERM as PID 1, after the 10 s grace period', () => {
    const { sim, taskId } = runTask({ image: 'busybox', args: ['sleep', '3600'] });
    sim.runUntil(5_000);
    setDesired(sim, taskId, 'shutdown');
    sim.runUntil(15_099);
    expect(sim.state.tasks[taskId]!.status.state).toBe('running');
    sim.runUntil(20_000);
    expect(timeline(sim, taskId).slice(-1)).toEqual(['shutdown@15100']);
    expect(sim.state.tasks[taskId]!.status.exitCode).toBe(137);
  });

  it("uses the spec's stop grace period, in whole seconds as moby passes it", () => {
    const { sim, taskId } = runTask({
      image: 'busybox',
      args: ['sleep', '3600'],
      stopGracePeriodMs: 3_700,
    });
    sim.runUntil(5_000);
    setDesired(sim, taskId, 'remove');
    sim.runUntil(20_000);
    expect(timeline(sim, taskId).slice(-1)).toEqual(['shutdown@8100']);
  });

  it('waits 2 s for gossip before stopping a task with a published ingress port', () => {
    const port = {
      name: '',
      protocol: 'tcp' as const,
      targetPort: 80,
      publishedPort: 8080,
      publishMode: 'ingress' as const,
    };
    const { sim, taskId } = runTask({ image: 'nginx', ports: [port] });
    sim.runUntil(5_000);
    setDesired(sim, taskId, 'shutdown');
    sim.runUntil(20_000);
    expect(timeline(sim, taskId).slice(-1)).toEqual(['shutdown@7200']);
  });

  it('reports a process that exits during the grace period as SHUTDOWN with its code', () => {
    const { sim, taskId } = runTask({ image: 'busybox', args: ['sh', '-c', 'sleep 3; exit 4'] });
    sim.runUntil(1_000);
    setDesired(sim, taskId, 'shutdown');
    sim.runUntil(20_000);
    expect(timeline(sim, taskId).slice(-1)).toEqual(['shutdown@3600']);
    expect(sim.state.tasks[taskId]!.status).toMatchObject({ err: '', exitCode: 4 });
  });

  it('shuts down a task that has not started yet without waiting for its pull', () => {
    const { sim, events } = agentHarness();
    const taskId = assignTask(sim, { image: 'nginx' });
    sim.runUntil(1_000);
    setDesired(sim, taskId, 'shutdown');
    sim.runUntil(20_000);
    expect(timeline(sim, taskId)).toEqual([
      'assigned@0',
      'accepted@100',
      'preparing@100',
      'shutdown@1100',
    ]);
    expect(sim.state.tasks[taskId]!.status.exitCode).toBeNull();
    expect(events.some((event) => event.type === 'node/imagePulled')).toBe(false);
  });

  it('leaves a task that already completed alone', () => {
    const { sim, events, taskId } = runTask({ image: 'alpine' });
    sim.runUntil(1_000);
    setDesired(sim, taskId, 'shutdown');
    const before = events.length;
    sim.runUntil(20_000);
    expect(sim.state.tasks[taskId]!.status.state).toBe('complete');
    expect(events.slice(before)).toEqual([]);
  });
});

describe('agent: faults and lost nodes', () => {
  it('crashTask fails a running task with the exit code and silences it', () => {
    const { sim, events, taskId } = runTask({ image: 'alpine', args: ['ping', 'docker.com'] });
    sim.runUntil(2_000);
    expect(crashTask(sim.ctx, taskId)).toBe(true);
    sim.runUntil(10_000);
    expect(sim.state.tasks[taskId]!.status).toMatchObject({
      state: 'failed',
      err: 'task: non-zero exit (137)',
      exitCode: 137,
    });
    expect(timeline(sim, taskId).slice(-1)).toEqual(['failed@2000']);
    const lastLine = logLines(events, taskId).at(-1)!;
    expect(lastLine).toMatch(/^1600 /);
    expect(crashTask(sim.ctx, taskId)).toBe(false);
  });

  it('freezes a running task on a down node: no output and no exit until it is back', () => {
    const { sim, events, taskId } = runTask({
      image: 'busybox',
      args: ['sh', '-c', 'echo start; sleep 5; echo end'],
    });
    sim.runUntil(2_000);
    setNodeStatus(sim, 'down');
    sim.runUntil(30_000);
    expect(sim.state.tasks[taskId]!.status.state).toBe('running');
    expect(logLines(events, taskId)).toEqual(['600 stdout start']);
    setNodeStatus(sim, 'ready');
    sim.runUntil(40_000);
    expect(logLines(events, taskId)).toEqual(['600 stdout start', '30000 stdout end']);
    expect(timeline(sim, taskId).slice(-1)).toEqual(['complete@30000']);
  });

  it('stops printing once the task is removed from the store', () => {
    const { sim, events, taskId } = runTask({ image: 'alpine', args: ['ping', 'docker.com'] });
    sim.runUntil(2_000);
    sim.emit({ type: 'task/removed', taskId });
    const count = logLines(events, taskId).length;
    sim.runUntil(10_000);
    expect(logLines(events, taskId)).toHaveLength(count);
  });
});

describe('agent: loops', () => {
  it('prints a loop that sleeps on its own schedule and a busy loop 10 times a second', () => {
    const script = 'while :; do echo t; sleep 2; done';
    const slow = runTask({ image: 'alpine', args: ['sh', '-c', script] });
    slow.sim.runUntil(7_000);
    expect(logLines(slow.events, slow.taskId).map((line) => line.split(' ')[0])).toEqual([
      '600',
      '2600',
      '4600',
      '6600',
    ]);
    const busy = runTask({ image: 'alpine', args: ['sh', '-c', 'while true; do echo x; done'] });
    busy.sim.runUntil(1_000);
    expect(logLines(busy.events, busy.taskId).map((line) => line.split(' ')[0])).toEqual([
      '600',
      '700',
      '800',
      '900',
      '1000',
    ]);
  });
});
