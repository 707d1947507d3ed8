/**
 * The allocator: moves every NEW task to PENDING once its network resources are allocated.
 * swarmsim allocates nothing that can fail yet, so this happens in the same instant the task is
 * created (SWARM.md section 4); the scheduler only looks at tasks from PENDING on.
 */
import type { Component } from '../engine/simulation.js';

export function createAllocator(): Component {
  return {
    name: 'allocator',
    onEvent(ctx, event) {
      if (event.type !== 'task/created') return;
      const task = ctx.state.tasks[event.task.id];
      if (!task || task.status.state !== 'new') return;
      ctx.emit({
        type: 'task/stateChanged',
        taskId: task.id,
        state: 'pending',
        message: 'pending task scheduling',
        err: '',
        exitCode: null,
      });
    },
  };
}
