/**
 * What a manager does to the tasks when it becomes leader, before its orchestrators run
 * (SWARM.md 3.9, swarmkit `manager/orchestrator/taskinit`): the previous leader may have left
 * work half done, and its timers died with its leadership.
 * - Tasks of services that no longer exist are deleted, even ones still running.
 * - Tasks left with desired READY (a restart waiting for its delay, or for the task it replaces
 *   to stop) get their start re-armed from their own status time: the rest of the service's
 *   restart delay (capped at the whole delay), or at once if it has passed. The wait for the old
 *   task is not re-armed, so such a task starts without it.
 * DOWN nodes get their 24 h orphan timer again in the dispatcher (dispatcher.ts). swarmsim's
 * orchestrators keep their own timers across leaderships (leader-only.ts holds them), so a
 * re-armed start only ever comes earlier than theirs; whichever comes first starts the task.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import { compareTaskStates } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import {
  advanceDesiredState,
  deleteTask,
  isGlobalService,
  isReplicatedService,
} from '../orchestrator/common.js';
import { cannotCommit } from './quorum.js';

/**
 * Creates the leader start-up component. Put it before the leader-only components: it acts on
 * the first event it sees under a new leadership, so it runs before they catch up on the work
 * they held (swarmkit runs these fix-ups before its orchestrators and scheduler start).
 */
export function createTaskInit(): Component {
  // The leadership last fixed up for: derived from the state, so a replay rebuilds it.
  let fixedFor: { leaderId: string; term: number } | null = null;
  return {
    name: 'task-init',
    onEvent(ctx) {
      const { leaderId, term } = ctx.state.world.raft;
      if (leaderId === null || (fixedFor?.leaderId === leaderId && fixedFor.term === term)) return;
      if (cannotCommit(ctx.state)) return;
      fixedFor = { leaderId, term };
      fixTasksAtLeaderStart(ctx);
    },
  };
}

/** The fix-ups of a new leadership, at `ctx.now`. */
export function fixTasksAtLeaderStart(ctx: SimContext): void {
  const { state } = ctx;
  for (const task of orphanedByServiceRemoval(ctx)) deleteTask(ctx, task.id);
  for (const serviceId of state.serviceIds) {
    // swarmkit's jobs orchestrator runs this check too (jobs/orchestrator.go Run). Here a job's
    // waiting task is left to the jobs orchestrator's own restart timer, which leader-only.ts
    // holds across the leaderless time and runs at the election or when the delay ends: the
    // same moments this re-arm would pick, as the job's task has no old task to wait for.
    const service = state.services[serviceId];
    if (!isReplicatedService(service) && !isGlobalService(service)) continue;
    for (const taskId of [...(state.tasksByService[serviceId] ?? [])]) {
      const task = state.tasks[taskId];
      if (task && waitsToStart(task)) rearmStart(ctx, task);
    }
  }
}

/** Tasks whose service is gone, oldest first (created time, then id: a documented order). */
function orphanedByServiceRemoval(ctx: SimContext): Task[] {
  const { services, tasks } = ctx.state;
  return Object.values(tasks)
    .filter((task) => !services[task.serviceId])
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Desired READY and not yet past COMPLETE: a start the previous leader may never have made. */
function waitsToStart(task: Task): boolean {
  return task.desiredState === 'ready' && compareTaskStates(task.status.state, 'complete') <= 0;
}

/** Starts `task` once its restart delay, counted from its status time, has passed. */
function rearmStart(ctx: SimContext, task: Task): void {
  const delayMs = task.spec.restart.delayMs;
  const remainingMs = Math.min(delayMs, task.status.timestamp + delayMs - ctx.now);
  if (remainingMs <= 0) {
    advanceDesiredState(ctx, task.id, 'running');
    return;
  }
  ctx.at(ctx.now + remainingMs, `leader start: delayed start of ${task.id}`, (later) => {
    const current = later.state.tasks[task.id];
    // A store write: without a quorum it waits for the next leadership, which re-arms it.
    if (!current || current.desiredState !== 'ready' || cannotCommit(later.state)) return;
    advanceDesiredState(later, task.id, 'running');
  });
}
