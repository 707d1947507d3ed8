import { describe, expect, it } from 'vitest';
import { buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import type { TaskState } from '../../src/model/task-state.js';
import type { Task } from '../../src/model/types.js';
import {
  lowestFreeSlots,
  newestTask,
  orderForScaleDown,
  type Slot,
} from '../../src/orchestrator/slots.js';

const serviceSpec = defaultServiceSpec('web', 'nginx');
let counter = 0;

function task(slot: number, nodeId: string, state: TaskState = 'running', timestamp = 0): Task {
  counter += 1;
  const identity = { id: `t${counter}`, serviceId: 's', spec: serviceSpec, specVersion: 1 };
  const built = buildTask({ ...identity, slot, nodeId, origin: 'orchestrator' }, 0);
  built.status.state = state;
  built.status.timestamp = timestamp;
  return built;
}

const slotNumbers = (slots: Slot[]) => slots.map((slot) => slot[0]!.slot);

describe('scale-down order', () => {
  it('keeps the first copy on each node before any second copy', () => {
    const slots = [[task(1, 'a')], [task(2, 'a')], [task(3, 'a')], [task(4, 'b')], [task(5, 'b')]];
    expect(slotNumbers(orderForScaleDown(slots))).toEqual([1, 4, 2, 5, 3]);
  });

  it('puts running slots before non-running ones, and unassigned or multi-task slots last', () => {
    const slots = [
      [task(1, '', 'pending')],
      [task(2, 'a', 'preparing')],
      [task(3, 'a')],
      [task(4, 'b'), task(4, 'b', 'ready')],
      [task(5, 'b')],
    ];
    // Running 3 (a:1), 4 (multi: -1), 5 (b:1); then 1 (-1), 2 (a:2).
    expect(slotNumbers(orderForScaleDown(slots))).toEqual([3, 5, 2, 4, 1]);
  });

  it('is stable beyond 12 slots', () => {
    const slots = Array.from({ length: 20 }, (_, i) => [task(i + 1, `n${i}`)]);
    const inOrder = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(slotNumbers(orderForScaleDown(slots))).toEqual(inOrder);
  });
});

describe('slot helpers', () => {
  it('finds the lowest free slot numbers', () => {
    expect(lowestFreeSlots(new Set([1, 2, 5]), 3)).toEqual([3, 4, 6]);
  });

  it('takes the newest task by status time, the later-created one on a tie', () => {
    const a = task(1, 'a', 'failed', 10);
    const b = task(1, 'a', 'failed', 30);
    const c = task(1, 'a', 'failed', 30);
    expect(newestTask([a, b, c]).id).toBe(c.id);
    expect(newestTask([b, a]).id).toBe(b.id);
  });
});
