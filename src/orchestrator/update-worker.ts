/**
 * One updater worker (swarmkit `updater.go` worker, updateTask, useExistingTask; SWARM.md 6.2
 * step 5). It handles one slot at a time, judging it by the tasks and desired states the
 * reconcile handed over (swarmkit's snapshot), not by what the slot holds now:
 * - a clean task with desired RUNNING already in the slot: shut the others down, done;
 * - a clean task waiting below RUNNING: shut the others down, start it once they stopped;
 * - otherwise create a replacement from the new spec with desired READY, in the same slot
 *   (replicated: scheduled anywhere; global: on the same node), and
 *   - stop-first: shut the old tasks down at the same instant and start the replacement once
 *     the old one is past RUNNING, its node is DOWN, or a minute passed (the restart
 *     supervisor's delayed start);
 *   - start-first: start it at once, and shut the old tasks down only when it is observed
 *     exactly RUNNING, so a replacement that fails leaves the old task running.
 * When the handed tasks were all shut down since the handover (one failed and the restart
 * supervisor replaced it), swarmkit's stop-first transaction fails and the slot is left as it
 * is: the restart supervisor's replacement keeps its restart delay (start-first: the same here;
 * see `take`).
 * It then waits for the replacement's first state at or past RUNNING, with no timeout, and
 * sleeps Delay before its next slot.
 */
import type { SimContext } from '../engine/simulation.js';
import { OLD_TASK_STOP_TIMEOUT_MS } from '../model/defaults.js';
import type { TaskState } from '../model/task-state.js';
import type { Service, SimTime, Task, UpdateConfig } from '../model/types.js';
import { createTask, existingTasks } from './common.js';
import type { RestartSupervisor } from './restart.js';
import {
  canShutDown,
  existingCleanTask,
  handedTasks,
  shutDownTasks,
  type SlotTask,
  type SlotWork,
} from './update-slot.js';

/** The first observed state at or past RUNNING of a task a run created, and when. */
export interface Reached {
  state: TaskState;
  at: SimTime;
}

/** What a worker needs from its run. */
export interface WorkerHost {
  readonly service: Service;
  readonly config: UpdateConfig;
  readonly global: boolean;
  readonly restarts: RestartSupervisor;
  readonly active: boolean;
  recordCreated(taskId: string): void;
  reached(taskId: string): Reached | null;
  /** Routes the events of these tasks to `worker` (a task has at most one watcher). */
  watch(taskIds: readonly string[], worker: UpdateWorker): void;
  unwatch(taskIds: readonly string[]): void;
  settle(ctx: SimContext, worker: UpdateWorker): void;
  rested(ctx: SimContext, worker: UpdateWorker): void;
}

type Wait =
  /** An existing clean task's delayed start. */
  | { kind: 'start'; taskId: string }
  /** A replacement this worker created; `oldTaskIds` are shut down later under start-first. */
  | { kind: 'replacement'; taskId: string; oldTaskIds: string[]; startFirst: boolean };

/** One of a run's Parallelism workers: one slot at a time, then its Delay. */
export class UpdateWorker {
  private wait: Wait | null = null;
  private resting = false;
  /** Tasks whose events may end the wait. */
  private watched: string[] = [];
  /** Bumped on every change of step, so a timer of an earlier step does nothing. */
  private token = 0;

  constructor(private readonly host: WorkerHost) {}

  /** Neither handling a slot nor sleeping its Delay. */
  get idle(): boolean {
    return this.wait === null && !this.resting;
  }

  /** Starts work on `work`; the slot may be finished before this returns. */
  take(ctx: SimContext, work: SlotWork): void {
    const { service, global } = this.host;
    const tasks = handedTasks(ctx, work);
    const existing = existingCleanTask(ctx, service, tasks);
    if (existing) this.useExisting(ctx, existing, tasks, work);
    // A global slot whose node was deleted meanwhile has nowhere to put a replacement.
    else if (global && !ctx.state.nodes[work.nodeId]) this.endSlot(ctx);
    // Stop-first: swarmkit's transaction fails whole. Start-first shuts nothing down at first,
    // so swarmkit would build a second task beside the restart supervisor's one, both of the
    // new spec, until a later run retires one: not modelled, the slot is left as under stop-first.
    else if (!canShutDown(ctx, work.handed)) this.endSlot(ctx);
    else this.replace(ctx, work, tasks.map((entry) => entry.task));
    this.tryFinish(ctx);
  }

  /** Ends the slot if its wait is over (and, under start-first, retires the old tasks). */
  tryFinish(ctx: SimContext): boolean {
    const wait = this.wait;
    if (!wait || !this.waitIsOver(ctx, wait)) return false;
    if (wait.kind === 'replacement' && wait.startFirst) {
      if (this.host.reached(wait.taskId)?.state === 'running') {
        shutDownTasks(ctx, existingTasks(ctx, wait.oldTaskIds));
      }
    }
    this.endSlot(ctx);
    return true;
  }

  private waitIsOver(ctx: SimContext, wait: Wait): boolean {
    // A deleted task will never report again; swarmkit would wait for it forever.
    if (!ctx.state.tasks[wait.taskId]) return true;
    if (this.host.restarts.isStartPending(wait.taskId)) return false;
    return wait.kind === 'start' || this.host.reached(wait.taskId) !== null;
  }

  private useExisting(
    ctx: SimContext,
    existing: SlotTask,
    tasks: readonly SlotTask[],
    work: SlotWork,
  ): void {
    const others = work.handed.filter((entry) => entry.id !== existing.task.id);
    // If none of the others can be shut down any more, swarmkit's transaction fails whole.
    if (others.length > 0 && !canShutDown(ctx, others)) return this.endSlot(ctx);
    const old = shutDownTasks(
      ctx,
      tasks.filter((entry) => entry !== existing).map((entry) => entry.task),
    );
    if (existing.handedDesired === 'running') return this.endSlot(ctx);
    // A pending restart delay of this task is replaced by a start as soon as `old` stopped.
    this.host.restarts.delayStart(ctx, old, existing.task.id, 0, true);
    const watched = tasks.map((entry) => entry.task);
    this.waitFor(ctx, { kind: 'start', taskId: existing.task.id }, watched);
  }

  private replace(ctx: SimContext, work: SlotWork, tasks: readonly Task[]): void {
    const { service, global, restarts } = this.host;
    const replacement = createTask(ctx, service, {
      slot: work.slot,
      nodeId: global ? work.nodeId : '',
      desiredState: 'ready',
      origin: 'updater',
    });
    this.host.recordCreated(replacement.id);
    const startFirst = this.host.config.order === 'start-first';
    const oldTaskIds = tasks.map((task) => task.id);
    if (startFirst) {
      restarts.delayStart(ctx, undefined, replacement.id, 0, false);
    } else {
      restarts.delayStart(ctx, shutDownTasks(ctx, tasks), replacement.id, 0, true);
    }
    const wait: Wait = { kind: 'replacement', taskId: replacement.id, oldTaskIds, startFirst };
    this.waitFor(ctx, wait, [replacement, ...tasks]);
  }

  /**
   * Waits on task events, plus two checks of our own: one right after the delayed start's own
   * zero-delay timer and one at its stop timeout, for the rare start that ends without a task
   * event (its task's desired state was already moved by someone else).
   */
  private waitFor(ctx: SimContext, wait: Wait, watched: readonly Task[]): void {
    this.wait = wait;
    this.watched = watched.map((task) => task.id);
    this.host.watch(this.watched, this);
    const token = ++this.token;
    const recheck = (later: SimContext) => {
      if (this.token === token && this.host.active) this.host.settle(later, this);
    };
    ctx.at(ctx.now, `updater: check start of ${wait.taskId}`, recheck);
    ctx.at(ctx.now + OLD_TASK_STOP_TIMEOUT_MS, `updater: recheck ${wait.taskId}`, recheck);
  }

  /** The slot is done: sleep Delay (per worker, after the task runs), then be idle. */
  private endSlot(ctx: SimContext): void {
    this.wait = null;
    this.host.unwatch(this.watched);
    this.watched = [];
    const token = ++this.token;
    const delayMs = Math.round(this.host.config.delayMs);
    if (delayMs <= 0) return;
    this.resting = true;
    ctx.at(ctx.now + delayMs, 'updater: delay between slots', (later) => {
      if (this.token !== token || !this.host.active) return;
      this.resting = false;
      this.host.rested(later, this);
    });
  }
}
