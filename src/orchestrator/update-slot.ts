/**
 * The updater's view of slots (swarmkit `updater.go` isSlotDirty, the worker's choice of an
 * existing task, removeOldTasks). Small functions over the live state; only `shutDownTasks`
 * emits.
 */
import type { Rng } from '../engine/rng.js';
import type { SimContext } from '../engine/simulation.js';
import { compareTaskStates, type TaskState } from '../model/task-state.js';
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
  handed: HandedTask[];
}

/** A task of a dirty slot, with its desired state when the reconcile handed the slot over. */
export interface HandedTask {
  id: string;
  desiredState: TaskState;
}

/** A handed task that is still in the store: its live record and its handed desired state. */
export interface SlotTask {
  task: Task;
  handedDesired: TaskState;
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
 * `scaleDown`: `slots` are the slots a scale-down keeps, which swarmkit hands over in its
 * scale-down order instead (`scaleDownHandOver`).
 */
export function dirtySlotsInOrder(
  ctx: SimContext,
  service: Service,
  slots: readonly Slot[],
  global: boolean,
  scaleDown = false,
): SlotWork[] {
  const dirty = (slot: Slot) => isSlotDirty(ctx, service, slot);
  const ordered = scaleDown && slots.filter(dirty).length > 1;
  const works = (ordered ? scaleDownHandOver(ctx, slots) : slots)
    .filter(dirty)
    .map((slot) => ({
      slot: global ? 0 : slot[0]!.slot,
      nodeId: global ? slot[0]!.nodeId : '',
      handed: slot.map((task) => ({ id: task.id, desiredState: task.desiredState })),
    }));
  if (ordered) return works;
  const joinOrder = new Map(ctx.state.nodeIds.map((nodeId, index) => [nodeId, index]));
  const joinIndex = (nodeId: string) => joinOrder.get(nodeId) ?? Number.MAX_SAFE_INTEGER;
  if (global) works.sort((a, b) => joinIndex(a.nodeId) - joinIndex(b.nodeId));
  else works.sort((a, b) => a.slot - b.slot);
  return works.length < 2 ? works : shuffleSlots(ctx.rng(UPDATER_STREAM), works);
}

/**
 * The slots a scale-down keeps, in the order swarmkit's replicated reconcile hands them to the
 * updater: its Go map order (a shuffle of every kept slot, one draw per slot after the first),
 * then stable sorts, as for choosing the slots to remove: slots with a RUNNING task first; then
 * by "k-th copy on its node" in that order, slots with several tasks or no node last. So the
 * first copy on each node goes first, ties in random order. Which slots are kept is decided
 * before, by `orderForScaleDown` with slot numbers breaking its ties; counting copies among the
 * kept slots alone is enough, as a node's kept copies come before its removed ones.
 */
function scaleDownHandOver(ctx: SimContext, slots: readonly Slot[]): Slot[] {
  const running = (slot: Slot) => Number(slot.some((task) => task.status.state === 'running'));
  const shuffled = shuffleSlots(ctx.rng(UPDATER_STREAM), [...slots]);
  const byRunning = shuffled.sort((a, b) => running(b) - running(a));
  const copies = new Map<string, number>();
  const indexOf = new Map<Slot, number>();
  for (const slot of byRunning) {
    const only = slot.length === 1 ? slot[0]! : undefined;
    if (!only || only.nodeId === '') continue;
    const index = (copies.get(only.nodeId) ?? 0) + 1;
    copies.set(only.nodeId, index);
    indexOf.set(slot, index);
  }
  const rank = (slot: Slot) => indexOf.get(slot) ?? Number.MAX_SAFE_INTEGER;
  return byRunning.sort((a, b) => rank(a) - rank(b));
}

/**
 * Fisher-Yates over `items` in place, one draw from `rng` per item after the first; returns
 * `items`. Exported so a test can replay the updater stream's draws for a seed.
 */
export function shuffleSlots<T>(rng: Rng, items: T[]): T[] {
  for (let last = items.length - 1; last > 0; last -= 1) {
    const pick = rng.int(0, last + 1);
    [items[last], items[pick]] = [items[pick]!, items[last]!];
  }
  return items;
}

/**
 * The slot's tasks when a worker takes it: only those the reconcile handed over (swarmkit's
 * worker works from that snapshot), still in the store. A task created in the slot since (the
 * restart supervisor's replacement of one that failed meanwhile) is not among them: swarmkit
 * neither starts it early nor builds a second one beside it (see `canShutDown`).
 */
export function handedTasks(ctx: SimContext, work: SlotWork): SlotTask[] {
  return work.handed.flatMap(({ id, desiredState }) => {
    const task = ctx.state.tasks[id];
    return task ? [{ task, handedDesired: desiredState }] : [];
  });
}

/**
 * A task of the slot that already matches the spec, by the desired states as handed over: the
 * first clean one with desired RUNNING, else the last clean one below RUNNING (swarmkit's worker
 * loop), else none.
 */
export function existingCleanTask(
  ctx: SimContext,
  service: Service,
  tasks: readonly SlotTask[],
): SlotTask | undefined {
  let waiting: SlotTask | undefined;
  for (const entry of tasks) {
    if (isDirty(ctx, service, entry.task)) continue;
    if (entry.handedDesired === 'running') return entry;
    if (compareTaskStates(entry.handedDesired, 'running') < 0) waiting = entry;
  }
  return waiting;
}

/**
 * Whether removeOldTasks can succeed on `handed` (tasks of `work`): it skips those handed over
 * already past RUNNING, and fails when every other one is gone or was shut down since (by the
 * restart supervisor, when it failed meanwhile). swarmkit then aborts the worker's whole
 * transaction: no replacement is created and no task started ("update failed" in its log).
 */
export function canShutDown(ctx: SimContext, handed: readonly HandedTask[]): boolean {
  const toStop = handed.filter((entry) => compareTaskStates(entry.desiredState, 'running') <= 0);
  if (toStop.length === 0) return true;
  return toStop.some((entry) => {
    const live = ctx.state.tasks[entry.id];
    return live !== undefined && compareTaskStates(live.desiredState, 'running') <= 0;
  });
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
