/**
 * The task reaper (swarmkit `manager/orchestrator/taskreaper/task_reaper.go`, SWARM.md 3.6).
 * It batches its work: the first watched event after a pass arms a 250 ms timer (or a pass runs
 * at once beyond 1000 items). A pass trims the history of every slot that gained a task, and
 * deletes tasks that were removed (desired REMOVE) once they are stopped or were never assigned.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import {
  DEFAULT_TASK_HISTORY_RETENTION_LIMIT,
  TASK_REAPER_INTERVAL_MS,
} from '../model/defaults.js';
import type { LoggedEvent } from '../model/events.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import { slotKey, tasksInSlot } from '../model/state.js';
import type { Task } from '../model/types.js';
import { deleteTask, uniqueInOrder } from './common.js';
import { oldestFirst } from './slots.js';

/** Dirty slots plus queued deletions beyond which a pass runs at once instead of batching. */
const DIRTY_ITEMS_MAX = 1000;

/** A slot (replicated) or a node (global) of a service that gained a task. */
interface DirtyInstance {
  serviceId: string;
  slot: number;
  nodeId: string;
}

interface ReaperMemory {
  /** Dirty instances by slot key (`slotKey`), in the order they became dirty. */
  dirty: Map<string, DirtyInstance>;
  /** Task ids to delete at the next pass, in the order they qualified. */
  cleanup: string[];
  /** Bumped whenever a pass runs, so an armed timer from before it does nothing. */
  generation: number;
  timerArmed: boolean;
}

/** Creates the task reaper component. */
export function createTaskReaper(): Component {
  const memory: ReaperMemory = { dirty: new Map(), cleanup: [], generation: 0, timerArmed: false };
  return {
    name: 'task-reaper',
    onEvent(ctx, event) {
      if (!watch(ctx, event, memory)) return;
      if (memory.dirty.size + memory.cleanup.length > DIRTY_ITEMS_MAX) {
        runPass(ctx, memory);
      } else if (!memory.timerArmed) {
        memory.timerArmed = true;
        const generation = memory.generation;
        ctx.at(ctx.now + TASK_REAPER_INTERVAL_MS, 'task reaper pass', (timerCtx) => {
          if (memory.generation === generation) runPass(timerCtx, memory);
        });
      }
    },
  };
}

/** Records what the event makes due; false when the reaper does not watch this event. */
function watch(ctx: SimContext, event: LoggedEvent, memory: ReaperMemory): boolean {
  switch (event.type) {
    case 'task/created': {
      const { serviceId, slot, nodeId } = event.task;
      memory.dirty.set(slotKey(event.task), { serviceId, slot, nodeId });
      return true;
    }
    case 'task/stateChanged':
    case 'task/assigned':
    case 'task/unschedulable':
    case 'task/desiredStateChanged': {
      const task = ctx.state.tasks[event.taskId];
      if (task && isRemovable(ctx, task)) memory.cleanup.push(task.id);
      return true;
    }
    case 'cluster/initialized':
      return true;
    default:
      return false;
  }
}

/**
 * A task to delete outright: its slot was scaled away or its service deleted (desired REMOVE),
 * or its service is gone, and it is stopped or never reached a node.
 */
function isRemovable(ctx: SimContext, task: Task): boolean {
  const removed = task.desiredState === 'remove' || !ctx.state.services[task.serviceId];
  return removed && (neverAssigned(task) || compareTaskStates(task.status.state, 'complete') >= 0);
}

function neverAssigned(task: Task): boolean {
  return compareTaskStates(task.status.state, 'assigned') < 0;
}

function runPass(ctx: SimContext, memory: ReaperMemory): void {
  memory.generation += 1;
  memory.timerArmed = false;
  const toDelete = [...memory.cleanup];
  memory.cleanup = [];
  for (const [key, instance] of [...memory.dirty]) {
    const outcome = trimInstance(ctx, instance);
    toDelete.push(...outcome.deletions);
    if (outcome.done) memory.dirty.delete(key);
  }
  for (const taskId of uniqueInOrder(toDelete)) deleteTask(ctx, taskId);
}

/**
 * The oldest removable tasks of one instance beyond the retention limit. The limit counts every
 * task of the instance, the running one included. The instance stays dirty while it holds more
 * than one task that may still run, so a later pass can trim it once they settle.
 */
function trimInstance(
  ctx: SimContext,
  instance: DirtyInstance,
): { deletions: string[]; done: boolean } {
  const service = ctx.state.services[instance.serviceId];
  // swarmkit trims the history of replicated and global services only: jobs keep every task.
  if (!service || !('replicated' in service.spec.mode || 'global' in service.spec.mode)) {
    return { deletions: [], done: true };
  }
  let limit = ctx.state.cluster?.taskHistoryRetentionLimit ?? DEFAULT_TASK_HISTORY_RETENTION_LIMIT;
  const maxAttempts = service.spec.task.restart.maxAttempts;
  // MaxAttempts needs that many old tasks to rebuild the restart count after a leader change.
  if (maxAttempts > 0) limit = maxAttempts + 1;
  if (limit < 0) return { deletions: [], done: true };
  const tasks = tasksInSlot(ctx.state, instance);
  if (tasks.length <= limit) return { deletions: [], done: true };
  const deletions: string[] = [];
  let mayRun = 0;
  for (const task of oldestFirst(tasks)) {
    const willNeverRun = neverAssigned(task) && compareTaskStates(task.desiredState, 'running') > 0;
    if (isTerminal(task.status.state) || willNeverRun) {
      deletions.push(task.id);
      limit += 1;
      if (tasks.length <= limit) break;
    } else {
      mayRun += 1;
    }
  }
  return { deletions, done: mayRun <= 1 };
}
