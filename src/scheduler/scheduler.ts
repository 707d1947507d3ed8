/**
 * The scheduler component (swarmkit's `manager/scheduler/scheduler.go`, SWARM.md 5): places
 * PENDING tasks on nodes. It runs a pass SCHEDULER_DEBOUNCE_MS after the last relevant change,
 * but never later than SCHEDULER_MAX_LATENCY_MS after the first one. Relevant: a task becoming
 * pending, a task releasing its reservation, any node change. Nothing else retries a pending task:
 * there is no timer-based retry, as in swarmkit.
 *
 * The pass itself is `planAssignments`, a pure function; this file only decides when to run it
 * and turns its plan into events.
 */
import type { SimContext, Component } from '../engine/simulation.js';
import { SCHEDULER_DEBOUNCE_MS, SCHEDULER_MAX_LATENCY_MS } from '../model/defaults.js';
import type { SimTime } from '../model/types.js';
import { freeVolumes, requestPublish } from './filters/volumes-publish.js';
import { planAssignments } from './plan.js';
import { TaskTracker } from './tracker.js';

export { planAssignments, type Plan, type PlanOptions } from './plan.js';

/** Scheduler settings; the defaults are what a swarm uses. */
export interface SchedulerOptions {
  /**
   * Keep node infos between passes and rebuild only changed nodes (default true). Off, every pass
   * rebuilds them from the state: slower, and a reference the tests compare the cache against.
   */
  cacheNodeInfos?: boolean;
}

/** Runs one scheduling pass now and emits its decisions. */
function runSchedulingPass(ctx: SimContext, tracker: TaskTracker, cache: boolean): void {
  const tasks = tracker.pendingTasks(ctx.state);
  if (tasks.length === 0) {
    freeVolumes(ctx);
    return;
  }
  const plan = planAssignments(ctx.state, tasks, ctx.now, {
    failures: tracker.failures,
    nodeInfos: cache ? tracker.nodeInfos : undefined,
  });
  for (const assignment of plan.assignments) {
    // The pass charged the task to the cached infos: its assignment needs no rebuild of its node.
    if (cache) tracker.nodeInfos.chargedByPass(assignment.taskId);
    ctx.emit({ type: 'task/assigned', ...assignment });
    if (assignment.volumes) requestPublish(ctx, assignment.nodeId, assignment.volumes);
  }
  for (const { taskId, err } of plan.unschedulable) {
    // Re-emitting an unchanged error would only add noise to the log.
    if (ctx.state.tasks[taskId]?.status.err === err) continue;
    ctx.emit({ type: 'task/unschedulable', taskId, err });
  }
  for (const taskId of plan.shutdown) {
    const task = ctx.state.tasks[taskId];
    if (task?.status.state !== 'pending') continue;
    ctx.emit({
      type: 'task/stateChanged',
      taskId,
      state: 'shutdown',
      message: task.status.message,
      err: '',
      exitCode: null,
    });
  }
  // swarmkit frees volumes after committing every pass's decisions.
  freeVolumes(ctx);
}

/** The scheduler: debounced passes of `planAssignments` over the pending tasks. */
export function createScheduler(options: SchedulerOptions = {}): Component {
  const cache = options.cacheNodeInfos ?? true;
  const tracker = new TaskTracker();
  let firstChangeAt: SimTime | null = null;
  let dueAt: SimTime | null = null;
  // Timers cannot be cancelled: each one carries the generation it was set for, and only the
  // latest generation runs.
  let generation = 0;

  const requestPass = (ctx: SimContext): void => {
    firstChangeAt ??= ctx.now;
    // A pass held while the swarm could not commit is overdue when the leader catches up: the
    // latest-by time may lie in the past, and then the pass runs at once.
    const latest = Math.max(ctx.now, firstChangeAt + SCHEDULER_MAX_LATENCY_MS);
    const due = Math.min(ctx.now + SCHEDULER_DEBOUNCE_MS, latest);
    if (due === dueAt) return;
    dueAt = due;
    generation += 1;
    const mine = generation;
    ctx.at(due, 'scheduler/pass', (timerCtx) => {
      if (mine !== generation) return;
      firstChangeAt = null;
      dueAt = null;
      runSchedulingPass(timerCtx, tracker, cache);
    });
  };

  return {
    name: 'scheduler',
    start(ctx) {
      if (tracker.adopt(ctx.state)) requestPass(ctx);
    },
    onEvent(ctx, event) {
      if (tracker.observe(ctx.state, event)) requestPass(ctx);
    },
  };
}
