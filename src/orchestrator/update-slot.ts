/**
 * The updater's view of slots (swarmkit `updater.go` isSlotDirty, the worker's choice of an
 * existing task, removeOldTasks). Small functions over the live state (its per-slot task
 * index); only `shutDownTasks` emits.
 */
import type { SimContext } from '../engine/simulation.js';
import { tasksInSlot } from '../model/state.js';
import { compareTaskStates } from '../model/task-state.js';
import type { Service, Task } from '../model/types.js';
import { advanceDesiredState } from './common.js';
import { isTaskDirty } from './dirty.js';
import type { Slot } from './slots.js';

/** One dirty slot as the reconcile handed it over. */
export interface SlotWork {
  /** Replicated slot number, 1..N; 0 for a global service. */
  slot: number;
  /** The node of a global service's slot; "" for a replicated one. */
  nodeId: string;
  /** The slot's updatable tasks when the reconcile ran, in creation order. */
  taskIds: string[];
}

/** Whether `task` must be replaced to match `service` (IsTaskDirty on the task's node). */
export function isDirty(ctx: SimContext, service: Service, task: Task): boolean {
  return isTaskDirty(service, task, ctx.state.nodes[task.nodeId]);
}

/** A slot needs work when it holds several tasks (a start-first leftover) or a dirty one. */
export function isSlotDirty(ctx: SimContext, service: Service, slot: Slot): boolean {
  return slot.length > 1 || (slot.length === 1 && isDirty(ctx, service, slot[0]!));
}

/** The generator stream the updater draws its slot order from. */
export const UPDATER_STREAM = 'updater';

/**
 * The dirty slots in the order workers take them. swarmkit feeds them in the order of the slice
 * its reconcile built by ranging over a Go map (replicated: slot number -> tasks; global: the
 * orchestrator's node map), so the order differs from run to run (recorded 1-2-3, 1-3-2, 3-1-2,
 * 2-1). swarmsim draws it from the seeded `updater` stream: the dirty slots are put in a canonical
 * order (replicated: ascending slot number; global: their node's join order, `state.nodeIds`,
 * a deleted node last, ties kept in the order handed over, as the sort is stable), then
 * shuffled by Fisher-Yates, one draw per slot after the first, so a run with one dirty slot
 * draws nothing. The outcome needs no event of its own: it shows in the log as the order in which
 * the replacements are created (and, stop-first, their old tasks shut down).
 */
export function dirtySlotsInOrder(
  ctx: SimContext,
  service: Service,
  slots: readonly Slot[],
  global: boolean,
): SlotWork[] {
  const works = slots
    .filter((slot) => isSlotDirty(ctx, service, slot))
    .map((slot) => ({
      slot: global ? 0 : slot[0]!.slot,
      nodeId: global ? slot[0]!.nodeId : '',
      taskIds: slot.map((task) => task.id),
    }));
  const joinOrder = new Map(ctx.state.nodeIds.map((nodeId, index) => [nodeId, index]));
  const joinIndex = (nodeId: string) => joinOrder.get(nodeId) ?? Number.MAX_SAFE_INTEGER;
  if (global) works.sort((a, b) => joinIndex(a.nodeId) - joinIndex(b.nodeId));
  else works.sort((a, b) => a.slot - b.slot);
  return shuffle(ctx, works);
}

/** Fisher-Yates over `items` in place, with draws from the updater's stream; returns `items`. */
function shuffle<T>(ctx: SimContext, items: T[]): T[] {
  if (items.length < 2) return items;
  const rng = ctx.rng(UPDATER_STREAM);
  for (let last = items.length - 1; last > 0; last -= 1) {
    const pick = rng.int(0, last + 1);
    [items[last], items[pick]] = [items[pick]!, items[last]!];
  }
  return items;
}

/**
 * The slot's tasks when a worker takes it: those the reconcile handed over that still exist,
 * plus tasks created in the slot since with desired <= RUNNING, in creation order. swarmkit works
 * from the reconcile's snapshot alone, so a task the restart supervisor created meanwhile (from
 * the new spec) would get a second replacement beside it; re-reading avoids that duplicate.
 */
export function currentSlotTasks(ctx: SimContext, serviceId: string, work: SlotWork): Task[] {
  const handed = new Set(work.taskIds);
  return tasksInSlot(ctx.state, { serviceId, slot: work.slot, nodeId: work.nodeId }).filter(
    (task) => handed.has(task.id) || compareTaskStates(task.desiredState, 'running') <= 0,
  );
}

/**
 * A task of the slot that already matches the spec: the first clean one with desired RUNNING,
 * else the last clean one with desired below RUNNING (swarmkit's worker loop), else none.
 */
export function existingCleanTask(
  ctx: SimContext,
  service: Service,
  tasks: readonly Task[],
): Task | undefined {
  let waiting: Task | undefined;
  for (const task of tasks) {
    if (isDirty(ctx, service, task)) continue;
    if (task.desiredState === 'running') return task;
    if (compareTaskStates(task.desiredState, 'running') < 0) waiting = task;
  }
  return waiting;
}

/**
 * removeOldTasks: desired SHUTDOWN for each task still meant to run; returns the last one shut
 * down (the one a delayed start waits for), or undefined when none was.
 */
export function shutDownTasks(ctx: SimContext, tasks: readonly Task[]): Task | undefined {
  let last: Task | undefined;
  for (const task of tasks) {
    const current = ctx.state.tasks[task.id];
    if (!current || compareTaskStates(current.desiredState, 'running') > 0) continue;
    advanceDesiredState(ctx, task.id, 'shutdown');
    last = current;
  }
  return last;
}
