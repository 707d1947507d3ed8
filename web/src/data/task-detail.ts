/**
 * A clicked task, as `docker service ps` would tell it at the cursor: the rows of its slot (the
 * newest first, older ones as `\_ web.3`), and the clicked task's state changes with their times.
 */
import type { ClusterState } from '../../../src/model/state.js';
import { tasksInSlot } from '../../../src/model/state.js';
import { displayTaskState } from '../../../src/model/task-state.js';
import { formatDuration } from '../../../src/scenario/units.js';
import type { Names } from './names.js';

/** One `service ps` row. */
export interface PsRow {
  taskId: string;
  /** `web.3`, or `\_ web.3` for an older task of the slot. */
  name: string;
  node: string;
  desiredState: string;
  /** `Running 12s ago`: the state and how long before the cursor it was reached. */
  currentState: string;
  error: string;
}

/** The clicked task at the cursor. */
export interface TaskDetail {
  name: string;
  taskId: string;
  /** Its slot's tasks, newest first, as `service ps` lists them. */
  rows: PsRow[];
  /** Every state the task reached up to the cursor, oldest first, at its virtual time. */
  transitions: { state: string; at: string }[];
  message: string;
  error: string;
  exitCode: number | null;
}

/** The task's detail in `state`, or null when it is not in the store then (not yet, or reaped). */
export function taskDetail(state: ClusterState, names: Names, taskId: string): TaskDetail | null {
  const task = state.tasks[taskId];
  if (!task) return null;
  const rows = [...tasksInSlot(state, task)].reverse().map((each, index): PsRow => {
    const since = Math.max(0, state.now - each.status.timestamp);
    return {
      taskId: each.id,
      name: `${index === 0 ? '' : '\\_ '}${names.task(each.id)}`,
      node: each.nodeId ? names.host(each.nodeId) : '',
      desiredState: displayTaskState(each.desiredState),
      currentState: `${displayTaskState(each.status.state)} ${formatDuration(since)} ago`,
      error: each.status.err,
    };
  });
  return {
    name: names.task(task.id),
    taskId: task.id,
    rows,
    transitions: task.transitions.map((move) => ({
      state: displayTaskState(move.state),
      at: formatDuration(move.at),
    })),
    message: task.status.message,
    error: task.status.err,
    exitCode: task.status.exitCode,
  };
}
