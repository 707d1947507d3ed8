/**
 * The container behind a task, as the node's engine would list it, derived from the task's
 * recorded transitions: created when the task became READY (the agent creates the container
 * while preparing), started when it became RUNNING, exited when it reached a terminal state.
 */
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import { humanDuration } from './clock.js';

/** A task's container: its engine state and the times that define its STATUS column. */
export interface ContainerView {
  task: Task;
  /** `created`, `running` or `exited`. */
  state: 'created' | 'running' | 'exited';
  /** Virtual time the container was created. */
  createdAt: number;
  /** docker's STATUS text at virtual time `now`. */
  status(now: number): string;
}

/** The task's container, or null when none was created yet (or ever). */
export function containerState(task: Task): ContainerView | null {
  const created = task.transitions.find(
    (t) => compareTaskStates(t.state, 'ready') >= 0 && !isTerminal(t.state),
  );
  if (!created) return null;
  const started = task.transitions.find((t) => t.state === 'running');
  const ended = isTerminal(task.status.state) ? task.status.timestamp : null;
  if (ended !== null && started) {
    const code = task.status.exitCode ?? 0;
    return {
      task,
      state: 'exited',
      createdAt: created.at,
      status: (now) => `Exited (${code}) ${humanDuration(now - ended)} ago`,
    };
  }
  if (started) {
    return {
      task,
      state: 'running',
      createdAt: created.at,
      status: (now) => `Up ${humanDuration(now - started.at)}`,
    };
  }
  return { task, state: 'created', createdAt: created.at, status: () => 'Created' };
}
