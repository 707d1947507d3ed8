import { describe, expect, it } from 'vitest';
import { nextLifecycleStep } from '../../src/agent/lifecycle.js';
import type { TaskState } from '../../src/model/task-state.js';

describe('agent progression rule', () => {
  it('moves one state at a time toward RUNNING with swarmkit messages', () => {
    const moves: string[] = [];
    let state: TaskState = 'assigned';
    for (;;) {
      const step = nextLifecycleStep(state, 'running');
      if (!step) break;
      moves.push(`${step.to}:${step.message}`);
      state = step.to;
    }
    expect(moves).toEqual([
      'accepted:accepted',
      'preparing:preparing',
      'ready:prepared',
      'starting:starting',
      'running:started',
    ]);
  });

  it('lets work already begun pass the desired state, and nothing else', () => {
    expect(nextLifecycleStep('ready', 'ready')).toBeNull();
    expect(nextLifecycleStep('preparing', 'preparing')?.to).toBe('ready');
    expect(nextLifecycleStep('starting', 'starting')?.to).toBe('running');
    expect(nextLifecycleStep('accepted', 'accepted')).toBeNull();
    expect(nextLifecycleStep('running', 'running')).toBeNull();
    expect(nextLifecycleStep('preparing', 'accepted')).toBeNull();
  });
});
