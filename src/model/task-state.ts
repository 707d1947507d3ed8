/**
 * Task states in swarmkit's order (`api/types.proto`). The order is the contract: observed and
 * desired states only ever move forward, and "terminal" means anything after `running`.
 */
export const TASK_STATES = [
  'new',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
  'complete',
  'shutdown',
  'failed',
  'rejected',
  'remove',
  'orphaned',
] as const;

export type TaskState = (typeof TASK_STATES)[number];

/** swarmkit's numeric value of each state, kept so the log and inspect output can show it. */
export const TASK_STATE_NUMBER: Readonly<Record<TaskState, number>> = {
  new: 0,
  pending: 64,
  assigned: 192,
  accepted: 256,
  preparing: 320,
  ready: 384,
  starting: 448,
  running: 512,
  complete: 576,
  shutdown: 640,
  failed: 704,
  rejected: 768,
  remove: 800,
  orphaned: 832,
};

/** Compares two states by swarmkit order: negative when `a` comes first. */
export function compareTaskStates(a: TaskState, b: TaskState): number {
  return TASK_STATE_NUMBER[a] - TASK_STATE_NUMBER[b];
}

/** True when the task's container is no longer running (or never will): swarmkit's "> RUNNING". */
export function isTerminal(state: TaskState): boolean {
  return TASK_STATE_NUMBER[state] > TASK_STATE_NUMBER.running;
}

/** True when `next` is a legal observed-state move from `current` (strictly forward). */
export function isForwardMove(current: TaskState, next: TaskState): boolean {
  return TASK_STATE_NUMBER[next] > TASK_STATE_NUMBER[current];
}

/** The word docker prints for a state: the enum name with its first letter capitalised. */
export function displayTaskState(state: TaskState): string {
  return state.charAt(0).toUpperCase() + state.slice(1);
}

export function isTaskState(value: string): value is TaskState {
  return (TASK_STATES as readonly string[]).includes(value);
}
