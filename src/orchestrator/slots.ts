/**
 * Slots: the tasks that fill one replica position over time (swarmkit `orchestrator/slot.go`,
 * `replicated/slot.go`). Pure functions over task lists; nothing here reads the clock or emits.
 */
import type { Task } from '../model/types.js';

/** The tasks of one slot (replicated) or one node (global), in creation order; never empty. */
export type Slot = Task[];

/** Groups tasks (given in creation order) by a key, keeping first-seen key order. */
export function groupTasks<K>(tasks: readonly Task[], keyOf: (task: Task) => K): Map<K, Slot> {
  const groups = new Map<K, Slot>();
  for (const task of tasks) {
    const group = groups.get(keyOf(task));
    if (group) group.push(task);
    else groups.set(keyOf(task), [task]);
  }
  return groups;
}

/** Replicated tasks grouped by slot number, slots in ascending order. */
export function groupBySlotNumber(tasks: readonly Task[]): Map<number, Slot> {
  const groups = groupTasks(tasks, (task) => task.slot);
  return new Map([...groups.entries()].sort(([a], [b]) => a - b));
}

/**
 * The slot's newest task by status timestamp (swarmkit uses AppliedAt, else the status time; we
 * only have the latter). On a tie the later-created task wins: swarmkit keeps whichever comes
 * first in its id-sorted store order, which is arbitrary, and "newer" is the sensible reading.
 */
export function newestTask(slot: Slot): Task {
  let newest = slot[0]!;
  for (const task of slot) {
    if (task.status.timestamp >= newest.status.timestamp) newest = task;
  }
  return newest;
}

/** Tasks oldest first by status timestamp; stable, so ties keep creation order. */
export function oldestFirst(tasks: readonly Task[]): Task[] {
  return [...tasks].sort((a, b) => a.status.timestamp - b.status.timestamp);
}

/** The `count` lowest slot numbers >= 1 that are not taken. */
export function lowestFreeSlots(taken: ReadonlySet<number>, count: number): number[] {
  const free: number[] = [];
  for (let slot = 1; free.length < count; slot += 1) {
    if (!taken.has(slot)) free.push(slot);
  }
  return free;
}

function hasRunningTask(slot: Slot): boolean {
  return slot.some((task) => task.status.state === 'running');
}

/**
 * Live slots in the order scale-down keeps them (swarmkit `reconcile`, SWARM.md 3.1): the first
 * R are kept, the rest removed.
 * 1. Slots with an observed RUNNING task first, each group by ascending slot number.
 * 2. Each single-task slot with a node gets k = "k-th copy on its node" in that order; other
 *    slots get -1.
 * 3. Stable sort by k ascending, -1 last. So copies leave the most loaded nodes first, and
 *    unassigned or multi-task slots leave before all others.
 * swarmkit uses Go's unstable sort.Sort, which is insertion sort (stable) for <= 12 slots; we
 * keep it stable for every size.
 */
export function orderForScaleDown(slots: readonly Slot[]): Slot[] {
  const byRunning = [...slots].sort((a, b) => {
    const running = Number(hasRunningTask(b)) - Number(hasRunningTask(a));
    return running !== 0 ? running : a[0]!.slot - b[0]!.slot;
  });
  const copiesOnNode = new Map<string, number>();
  const indexed = byRunning.map((slot) => {
    const only = slot[0]!;
    if (slot.length !== 1 || only.nodeId === '') return { slot, index: -1 };
    const index = (copiesOnNode.get(only.nodeId) ?? 0) + 1;
    copiesOnNode.set(only.nodeId, index);
    return { slot, index };
  });
  indexed.sort((a, b) => {
    if (a.index < 0 && b.index >= 0) return 1;
    if (b.index < 0 && a.index >= 0) return -1;
    return a.index - b.index;
  });
  return indexed.map((entry) => entry.slot);
}
