/**
 * The way of a task status from the agent to the store (swarmkit `agent/worker.go`,
 * `agent/reporter.go`, `manager/dispatcher/dispatcher.go`). The agent writes each status to its
 * task database, then its reporter sends it to the dispatcher, which does not write it at once:
 * it keeps the latest status per task and writes them all in one batch every `statusBatchMs`
 * (maxBatchInterval, 100 ms; a free-running timer, reset after each batch). So:
 * - a status reaches the store 0 to 100 ms after the agent reported it, and the store event
 *   carries the agent's time (`reportedAt`, Status.Timestamp);
 * - a status superseded before the write is never stored. A RUNNING followed by FAILED within
 *   one batch is the case that matters: the manager never sees the task run, so a start-first
 *   update never stops the old task for it. The RUNNING report can also come late: the agent
 *   writes it for up to `runningReportMaxMs`, and a process that exits meanwhile holds that
 *   write until its exit is reported (holdRunning), so both reach the dispatcher together and
 *   only the exit is stored.
 * Randomness, from the `agent.report` stream: each RUNNING report's delay, and the batch timer's
 * phase. The timer ticks every 100 ms after a write; when more than that has passed since the
 * last write (empty ticks went by), the next tick is drawn anew in [now, now + 100 ms). Real
 * durations jitter by tens of ms (container starts 0.33-0.67 s), so the real phase against a
 * report is in effect random; swarmsim's durations are fixed, and one phase carried across a
 * crash loop would decide every cycle's race alike. Outcomes are events (when a status event
 * happens, whether it happens), so a log replays without the generator. With both timings 0 a
 * report is applied at once. A fidelity replay may pin a state move's write (the statusWrite
 * hook, timing-overrides.ts): the batch then goes out at that time, a tick of the timer.
 */
import type { SimContext } from '../engine/simulation.js';
import type { TaskStateChanged, TaskStatusRefreshed } from '../model/events.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import type { AgentMemory, TaskRecord } from './memory.js';
import { statusWriteDelayMs, type TimingOverrides } from './timing-overrides.js';
import type { AgentTimings } from './timings.js';

/** A status the agent reports: a state move, or a re-report of the same state. */
export type StatusReport = TaskStateChanged | TaskStatusRefreshed;

/** The seeded stream of the report path's draws. */
export const REPORT_STREAM = 'agent.report';

export class StatusPath {
  /** Reports that reached the dispatcher, latest per task, task ids in order of first arrival. */
  private readonly pending = new Map<string, StatusReport>();
  /**
   * When each task's last report reaches the dispatcher: a task's reports keep their order.
   * Maps, not records: every report looks its task up, and records keyed by ever-new task ids
   * are slow dictionaries (both are looked up by id, never iterated).
   */
  private readonly arrivals = new Map<string, number>();
  /** RUNNING reports still being written on the agent, by task id, with when they arrive. */
  private readonly writing = new Map<string, { report: StatusReport; arrival: number }>();
  /** When the last batch was written, ms; the timer ticks every statusBatchMs after it. */
  private lastWrite = -Infinity;
  /** The batch write already scheduled, if any. */
  private scheduled: number | null = null;

  constructor(
    private readonly memory: AgentMemory,
    private readonly timings: AgentTimings,
    private readonly writeHook: TimingOverrides['statusWrite'] = undefined,
  ) {}

  /**
   * Sends `report` (made now on `nodeId`) on its way to the store. Returns true when it was
   * applied at once (no batching), false when it is written later or never.
   */
  send(ctx: SimContext, nodeId: string, report: StatusReport): boolean {
    const pinnedMs = this.pinnedWriteMs(ctx, report);
    const delayMs = pinnedMs === undefined ? this.reportDelayMs(ctx, report) : 0;
    const taskId = report.taskId;
    const arrival = Math.max(ctx.now + delayMs, this.arrivals.get(taskId) ?? 0);
    this.arrivals.set(taskId, arrival);
    if (arrival === ctx.now && this.timings.statusBatchMs === 0) {
      write(ctx, report);
      return true;
    }
    const stamped: StatusReport = { ...report, reportedAt: ctx.now };
    const writeAt = pinnedMs === undefined ? undefined : Math.max(arrival, ctx.now + pinnedMs);
    if (arrival === ctx.now) this.arrive(ctx, stamped, writeAt);
    else if (delayMs > 0) {
      this.writing.set(taskId, { report: stamped, arrival });
      this.landAt(ctx, nodeId, taskId, arrival);
    } else {
      this.memory.atWhenReady(ctx, nodeId, arrival, 'agent: status sent', (later) =>
        this.arrive(later, stamped, writeAt),
      );
    }
    return false;
  }

  /**
   * The task's process exited on its own now, and its exit is reported at `reportAt`: a RUNNING
   * report still being written is held by the exit's clean-up until then (the engine's work
   * between `die` and the report, on the same disk), so it reaches the dispatcher with the exit's
   * report and is superseded by it.
   */
  holdRunning(ctx: SimContext, nodeId: string, taskId: string, reportAt: number): void {
    const pending = this.writing.get(taskId);
    if (!pending || pending.arrival <= ctx.now || pending.arrival >= reportAt) return;
    pending.arrival = reportAt;
    this.arrivals.set(taskId, Math.max(this.arrivals.get(taskId) ?? 0, reportAt));
    this.landAt(ctx, nodeId, taskId, reportAt);
  }

  private landAt(ctx: SimContext, nodeId: string, taskId: string, at: number): void {
    this.memory.atWhenReady(ctx, nodeId, at, 'agent: status sent', (later) => {
      const pending = this.writing.get(taskId);
      // A write held by holdRunning lands at its new time instead.
      if (pending?.arrival !== at) return;
      this.writing.delete(taskId);
      this.arrive(later, pending.report);
    });
  }

  /** The agent reports `report` for the task of `record`: its own view moves now. */
  report(ctx: SimContext, nodeId: string, record: TaskRecord, report: StatusReport): boolean {
    if (report.type === 'task/stateChanged') {
      record.observed = report.state;
      record.message = report.message;
    }
    return this.send(ctx, nodeId, report);
  }

  /** Forgets a task that left the store. */
  forget(taskId: string): void {
    this.arrivals.delete(taskId);
    this.writing.delete(taskId);
    this.pending.delete(taskId);
  }

  private reportDelayMs(ctx: SimContext, report: StatusReport): number {
    const maxMs = this.timings.runningReportMaxMs;
    if (report.type !== 'task/stateChanged' || report.state !== 'running' || maxMs <= 0) return 0;
    return Math.floor(ctx.rng(REPORT_STREAM).next() * maxMs);
  }

  /** A write time the overrides pin for this state move (fidelity replays), else undefined. */
  private pinnedWriteMs(ctx: SimContext, report: StatusReport): number | undefined {
    if (!this.writeHook || report.type !== 'task/stateChanged') return undefined;
    const task = ctx.state.tasks[report.taskId];
    return task && statusWriteDelayMs(this.writeHook, task, report.state, ctx.now);
  }

  /**
   * The report reached the dispatcher: it replaces the task's pending one until the write. A
   * pinned write (`writeAt`) is a tick of the batch timer: the batch goes out then, whenever
   * the timer would have ticked otherwise.
   */
  private arrive(ctx: SimContext, report: StatusReport, writeAt?: number): void {
    if (this.timings.statusBatchMs === 0) {
      write(ctx, report);
      return;
    }
    const earlier = this.pending.get(report.taskId);
    this.pending.set(report.taskId, earlier ? supersede(earlier, report) : report);
    if (writeAt !== undefined) this.flushAt(ctx, Math.max(ctx.now, writeAt));
    else if (this.scheduled === null) this.flushAt(ctx, this.nextBatchAt(ctx));
  }

  /** Moves the batch's write to `at`; an earlier timer then finds another time and stops. */
  private flushAt(ctx: SimContext, at: number): void {
    this.scheduled = at;
    ctx.at(at, 'dispatcher: status batch', (later) => {
      if (this.scheduled === at) this.flush(later);
    });
  }

  /** The timer's next tick: a period after the last write, or a fresh draw once it went by. */
  private nextBatchAt(ctx: SimContext): number {
    const period = this.timings.statusBatchMs;
    if (ctx.now < this.lastWrite + period) return this.lastWrite + period;
    return ctx.now + Math.floor(ctx.rng(REPORT_STREAM).next() * period);
  }

  private flush(ctx: SimContext): void {
    this.scheduled = null;
    this.lastWrite = ctx.now;
    const reports = [...this.pending.values()];
    this.pending.clear();
    for (const report of reports) write(ctx, report);
  }
}

/**
 * What the dispatcher holds once `next` replaces `earlier`: the newer status. A re-report carries
 * only a timestamp and exit code, so over a pending state move it keeps the move.
 */
function supersede(earlier: StatusReport, next: StatusReport): StatusReport {
  if (next.type === 'task/stateChanged' || earlier.type !== 'task/stateChanged') return next;
  const merged: TaskStateChanged = { ...earlier, exitCode: next.exitCode };
  if (next.reportedAt !== undefined) merged.reportedAt = next.reportedAt;
  return merged;
}

/**
 * Writes `report` if it still moves the task forward, as processUpdates does (an older state is
 * dropped: something else, a fault or the constraint enforcer, moved the task on meanwhile).
 */
function write(ctx: SimContext, report: StatusReport): void {
  const task = ctx.state.tasks[report.taskId];
  if (!task) return;
  if (report.type === 'task/stateChanged') {
    if (compareTaskStates(report.state, task.status.state) <= 0) return;
  } else if (isTerminal(task.status.state)) {
    return;
  }
  if (report.reportedAt === ctx.now) {
    // Written in the instant it was made: the write's own time is the agent's.
    const now = { ...report };
    delete now.reportedAt;
    ctx.emit(now);
    return;
  }
  ctx.emit(report);
}
