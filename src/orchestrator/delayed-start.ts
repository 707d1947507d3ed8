/**
 * Delayed starts (swarmkit `restart.go` DelayStart/StartNow): a replacement is created with
 * desired READY and moved to RUNNING once (a) its restart delay has elapsed and (b), when asked
 * to wait, the task it replaces has stopped (observed > RUNNING), the old task's node went DOWN
 * or was deleted, or OLD_TASK_STOP_TIMEOUT_MS passed since the restart. Both clocks start at the
 * restart, so a delay longer than the timeout needs no wait at all.
 *
 * Timers cannot be cancelled: each one checks that its record is still the pending one.
 */
import type { SimContext } from '../engine/simulation.js';
import { OLD_TASK_STOP_TIMEOUT_MS } from '../model/defaults.js';
import type { LoggedEvent } from '../model/events.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import { advanceDesiredState } from './common.js';

interface PendingStart {
  newTaskId: string;
  oldTaskId: string;
  oldNodeId: string;
  delayElapsed: boolean;
  waitingForOldTask: boolean;
  /** A restart of the new task itself was asked for meanwhile; redo it once this ends. */
  waiter: boolean;
}

/** Called when a pending start that had a waiter ends, with the new task's id. */
export type WaiterRelease = (ctx: SimContext, taskId: string) => void;

export class DelayedStarts {
  /** Pending starts by new task id, in creation order. */
  private readonly pending = new Map<string, PendingStart>();
  /** The same records by the id of the task they wait for, so a task stop is a lookup. */
  private readonly byOldTask = new Map<string, PendingStart[]>();

  constructor(private readonly onWaiterRelease: WaiterRelease) {}

  /** Whether a delayed start of this task has not finished yet. */
  isPending(taskId: string): boolean {
    return this.pending.has(taskId);
  }

  /** Asks for `onWaiterRelease` once the pending start of `taskId` ends (at most once). */
  addWaiter(taskId: string): void {
    const start = this.pending.get(taskId);
    if (start) start.waiter = true;
  }

  /**
   * Starts `newTaskId` after `delayMs`, and, when `waitStop` holds and `oldTask` still runs,
   * only once the old task has stopped (or its node is lost, or the stop timeout passed).
   */
  schedule(
    ctx: SimContext,
    oldTask: Task | undefined,
    newTaskId: string,
    delayMs: number,
    waitStop: boolean,
  ): void {
    this.cancel(ctx, newTaskId);
    const start: PendingStart = {
      newTaskId,
      oldTaskId: oldTask?.id ?? '',
      oldNodeId: oldTask?.nodeId ?? '',
      delayElapsed: false,
      waitingForOldTask: waitStop && oldTask !== undefined && !isTerminal(oldTask.status.state),
      waiter: false,
    };
    this.pending.set(newTaskId, start);
    if (start.waitingForOldTask) {
      this.byOldTask.set(start.oldTaskId, [...(this.byOldTask.get(start.oldTaskId) ?? []), start]);
    }
    ctx.at(ctx.now + delayMs, `restart delay of task ${newTaskId}`, (timerCtx) => {
      if (this.pending.get(newTaskId) !== start) return;
      start.delayElapsed = true;
      this.tryStart(timerCtx, start);
    });
    if (!start.waitingForOldTask) return;
    const timeoutAt = ctx.now + OLD_TASK_STOP_TIMEOUT_MS;
    ctx.at(timeoutAt, `old task stop timeout for ${newTaskId}`, (timerCtx) => {
      if (this.pending.get(newTaskId) !== start) return;
      this.release(timerCtx, start);
    });
  }

  /** Watches for the old tasks' stops and node losses that release waiting starts. */
  observe(ctx: SimContext, event: LoggedEvent): void {
    if (this.pending.size === 0) return;
    switch (event.type) {
      case 'task/stateChanged':
        if (!isTerminal(event.state)) return;
        for (const start of [...(this.byOldTask.get(event.taskId) ?? [])]) {
          this.release(ctx, start);
        }
        return;
      case 'node/statusChanged':
        if (event.state !== 'down') return;
        for (const start of this.waiting()) {
          if (start.oldNodeId === event.nodeId) this.release(ctx, start);
        }
        return;
      case 'node/removed':
        for (const start of this.waiting()) {
          if (start.oldNodeId === event.nodeId) this.release(ctx, start);
        }
        return;
      default:
        return;
    }
  }

  /** Drops the pending start of `taskId` without starting it (the task was deleted). */
  cancel(ctx: SimContext, taskId: string): void {
    const start = this.pending.get(taskId);
    if (start) this.finish(ctx, start, false);
  }

  /** StartNow: desired READY -> RUNNING, unless the task is gone or already past READY. */
  static startNow(ctx: SimContext, taskId: string): void {
    const task = ctx.state.tasks[taskId];
    if (!task || compareTaskStates(task.desiredState, 'running') >= 0) return;
    advanceDesiredState(ctx, taskId, 'running');
  }

  /** Pending starts still waiting for their old task, in creation order (a snapshot). */
  private waiting(): PendingStart[] {
    return [...this.pending.values()].filter((start) => start.waitingForOldTask);
  }

  private release(ctx: SimContext, start: PendingStart): void {
    this.stopWaiting(start);
    this.tryStart(ctx, start);
  }

  private stopWaiting(start: PendingStart): void {
    if (!start.waitingForOldTask) return;
    start.waitingForOldTask = false;
    const others = (this.byOldTask.get(start.oldTaskId) ?? []).filter((s) => s !== start);
    if (others.length > 0) this.byOldTask.set(start.oldTaskId, others);
    else this.byOldTask.delete(start.oldTaskId);
  }

  private tryStart(ctx: SimContext, start: PendingStart): void {
    if (start.delayElapsed && !start.waitingForOldTask) this.finish(ctx, start, true);
  }

  private finish(ctx: SimContext, start: PendingStart, startTask: boolean): void {
    this.pending.delete(start.newTaskId);
    this.stopWaiting(start);
    if (startTask) DelayedStarts.startNow(ctx, start.newTaskId);
    if (start.waiter) this.onWaiterRelease(ctx, start.newTaskId);
  }
}
