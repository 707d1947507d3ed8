/**
 * Hooks for fault injection: make a running container die as if the kernel or the process itself
 * ended it. The agent notices through the event it emits (the task leaves RUNNING), so the
 * process's pending output and exit timers go quiet on their own.
 */
import type { SimContext } from '../engine/simulation.js';
import { compareTaskStates } from '../model/task-state.js';
import { SIGKILL_EXIT_CODE } from './command-model.js';
import { exitEvent, shutdownEvent } from './container.js';
import { isNodeReady } from './memory.js';

/** Exit code of a container killed by the OOM killer (SIGKILL). */
export const OOM_EXIT_CODE = SIGKILL_EXIT_CODE;

/**
 * Ends a RUNNING task's process now with `exitCode` (default 137, a SIGKILL such as an OOM kill)
 * and reports it as the agent would: FAILED `task: non-zero exit (N)` (COMPLETE for 0), or
 * SHUTDOWN if the task was already being stopped. Returns false, doing nothing, when the task is
 * not running or its node is not ready (a disconnected agent reports nothing).
 */
export function crashTask(ctx: SimContext, taskId: string, exitCode = SIGKILL_EXIT_CODE): boolean {
  const task = ctx.state.tasks[taskId];
  if (!task || task.status.state !== 'running') return false;
  if (!isNodeReady(ctx.state, task.nodeId)) return false;
  const stopping = compareTaskStates(task.desiredState, 'shutdown') >= 0;
  ctx.emit(stopping ? shutdownEvent(taskId, exitCode) : exitEvent(task, exitCode));
  return true;
}
