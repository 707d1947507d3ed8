/**
 * The status writes a recording pins (recorded-writes.ts): read from the last `docker inspect`
 * of each task, and played back to the simulated report of the same slot and state nearest in
 * time.
 */
import { describe, expect, it } from 'vitest';
import { loadRecording } from './recording.js';
import { recordedWrites, replayWrites } from './recorded-writes.js';

const info = { taskId: 't', serviceName: 'web1', nodeId: 'n' };

describe('recorded status writes', () => {
  const writes = recordedWrites(loadRecording('update-auto-rollback'));

  it('pins the SHUTDOWN of each SIGKILLed task and of a never-started one', () => {
    // web1's killed tasks: 64, 25, 59 ms in slots 1, 2, 3; slot 3's never-started one 149 ms.
    expect(writes.get('web1.1/shutdown')).toContainEqual({ reportMs: 6336, delayMs: 64 });
    expect(writes.get('web1.2/shutdown')).toContainEqual({ reportMs: 12626, delayMs: 25 });
    expect(writes.get('web1.3/shutdown')).toEqual(
      expect.arrayContaining([
        { reportMs: 9392, delayMs: 59 },
        { reportMs: 13646, delayMs: 149 },
      ]),
    );
  });

  it('pins a RUNNING with desired state running, never a FAILED (the orchestrator writes next)', () => {
    expect(writes.get('web1.3/running')).toContainEqual({ reportMs: 14661, delayMs: 80 });
    expect([...writes.keys()].filter((key) => key.endsWith('/failed'))).toEqual([]);
  });

  it('gives a report the nearest recorded write of its slot and state, once', () => {
    const hook = replayWrites(writes);
    const shutdown = { ...info, slot: 3, state: 'shutdown' as const };
    expect(hook({ ...shutdown, atMs: 13_600 })).toBe(149);
    expect(hook({ ...shutdown, atMs: 13_600 })).toBeUndefined();
    expect(hook({ ...shutdown, atMs: 9_300 })).toBe(59);
    // More than 0.25 s from any recorded report of the slot: not pinned.
    expect(hook({ ...info, slot: 1, state: 'shutdown', atMs: 7_000 })).toBeUndefined();
  });
});
