/**
 * The agent's progression rule (swarmkit `agent/exec/controller.go`, SWARM.md 1.3), as a pure
 * function: which single move a task makes next toward its desired state. Stopping (desired at or
 * past SHUTDOWN) is handled separately, since it preempts whatever step is under way.
 */
import { compareTaskStates, type TaskState } from '../model/task-state.js';

/** One observed-state move and the message swarmkit reports with it. */
export interface LifecycleStep {
  from: TaskState;
  to: TaskState;
  message: string;
}

/**
 * The next move of a task in `current` whose desired state is `desired` (below SHUTDOWN), or null
 * when it must wait. PREPARING -> READY and STARTING -> RUNNING are work already begun, so they
 * may pass the desired state; the other moves happen only while current < desired, which is how a
 * replacement with desired READY parks at READY. RUNNING's way out is the process exiting.
 */
export function nextLifecycleStep(current: TaskState, desired: TaskState): LifecycleStep | null {
  if (compareTaskStates(current, desired) > 0) return null;
  if (current === 'preparing') return { from: current, to: 'ready', message: 'prepared' };
  if (current === 'starting') return { from: current, to: 'running', message: 'started' };
  if (compareTaskStates(current, desired) >= 0) return null;
  switch (current) {
    case 'assigned':
      return { from: current, to: 'accepted', message: 'accepted' };
    case 'accepted':
      return { from: current, to: 'preparing', message: 'preparing' };
    case 'ready':
      return { from: current, to: 'starting', message: 'starting' };
    default:
      return null;
  }
}
