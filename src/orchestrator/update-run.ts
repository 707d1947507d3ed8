/**
 * One rolling update of one service towards one spec (swarmkit `updater.go` Updater.Run and its
 * workers; SWARM.md 6.2). swarmkit runs goroutines that block on channels; here the same steps
 * are a state machine woken by the task events of the service and by timers:
 * - `Parallelism` workers take the dirty slots one at a time, in the order dirtySlotsInOrder
 *   draws; each replaces its slot's task (update-worker.ts), waits for the replacement to be
 *   observed at RUNNING or beyond (no timeout), then sleeps `Delay` before taking the next slot.
 * - Unless the failure action is `continue`, a task this run created that stops (any state past
 *   RUNNING) before reaching RUNNING, or within Monitor of reaching it, counts as a failure;
 *   above MaxFailureRatio of the dirty slots the failure action fires.
 * - Once every slot is done the run watches for Monitor more (Delay + 1 s if Delay >= Monitor,
 *   a wider window that also applies to the failures judged from then on), then marks the
 *   update completed.
 *
 * When a failure is judged. swarmkit's main loop reads the failure watch only inside two selects:
 * while it waits to hand the next slot to a worker (the slot loop), and during the monitor
 * period. Between them, once the last slot is handed out, it waits for every worker to finish
 * (their last replacement running, and their Delay) without reading it; failures queue in the
 * watch and are read, in order, as the monitor period begins. So here:
 * - while slots remain to hand out, and during the monitor period, a failure is judged at once;
 * - after the last slot is handed out it is queued, and judged when the workers are done, with
 *   Monitor measured then (a task that ran longer ago no longer counts). In update-auto-rollback
 *   the failure that crossed the ratio came in the last round, and the real rollback started
 *   ~2.4 s later, when that round's replacement ran.
 * A failure that ends a worker's wait is judged before that worker takes its next slot (swarmkit
 * races the two; its main loop already waits on the watch, so it usually wins).
 * What the action stops, as in swarmkit:
 * - pause, or rollback: no more slots are handed out, workers busy finish their slot, no more
 *   failures are read, and the run never marks the update completed (a rollback's new spec
 *   reaches the orchestrator as a service update, which replaces this run);
 * - rollback during a rollback pauses it ("rollback paused") but does not stop the run (swarmkit
 *   sets no `stopped` in that branch): after the workers finish it still monitors, a further
 *   failure above the ratio pauses again (PAUSED now) and ends the monitor period at once; then
 *   it marks the update done, and since the status is no longer ROLLBACK_STARTED, that reads
 *   COMPLETED, "update completed";
 * - continue: failures are not watched at all.
 */
import type { SimContext } from '../engine/simulation.js';
import { DEFAULT_ROLLBACK_CONFIG, DEFAULT_UPDATE_CONFIG, SECOND_MS } from '../model/defaults.js';
import type { LoggedEvent } from '../model/events.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import type { Service, UpdateConfig } from '../model/types.js';
import { isGlobalService } from './common.js';
import type { RestartSupervisor } from './restart.js';
import type { Slot } from './slots.js';
import { dirtySlotsInOrder, type SlotWork } from './update-slot.js';
import { completeUpdate, pauseUpdate, rollbackUpdate, startUpdate } from './update-status.js';
import { UpdateWorker, type Reached, type WorkerHost } from './update-worker.js';

/** The update config a run follows: Rollback during a rollback, else Update, else defaults. */
export function effectiveUpdateConfig(service: Service): UpdateConfig {
  if (service.updateStatus?.state === 'rollback_started') {
    return service.spec.rollback ?? DEFAULT_ROLLBACK_CONFIG;
  }
  return service.spec.update ?? DEFAULT_UPDATE_CONFIG;
}

/** One service's rolling update (or rollback) towards the spec it was started with. */
export class UpdateRun implements WorkerHost {
  readonly config: UpdateConfig;
  readonly global: boolean;
  /** False once the run finished or was cancelled: its timers and workers then do nothing. */
  active = true;
  private queue: SlotWork[] = [];
  private next = 0;
  private workers: UpdateWorker[] = [];
  /** The worker waiting on each task's events. */
  private readonly watchers = new Map<string, UpdateWorker>();
  /** Tasks this run created, with the first state at or past RUNNING once one is observed. */
  private readonly created = new Map<string, Reached | null>();
  private readonly failed = new Set<string>();
  /** Failures seen while nobody reads the watch, in arrival order, judged when monitoring. */
  private readonly unread = new Set<string>();
  /** The slot loop ended early: a failure action fired, no more slots are handed out. */
  private loopBroken = false;
  /** A pause or a rollback fired: no more failures are read and nothing is completed. */
  private stopped = false;
  private monitoring = false;
  /** How long after reaching RUNNING a stop still counts as a failure, ms. */
  private failureWindowMs: number;

  constructor(
    /** The service as the reconcile saw it: its spec is the target of this run. */
    readonly service: Service,
    readonly restarts: RestartSupervisor,
    private readonly onFinished: (run: UpdateRun) => void,
  ) {
    this.config = effectiveUpdateConfig(service);
    this.global = isGlobalService(service);
    this.failureWindowMs = this.config.monitorMs;
  }

  /** Run: decides whether there is anything to do, then starts the workers (scaleDown: update). */
  start(ctx: SimContext, slots: readonly Slot[], scaleDown = false): void {
    const status = this.service.updateStatus?.state;
    if (status === 'paused' || status === 'rollback_paused') return this.finish();
    this.queue = dirtySlotsInOrder(ctx, this.service, slots, this.global, scaleDown);
    if (this.queue.length === 0) {
      if (status === 'updating' || status === 'rollback_started') {
        completeUpdate(ctx, this.service.id);
      }
      return this.finish();
    }
    if (!this.service.updateStatus) startUpdate(ctx, this.service.id);
    const parallelism = this.config.parallelism === 0 ? this.queue.length : this.config.parallelism;
    const count = Math.min(parallelism, this.queue.length);
    this.workers = Array.from({ length: count }, () => new UpdateWorker(this));
    for (const worker of this.workers) this.pump(ctx, worker);
    this.checkDone(ctx);
  }

  /** Stops the run where it is (a newer spec, or the service is gone). */
  cancel(): void {
    this.active = false;
  }

  /** Feeds a task event of this service (or of a deleted task) to the run. */
  observe(ctx: SimContext, event: LoggedEvent): void {
    if (!this.active) return;
    if (event.type === 'task/stateChanged' && this.created.has(event.taskId)) {
      // The live state may already be ahead within this instant (RUNNING, then FAILED at once):
      // like swarmkit's dispatcher, which keeps only a task's latest status of a batch, the run
      // sees the latest one, so a task that dies on start is never taken for a running one.
      const seen = ctx.state.tasks[event.taskId]?.status.state ?? event.state;
      if (compareTaskStates(seen, 'running') >= 0 && !this.created.get(event.taskId)) {
        this.created.set(event.taskId, { state: seen, at: ctx.now });
      }
      if (isTerminal(seen)) this.failureSeen(ctx, event.taskId);
    }
    const worker = 'taskId' in event ? this.watchers.get(event.taskId) : undefined;
    if (worker) this.settle(ctx, worker);
  }

  /** Records a task the run created, so its early stop counts as a failure. */
  recordCreated(taskId: string): void {
    this.created.set(taskId, null);
  }

  watch(taskIds: readonly string[], worker: UpdateWorker): void {
    for (const taskId of taskIds) this.watchers.set(taskId, worker);
  }

  unwatch(taskIds: readonly string[]): void {
    for (const taskId of taskIds) this.watchers.delete(taskId);
  }

  /** The first state at or past RUNNING the created task was observed in, if any yet. */
  reached(taskId: string): Reached | null {
    return this.created.get(taskId) ?? null;
  }

  /** A worker's wait may be over: if so it finishes its slot and takes the next one. */
  settle(ctx: SimContext, worker: UpdateWorker): void {
    if (!this.active || !worker.tryFinish(ctx)) return;
    this.pump(ctx, worker);
    this.checkDone(ctx);
  }

  /** A worker came back from its Delay. */
  rested(ctx: SimContext, worker: UpdateWorker): void {
    if (!this.active) return;
    this.pump(ctx, worker);
    this.checkDone(ctx);
  }

  /** Hands slots to an idle worker until it has to wait or none are left. */
  private pump(ctx: SimContext, worker: UpdateWorker): void {
    while (this.active && !this.loopBroken && worker.idle && this.next < this.queue.length) {
      if (!ctx.state.services[this.service.id]) return this.finish();
      worker.take(ctx, this.queue[this.next++]!);
    }
  }

  /** The slot loop is over: every slot handed out, or a failure action broke it. */
  private slotLoopOver(): boolean {
    return this.loopBroken || this.next >= this.queue.length;
  }

  /** Once the workers are done: end after an action, else start the monitor period. */
  private checkDone(ctx: SimContext): void {
    if (!this.active || this.workers.some((worker) => !worker.idle)) return;
    if (this.monitoring || !this.slotLoopOver()) return;
    if (this.stopped) return this.finish();
    this.monitoring = true;
    // swarmkit widens the window itself, so the failures judged from now on use it too.
    if (this.config.delayMs >= this.failureWindowMs) {
      this.failureWindowMs = this.config.delayMs + SECOND_MS;
    }
    // The failures queued while the last workers ran are read first, in order.
    for (const taskId of this.unread) {
      if (this.judgeFailure(ctx, taskId)) return this.endMonitoring(ctx);
    }
    this.unread.clear();
    const label = `updater: monitor period of service ${this.service.id}`;
    ctx.at(ctx.now + Math.round(this.failureWindowMs), label, (later) => {
      if (this.active) this.endMonitoring(later);
    });
  }

  /** The monitor period is over (or a failure action ended it): complete unless stopped. */
  private endMonitoring(ctx: SimContext): void {
    if (!this.stopped) completeUpdate(ctx, this.service.id);
    this.finish();
  }

  /** A task this run created stopped: judged now if the main loop reads the watch, else later. */
  private failureSeen(ctx: SimContext, taskId: string): void {
    if (this.config.failureAction === 'continue' || this.stopped) return;
    if (this.monitoring) {
      if (this.judgeFailure(ctx, taskId)) this.endMonitoring(ctx);
      return;
    }
    if (this.slotLoopOver()) {
      this.unread.add(taskId);
      return;
    }
    if (!this.judgeFailure(ctx, taskId)) return;
    this.loopBroken = true;
    this.checkDone(ctx);
  }

  /**
   * failureTriggersAction: counts the stop (once per task, if it stopped before running or
   * within the window of running, measured now) and fires the failure action above the ratio.
   * True when an action fired.
   */
  private judgeFailure(ctx: SimContext, taskId: string): boolean {
    if (this.failed.has(taskId)) return false;
    const reached = this.created.get(taskId);
    if (reached && ctx.now - reached.at > this.failureWindowMs) return false;
    this.failed.add(taskId);
    // Go computes the ratio in float32; so does this, for the same borderline answers.
    const ratio = Math.fround(this.failed.size / this.queue.length);
    if (ratio <= Math.fround(this.config.maxFailureRatio)) return false;
    const cause = `due to failure or early termination of task ${taskId}`;
    if (this.config.failureAction === 'pause') {
      this.stopped = true;
      pauseUpdate(ctx, this.service.id, `update paused ${cause}`);
    } else if (this.service.updateStatus?.state === 'rollback_started') {
      // A rollback is never rolled back; swarmkit pauses it but leaves its run going.
      pauseUpdate(ctx, this.service.id, `rollback paused ${cause}`);
    } else {
      this.stopped = true;
      // The restored spec reaches the orchestrator as a service update, which replaces this run.
      rollbackUpdate(ctx, this.service.id, `update rolled back ${cause}`);
    }
    return true;
  }

  private finish(): void {
    this.active = false;
    this.onFinished(this);
  }
}
