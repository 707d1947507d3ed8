/**
 * The recorded-timings replay (recorded-timings.ts): the real container starts it reads from a
 * case, the rule that hands them to the simulated starts, and the agent hook that uses them.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerStepInfo } from '../../src/agent/timing-overrides.js';
import { recordedStarts, replayStarts } from './recorded-timings.js';
import { loadRecording } from './recording.js';
import { NO_PULL, replayCase } from './replay.js';

/** A start as the agent describes it; only the fields the rule reads matter. */
function start(taskId: string, slot: number, nodeId = 'n1'): ContainerStepInfo {
  return { taskId, serviceName: 'web', slot, nodeId, calibratedMs: 450 };
}

describe('recorded timings: container starts replayed from a recording', () => {
  it('reads each slot\'s starts in order, STARTING to the container start, ms', () => {
    const starts = recordedStarts(loadRecording('update-continue'));
    // web.3: the first three tasks, a restart whose STARTING the poll missed, then three more.
    expect(starts.get('web.3')).toEqual([942, 825, undefined, 586, 1040, 1023]);
    expect(starts.get('web.1')?.[1]).toBe(489);
  });

  it('gives the nth start of a slot that slot\'s nth recorded start, once per task', () => {
    const play = replayStarts(new Map([['web.1', [900, 500]], ['web.2', [700]]]));
    expect(play(start('a', 1))).toBe(900);
    expect(play(start('b', 2))).toBe(700);
    expect(play(start('a', 1))).toBe(900);
    expect(play(start('c', 1))).toBe(500);
    // Past the recorded starts, or in a slot never recorded: the calibrated duration.
    expect(play(start('d', 1))).toBeUndefined();
    expect(play(start('e', 3))).toBeUndefined();
  });

  it('makes the agent take the hook\'s duration for STARTING -> RUNNING', () => {
    const asked: ContainerStepInfo[] = [];
    const recording = loadRecording('create-no-command');
    const replay = replayCase(recording, {
      agent: { ...NO_PULL, overrides: { start: (info) => (asked.push(info), 1234) } },
    });
    replay.runTo(3);
    const [first] = replay.tasks;
    const at = (state: string) => first!.states.find((entry) => entry.state === state)!.t;
    expect(Math.round((at('running') - at('starting')) * 1000)).toBe(1234);
    expect(asked[0]).toMatchObject({ serviceName: 'nocmd', slot: 1, calibratedMs: 450 });
  });

  it('keeps the calibrated start when the hook answers undefined', () => {
    const replay = replayCase(loadRecording('create-no-command'), {
      agent: { ...NO_PULL, overrides: { start: () => undefined } },
    });
    replay.runTo(3);
    const [first] = replay.tasks;
    const at = (state: string) => first!.states.find((entry) => entry.state === state)!.t;
    expect(Math.round((at('running') - at('starting')) * 1000)).toBe(450);
  });
});
