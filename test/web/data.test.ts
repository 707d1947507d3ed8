/** The viewer's data layer: seeking, lanes, charts and task rows against the CLI's own answers. */
import { beforeAll, describe, expect, it } from 'vitest';
import { replayLog } from '../../src/engine/replay.js';
import { availabilityFromLog } from '../../src/metrics/availability.js';
import { applyEvent } from '../../src/model/reduce.js';
import { emptyClusterState } from '../../src/model/state.js';
import { cursorAt, stepEvent } from '../../web/src/data/cursor.js';
import { lanesOf } from '../../web/src/data/lanes.js';
import { LogError, hashMatches, parseLog } from '../../web/src/data/log.js';
import { sampleAt } from '../../web/src/data/series.js';
import { servicesOf } from '../../web/src/data/services.js';
import { taskDetail } from '../../web/src/data/task-detail.js';
import { Timeline } from '../../web/src/data/timeline.js';
import { openLog, type ViewerData } from '../../web/src/data/viewer-data.js';
import { scenarioLog } from './helpers.js';

let crashText = '';
let crash: ViewerData;

beforeAll(async () => {
  crashText = await scenarioLog('scenarios/faults/worker-crash.yaml');
  crash = openLog(crashText);
});

/** Folds the events stamped at or before `time` from scratch, as `replay` would. */
function foldUntil(text: string, time: number) {
  const state = emptyClusterState();
  for (const event of replayLog(text).events) if (event.t <= time) applyEvent(state, event);
  return state;
}

describe('timeline seeking', () => {
  it('gives at any time the state a fold of the log up to that time gives', () => {
    // Small checkpoints so seeks cross them, in a jumbled order so the cache is exercised.
    const timeline = new Timeline(crash.log.events, 7);
    const times = [0, 54_000, 1_000, 120_000, 30_000, 47_000, 47_001, 80_000, 29_999, 5];
    for (const time of times) expect(timeline.stateAt(time)).toEqual(foldUntil(crashText, time));
  });

  it('plays forward one event at a time to the same final state as replay', () => {
    const timeline = new Timeline(crash.log.events, 16);
    for (let count = 0; count <= crash.log.events.length; count += 1) timeline.stateAfter(count);
    expect(timeline.stateAfter(crash.log.events.length)).toEqual(replayLog(crashText).state);
  });

  it('counts the events at or before a time', () => {
    const { timeline } = crash;
    expect(timeline.countAt(-1)).toBe(0);
    expect(timeline.countAt(timeline.end)).toBe(crash.log.events.length);
    const count = timeline.countAt(30_000);
    expect(crash.log.events[count - 1]!.t).toBeLessThanOrEqual(30_000);
    expect(crash.log.events[count]!.t).toBeGreaterThan(30_000);
  });
});

describe('cursor', () => {
  it('steps through events that share an instant one at a time, and clamps at both ends', () => {
    const { timeline } = crash;
    const atZero = cursorAt(timeline, 0);
    // The cluster and its five nodes all appear at 0 ms.
    expect(atZero.count).toBeGreaterThanOrEqual(6);
    const back = stepEvent(timeline, atZero, -1);
    expect(back).toEqual({ time: 0, count: atZero.count - 1 });
    // The store's version counts the events applied: one fewer than at the instant's end.
    expect(timeline.stateAfter(back.count).version).toBe(atZero.count - 1);
    expect(stepEvent(timeline, { time: 0, count: 0 }, -1)).toEqual({ time: 0, count: 0 });
    const end = cursorAt(timeline, timeline.end + 5_000);
    expect(end).toEqual({ time: timeline.end, count: timeline.events.length });
    expect(stepEvent(timeline, end, 1)).toEqual(end);
    const next = stepEvent(timeline, atZero, 1);
    expect(next).toEqual({ time: timeline.events[atZero.count]!.t, count: atZero.count + 1 });
  });
});

describe('lanes of worker-crash', () => {
  const runningOn = (time: number, host: string) =>
    lanesOf(crash.timeline.stateAt(time))
      .nodes.find((lane) => lane.hostname === host)!
      .tasks.filter((task) => task.state === 'running');

  it('has one lane per node in join order, the leader marked', () => {
    const lanes = lanesOf(crash.timeline.stateAt(29_000));
    expect(lanes.nodes.map((lane) => lane.hostname)).toEqual([
      'manager1', 'manager2', 'manager3', 'worker1', 'worker2',
    ]);
    expect(lanes.nodes.filter((lane) => lane.leader).map((lane) => lane.hostname)).toEqual([
      'manager1',
    ]);
    expect(lanes.nodes.flatMap((lane) => lane.tasks).filter((t) => t.group === 'running'))
      .toHaveLength(6);
  });

  it('shows worker2 crashed at once, Down later, and its task still Running', () => {
    const at31 = lanesOf(crash.timeline.stateAt(31_000)).nodes[4]!;
    expect([at31.status, at31.hostDown]).toEqual(['Ready', true]);
    const at47 = lanesOf(crash.timeline.stateAt(47_000)).nodes[4]!;
    expect(at47.status).toBe('Down');
    expect(runningOn(54_000, 'worker2').map((task) => task.desiredState)).toEqual(['shutdown']);
  });

  it('labels tasks service.slot', () => {
    const labels = runningOn(29_000, 'worker1').map((task) => task.label);
    expect(labels.every((label) => /^web\.[1-6]$/.test(label))).toBe(true);
  });
});

describe('pending lane', () => {
  it('lists unplaced tasks with the scheduler reason', async () => {
    const data = openLog(await scenarioLog('scenarios/resources-pending.yaml'));
    const pending = lanesOf(data.timeline.stateAt(20_000)).pending;
    expect(pending.map((task) => [task.label, task.err])).toEqual([
      ['big.1', 'no suitable node (insufficient resources on 3 nodes)'],
    ]);
    const later = lanesOf(data.timeline.stateAt(55_000)).pending.map((task) => task.label);
    expect(later).toEqual(['big.1', 'half.7', 'half.8']);
  });
});

describe('charts and services', () => {
  it('uses the samples the availability metrics compute', () => {
    const metrics = availabilityFromLog(crash.log.events);
    expect(crash.series.map((series) => series.samples)).toEqual(metrics.map((m) => m.samples));
    expect(crash.series[0]!.degradedMs).toBe(metrics[0]!.degradedMs);
    expect(sampleAt(crash.series[0]!, 29_000)).toMatchObject({ desired: 6, running: 6 });
    expect(sampleAt(crash.series[0]!, 31_000)).toMatchObject({ desired: 6, running: 5 });
    expect(sampleAt(crash.series[0]!, 0)).toBeNull();
  });

  it('shows REPLICAS as service ls does', () => {
    expect(servicesOf(crash.timeline.stateAt(29_000))).toMatchObject([
      { name: 'web', mode: 'replicated', replicas: '6/6' },
    ]);
  });

  it('marks the crash and its heal on the timeline', () => {
    expect(crash.faults).toMatchObject([{ kind: 'nodeCrash', at: 30_000 }]);
    expect(crash.faults[0]!.label).toMatch(/^fault-\d+ nodeCrash worker2$/);
    expect(crash.faults[0]!.healedAt).toBe(80_000);
  });
});

describe('events in words', () => {
  it('names hosts and tasks, and keeps what a step printed', () => {
    const texts = crash.described.map((said) => said.text);
    expect(texts).toContain('worker2 joined as worker');
    const crashed = texts.find((text) => text.includes('nodeCrash'));
    expect(crashed).toMatch(/^fault-\d+ nodeCrash worker2$/);
    expect(texts).toContain('worker2 is down: heartbeat failure');
    const step = crash.described.find((said) => said.category === 'step')!;
    expect(step.text).toBe('$ docker service create --name web --replicas 6 nginx (exit 0)');
    expect(step.output).toMatch(/^[a-z0-9]{25}$/);
    const failed = crash.described.filter((said) => said.bad && said.category === 'task');
    expect(failed[0]!.text).toMatch(/^web\.\d failed: task: non-zero exit \(137\)$/);
  });
});

describe('task detail', () => {
  it('lists the slot as service ps does, and the task history with times', () => {
    const state = crash.timeline.stateAt(54_000);
    const old = lanesOf(state).nodes[4]!.tasks[0]!;
    const detail = taskDetail(state, crash.names, old.taskId)!;
    expect(detail.rows[0]).toMatchObject({ desiredState: 'Running', node: expect.any(String) });
    expect(detail.rows[1]).toMatchObject({ name: `\\_ ${old.label}`, node: 'worker2' });
    expect(detail.rows[1]!.currentState).toMatch(/^Running \d/);
    expect(detail.transitions.map((move) => move.state)).toContain('Running');
    expect(detail.transitions.at(-1)!.at).toMatch(/s$/);
  });

  it('says nothing about a task not in the store at that time', () => {
    const last = crash.timeline.stateAt(crash.timeline.end);
    const taskId = last.serviceIds.flatMap((id) => last.tasksByService[id]!).at(-1)!;
    expect(taskDetail(crash.timeline.stateAt(0), crash.names, taskId)).toBeNull();
  });
});

describe('reading a log', () => {
  it('verifies the footer hash with WebCrypto', async () => {
    expect(await hashMatches(crash.log)).toBe(true);
    const edited = crashText.replace('"seed":3', '"seed":4');
    expect(await hashMatches(parseLog(edited))).toBe(false);
  });

  it('refuses a truncated log and a backward move with their lines', () => {
    const lines = crashText.trimEnd().split('\n');
    expect(() => parseLog(lines.slice(0, -1).join('\n'))).toThrow(
      new LogError('the last line is not a footer: the log is truncated', lines.length - 1),
    );
    const running = lines.findIndex((line) => line.includes('"state":"running"'));
    const swapped = [...lines];
    swapped.splice(running, 1);
    swapped.splice(running + 30, 0, lines[running]!.replace(/"t":\d+/, '"t":0'));
    expect(() => openLog(swapped.join('\n'))).toThrow(/^line \d+: event at 0 ms is before/);
  });
});
