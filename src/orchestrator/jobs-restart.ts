/**
 * The restart supervisor's rule for job tasks (swarmkit `restart.go` as the jobs reconcilers call
 * it, SWARM.md 3.3 and 3.5). The restart count is the job's replacements in the store (tasks of
 * origin `restart` in this iteration) that this leadership made: swarmkit's supervisor keeps its
 * history in the leader's memory, so a new leader starts counting from zero. A task that failed
 * for good is only shut down; the reconciler refills its slot (or node) at the job's next
 * reconcile.
 */
import type { SimContext } from '../engine/simulation.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import type { Service, Task } from '../model/types.js';
import { tasksOfService } from '../model/state.js';
import { advanceDesiredState, createTask } from './common.js';
import { isEligibleNode } from './global-reconcile.js';

/** The replacements made under the current leadership (src/raft/leadership.ts), by task id. */
export class JobRestarts {
  private leadership = -1;
  private readonly made = new Set<string>();

  /** Forgets every replacement when `key` names another leadership than the one so far. */
  enterLeadership(key: number): void {
    if (key === this.leadership) return;
    this.leadership = key;
    this.made.clear();
  }

  record(taskId: string): void {
    this.made.add(taskId);
  }

  madeHere(taskId: string): boolean {
    return this.made.has(taskId);
  }
}

/**
 * A task that stopped without completing is shut down and, unless the policy forbids it,
 * replaced in its slot (or on its node) after the restart delay. `any` acts as `on-failure`,
 * since a completed job task is never re-run.
 */
export function restartIfFailed(
  ctx: SimContext,
  restarts: JobRestarts,
  service: Service,
  task: Task,
): void {
  if (!isTerminal(task.status.state) || task.status.state === 'complete') return;
  if (compareTaskStates(task.desiredState, 'complete') > 0) return;
  advanceDesiredState(ctx, task.id, 'shutdown');
  const policy = task.spec.restart;
  if (policy.condition === 'none') return;
  const global = 'globalJob' in service.spec.mode;
  if (!attemptsLeft(ctx, restarts, service, task, global)) return;
  if (global && !isEligibleNode(ctx.state.nodes[task.nodeId])) return;
  const replacement = createTask(ctx, service, {
    slot: task.slot,
    nodeId: global ? task.nodeId : '',
    desiredState: 'ready',
    origin: 'restart',
  });
  restarts.record(replacement.id);
  const delayMs = ctx.state.nodes[task.nodeId]?.availability === 'drain' ? 0 : policy.delayMs;
  ctx.at(ctx.now + delayMs, `job restart delay of task ${replacement.id}`, (timerCtx) => {
    const now = timerCtx.state.tasks[replacement.id];
    if (now && now.desiredState === 'ready') advanceDesiredState(timerCtx, now.id, 'complete');
  });
}

/**
 * MaxAttempts for the failed `task` of a replicated job, counted per slot and iteration. Without
 * a Window every restart counts; with one, only the restarts created strictly between
 * (failure - Window) and the failure, the failure time being the failed status's timestamp.
 * A global job has no limit: swarmkit's supervisor records its restarts under (slot, node) but
 * looks them up under the slot alone (it keys by node for global services only), finds nothing,
 * and always restarts (docs/fidelity.md).
 */
function attemptsLeft(
  ctx: SimContext,
  restarts: JobRestarts,
  service: Service,
  task: Task,
  global: boolean,
): boolean {
  const { maxAttempts, windowMs } = task.spec.restart;
  if (maxAttempts === 0 || global) return true;
  const failedAt = task.status.timestamp;
  const counted = tasksOfService(ctx.state, service.id).filter(
    (other) =>
      other.origin === 'restart' &&
      restarts.madeHere(other.id) &&
      other.specVersion === task.specVersion &&
      other.slot === task.slot &&
      (windowMs === 0 || (other.createdAt > failedAt - windowMs && other.createdAt < failedAt)),
  );
  return counted.length < maxAttempts;
}
