/**
 * The per-mode halves of the progress display: which task stands for each replica slot (or each
 * node of a global service), how many run, and the lines drawn for them (SWARM.md 10.4).
 */
import { isTerminal, type TaskState } from '../model/task-state.js';
import type { Service, Task } from '../model/types.js';
import type { ProgressWriter } from './progress-output.js';

/** One mode's view of the service at each poll; true once every wanted task runs. */
export interface ProgressUpdater {
  update(
    out: ProgressWriter,
    service: Service,
    tasks: readonly Task[],
    activeNodes: ReadonlySet<string>,
    rollback: boolean,
  ): boolean;
}

/** The CLI numbers states from new = 1 to running = 9 (its own scale, with `allocated` = 2). */
const NUMBERED: Partial<Record<TaskState, number>> = {
  new: 1, pending: 3, assigned: 4, accepted: 5, preparing: 6, ready: 7, starting: 8, running: 9,
  complete: 10, shutdown: 11, failed: 12, rejected: 13,
};
const MAX_PROGRESS = 9;
const MAX_PROGRESS_BARS = 20;
/** The longest state word the display pads to (`preparing`, `allocated`). */
const STATE_COLUMN = 9;

function numbered(state: TaskState): number {
  return NUMBERED[state] ?? 0;
}

function overall(out: ProgressWriter, running: number, total: number, rollback: boolean): void {
  const text = `${running} out of ${total} tasks`;
  out.write({ id: 'overall progress', text: rollback ? `rolling back update: ${text}` : text });
}

/** Docker cuts an error to 75 characters (74 and an ellipsis) and flattens newlines. */
function truncError(err: string): string {
  const flat = err.replaceAll('\n', ' ');
  return flat.length > 75 ? `${flat.slice(0, 74)}…` : flat;
}

/**
 * Keeps, per key, the task with the lowest desired state, then the lowest observed state (a
 * restart or a start-first update leaves two tasks in one slot). Tasks with a state the CLI does
 * not number (remove, orphaned) are ignored.
 */
function pickPerKey(
  tasks: readonly Task[],
  keyOf: (task: Task) => string | null,
): Map<string, Task> {
  const picked = new Map<string, Task>();
  for (const task of tasks) {
    if (numbered(task.desiredState) === 0 || numbered(task.status.state) === 0) continue;
    const key = keyOf(task);
    if (key === null) continue;
    const existing = picked.get(key);
    if (existing) {
      const desired = numbered(existing.desiredState) - numbered(task.desiredState);
      if (desired < 0) continue;
      if (desired === 0 && numbered(existing.status.state) <= numbered(task.status.state)) continue;
    }
    picked.set(key, task);
  }
  return picked;
}

function taskLine(out: ProgressWriter, id: string, task: Task): void {
  if (task.status.err !== '') {
    out.write({ id, text: truncError(task.status.err) });
    return;
  }
  if (isTerminal(task.desiredState) || isTerminal(task.status.state)) return;
  out.write({
    id,
    text: task.status.state.padEnd(STATE_COLUMN),
    bar: { current: numbered(task.status.state), total: MAX_PROGRESS },
  });
}

function isRunning(task: Task): boolean {
  return !isTerminal(task.desiredState) && task.status.state === 'running';
}

/** Replicated services: one line per slot, renumbered 1..N in the order slots appear. */
export function replicatedUpdater(): ProgressUpdater {
  const slotMap = new Map<number, number>();
  let initialized = false;
  let done = false;
  return {
    update(out, service, tasks, activeNodes, rollback) {
      const { mode } = service.spec;
      const replicas = 'replicated' in mode ? mode.replicated.replicas : 0;
      if (!initialized) {
        overall(out, 0, replicas, rollback);
        if (replicas <= MAX_PROGRESS_BARS) {
          for (let i = 1; i <= replicas; i += 1) out.write({ id: `${i}/${replicas}`, text: ' ' });
        }
        initialized = true;
      }
      // Go walks its map in random order; swarmsim walks slots in ascending order.
      const bySlot = [...pickPerKey(tasks, (task) => {
        const onDownNode = task.nodeId !== '' && !activeNodes.has(task.nodeId);
        return onDownNode ? null : String(task.slot);
      }).values()].sort((a, b) => a.slot - b.slot);
      if (done && bySlot.some((task) => task.status.state !== 'running')) done = false;
      let running = 0;
      for (const task of bySlot) {
        let mapped = slotMap.get(task.slot);
        if (mapped === undefined) {
          mapped = slotMap.size + 1;
          slotMap.set(task.slot, mapped);
        }
        if (isRunning(task)) running += 1;
        if (!done && replicas <= MAX_PROGRESS_BARS && mapped <= replicas) {
          taskLine(out, `${mapped}/${replicas}`, task);
        }
      }
      if (!done) {
        overall(out, running, replicas, rollback);
        if (running === replicas) done = true;
      }
      return running === replicas;
    },
  };
}

/** Global services: one line per node (12-character node ID). */
export function globalUpdater(): ProgressUpdater {
  let initialized = false;
  let done = false;
  return {
    update(out, _service, tasks, activeNodes, rollback) {
      const byNode = [...pickPerKey(tasks, (task) => task.nodeId).values()].sort((a, b) =>
        a.nodeId < b.nodeId ? -1 : 1,
      );
      const nodeCount = byNode.length;
      if (!initialized) {
        if (nodeCount === 0) {
          out.write({ id: 'overall progress', text: 'waiting for new tasks' });
          return false;
        }
        overall(out, 0, nodeCount, rollback);
        initialized = true;
      }
      if (done && byNode.some((task) => task.status.state !== 'running')) done = false;
      let running = 0;
      for (const task of byNode) {
        if (!activeNodes.has(task.nodeId)) continue;
        if (isRunning(task)) running += 1;
        if (!done && nodeCount <= MAX_PROGRESS_BARS) taskLine(out, task.nodeId.slice(0, 12), task);
      }
      if (!done) {
        overall(out, running, nodeCount, rollback);
        if (running === nodeCount) done = true;
      }
      return running === nodeCount;
    },
  };
}
