/**
 * The agent's task driver (SWARM.md 7.2): one task's way from ACCEPTED to RUNNING, a step at a
 * time toward its desired state, and the stop that preempts it. Kept apart from agent.ts, which
 * routes events and delivers assignments; this file is what the agent does with a task it holds.
 *
 * - ACCEPTED -> PREPARING, pull (only if the node lacks the image; `node/imagePulled` when done),
 *   create -> READY, -> STARTING, start -> RUNNING (slower while other containers start on the
 *   node); then the command model decides what the process prints and when it exits
 *   (container.ts, command-model.ts). An image the registry does not hold (image-catalogue.ts)
 *   fails the pull, then the create: REJECTED, "No such image" (unless the node's engine built
 *   an image of that tag, image-config.ts: the create uses it).
 * - Mounts (mounts.ts decides, this file reports): mounts the executor refuses reject the task
 *   when it is first resolved; a task with cluster volumes waits, its create step under way, until
 *   they are published to its node; a mount the node cannot provide rejects the create.
 * - A delivered desired state at or past SHUTDOWN preempts all of that, after swarmkit's retry
 *   back-off when an operation was under way (container.ts).
 * - Every step waits for its node to be ready (memory.ts) and re-checks, when it comes due, that
 *   it is still the task's move under way (its token), so a stale timer does nothing.
 */
import type { SimContext } from '../engine/simulation.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import { slowPullExtraMs } from '../faults/effects.js';
import { beginStop, startContainer } from './container.js';
import { isImageId, isInRegistry, noSuchImageError } from './image-catalogue.js';
import { hasPushedBuild, localImage, pushedImage } from './image-config.js';
import { imageCacheKey, isImageCached } from './image.js';
import { nextLifecycleStep, type LifecycleStep } from './lifecycle.js';
import {
  CLUSTER_VOLUME_POLL_MS,
  CLUSTER_VOLUME_WAIT_MS,
  clusterVolumesReady,
  mountCreateError,
  mountResolveError,
} from './mounts.js';
import { isNodeReady, type AgentMemory } from './memory.js';
import type { StatusPath } from './reporter.js';
import { runTimings, stepDurationMs, stopTimings, type TimingOverrides } from './timing-overrides.js';
import { pullDurationMs, type AgentTimings } from './timings.js';

/** Drives the tasks the agent holds (records in `memory`) through their lifecycle. */
export class TaskDriver {

  constructor(
    private readonly memory: AgentMemory,
    private readonly timings: AgentTimings,
    private readonly reports: StatusPath,
    private readonly pullMsByImage: Readonly<Record<string, number>>,
    private readonly registryImages: readonly string[],
    /** Recorded durations in place of calibrated ones (AgentOptions.overrides). */
    private readonly overrides: TimingOverrides,
  ) {}

  /** Makes the task's next move, if it has one and none is under way. Idempotent. */
  drive(ctx: SimContext, taskId: string): void {
    const task = ctx.state.tasks[taskId];
    const record = this.memory.tasks[taskId];
    if (!task || !record) return;
    if (isTerminal(task.status.state)) {
      delete this.memory.tasks[taskId];
      return;
    }
    if (!isNodeReady(ctx.state, task.nodeId)) return;
    if (compareTaskStates(record.desired, 'shutdown') >= 0) {
      const timings = stopTimings(this.timings, this.overrides.stop, task, record);
      beginStop(ctx, this.memory, timings, this.reports, task, record);
      return;
    }
    if (record.step !== 0) return;
    if (record.observed === 'assigned' && this.rejectForMounts(ctx, task)) return;
    // The agent goes by its own view: what it reported may not be in the store yet.
    const step = nextLifecycleStep(record.observed, record.desired);
    if (!step) return;
    const token = this.memory.nextToken();
    record.step = token;
    if (step.to === 'ready') this.prepare(ctx, task, step, token);
    else if (step.to === 'running') this.finishAt(ctx, task, step, token, this.startMs(ctx, task));
    else this.finishAt(ctx, task, step, token, 0);
  }

  /**
   * PREPARING -> READY: pull the image if the node lacks it, then create the container. An image
   * ID is never pulled (moby's adapter skips the pull) and is taken as present on the node: the
   * real-docker recordings name one that was.
   */
  private prepare(ctx: SimContext, task: Task, step: LifecycleStep, token: number): void {
    const image = task.spec.container.image;
    const node = ctx.state.nodes[task.nodeId]!;
    const host = node.description.hostname;
    const present = isImageCached(node.images, image) || isImageId(image);
    if (present || hasPushedBuild(ctx.state, host, image)) {
      const createMs = stepDurationMs(this.overrides.create, task, this.timings.createMs);
      this.finishAt(ctx, task, step, token, createMs);
      return;
    }
    if (!isInRegistry(image, this.registryImages) && !pushedImage(ctx.state, image)) {
      // The pull fails; the engine then creates from a local image of that tag if it built one.
      if (localImage(ctx.state, host, image)) {
        this.finishAt(ctx, task, step, token, this.timings.pullFailMs + this.timings.createMs);
      } else {
        this.rejectAt(ctx, task, step, token, noSuchImageError(image));
      }
      return;
    }
    const key = imageCacheKey(image);
    const durationMs =
      pullDurationMs(image, this.timings, this.pullMsByImage) +
      slowPullExtraMs(ctx.state.world, task.nodeId, image);
    const pulledAt = this.memory.pullEndsAt(task.nodeId, key, ctx.now, durationMs);
    this.memory.atWhenReady(ctx, task.nodeId, pulledAt, 'agent: pull', (later) => {
      if (!this.isCurrent(later, task.id, token, step)) return;
      if (!isImageCached(later.state.nodes[task.nodeId]!.images, image)) {
        later.emit({ type: 'node/imagePulled', nodeId: task.nodeId, image: key });
      }
      const createMs = stepDurationMs(this.overrides.create, task, this.timings.createMs);
      this.finishAt(later, task, step, token, createMs);
    });
  }

  /**
   * The pull of an image the registry does not hold fails; Engine 28 only logs that and tries the
   * create, which fails with "No such image". The error is fatal before STARTING, so REJECTED,
   * keeping the PREPARING message (swarmkit's exec controller). Newer engines (29.7) report the
   * pull error instead.
   */
  private rejectAt(
    ctx: SimContext,
    task: Task,
    step: LifecycleStep,
    token: number,
    err: string,
  ): void {
    const at = ctx.now + this.timings.pullFailMs;
    this.memory.atWhenReady(ctx, task.nodeId, at, 'agent: pull failed', (later) => {
      if (this.isCurrent(later, task.id, token, step)) this.reject(later, task, err);
    });
  }

  /**
   * Rejects a task whose mounts the executor refuses as it resolves the task ("resolving
   * controller failed"); true when it did. swarmkit reports that REJECTED as any other status.
   */
  private rejectForMounts(ctx: SimContext, task: Task): boolean {
    const error = mountResolveError(task);
    if (error !== null) this.reject(ctx, task, error, 'resolving controller failed');
    return error !== null;
  }

  /**
   * Reports `task` REJECTED through the status path, by default keeping the agent's last
   * message (swarmkit's fatal path sets only the error); its step, if any, is over.
   */
  private reject(ctx: SimContext, task: Task, err: string, message?: string): void {
    const record = this.memory.tasks[task.id]!;
    record.step = 0;
    this.reports.report(ctx, task.nodeId, record, {
      type: 'task/stateChanged',
      taskId: task.id,
      state: 'rejected',
      message: message ?? record.message,
      err,
      exitCode: null,
    });
  }

  /**
   * How long `task`'s container takes to start: startMs, plus startContentionMs for every other
   * container starting on its node now (READY or STARTING as the agent knows it, desired
   * RUNNING). Containers created together reach READY in the same instant, so each of them
   * counts all the others. `overrides.start` may replace that (recorded timings).
   */
  private startMs(ctx: SimContext, task: Task): number {
    let others = 0;
    for (const id of ctx.state.tasksByNode[task.nodeId] ?? []) {
      const other = ctx.state.tasks[id];
      if (id === task.id || other?.desiredState !== 'running') continue;
      const state = this.memory.tasks[id]?.observed ?? other.status.state;
      if (state === 'ready' || state === 'starting') others += 1;
    }
    const calibratedMs = this.timings.startMs + this.timings.startContentionMs * others;
    return stepDurationMs(this.overrides.start, task, calibratedMs);
  }

  /** Reports `step` after `delayMs`, unless the task has moved on or the step was cancelled. */
  private finishAt(
    ctx: SimContext,
    task: Task,
    step: LifecycleStep,
    token: number,
    delayMs: number,
  ): void {
    const label = `agent: ${step.to}`;
    this.memory.atWhenReady(ctx, task.nodeId, ctx.now + delayMs, label, (later) => {
      if (!this.isCurrent(later, task.id, token, step)) return;
      if (step.to === 'ready') this.create(later, task.id, step, token, later.now);
      else this.finish(later, task.id, step);
    });
  }

  /** Reports the task's `step` done (its step is over) and makes its next move. */
  private finish(ctx: SimContext, taskId: string, step: LifecycleStep): void {
    const record = this.memory.tasks[taskId]!;
    record.step = 0;
    const current = ctx.state.tasks[taskId]!;
    const applied = this.reports.report(ctx, current.nodeId, record, {
      type: 'task/stateChanged',
      taskId,
      state: step.to,
      message: step.message,
      err: '',
      exitCode: null,
    });
    if (step.to === 'running') {
      const timings = runTimings(this.timings, this.overrides.run, current);
      startContainer(ctx, this.memory, timings, this.reports, current);
    }
    // An applied report comes back as an event that drives the task; a batched one does not.
    if (!applied) this.drive(ctx, taskId);
  }

  /**
   * The container is due (PREPARING -> READY). The executor first waits for the task's cluster
   * volumes, looking every CLUSTER_VOLUME_POLL_MS: the step stays under way (token kept), so
   * nothing starts it again and a stop finds it busy; CLUSTER_VOLUME_WAIT_MS after `waitingSince`
   * it is REJECTED. Then the engine refuses a mount the node cannot provide. Both rejections keep
   * the agent's PREPARING message.
   */
  private create(
    ctx: SimContext,
    taskId: string,
    step: LifecycleStep,
    token: number,
    waitingSince: number,
  ): void {
    const task = ctx.state.tasks[taskId]!;
    const waiting = !clusterVolumesReady(ctx.state, task);
    if (waiting && ctx.now - waitingSince < CLUSTER_VOLUME_WAIT_MS) {
      const at = ctx.now + CLUSTER_VOLUME_POLL_MS;
      this.memory.atWhenReady(ctx, task.nodeId, at, 'agent: cluster volumes', (later) => {
        if (!this.isCurrent(later, taskId, token, step)) return;
        this.create(later, taskId, step, token, waitingSince);
      });
      return;
    }
    const node = ctx.state.nodes[task.nodeId]!;
    const error = waiting ? 'context deadline exceeded' : mountCreateError(node, task);
    if (error !== null) this.reject(ctx, task, error);
    else this.finish(ctx, taskId, step);
  }

  /** True if the step `token` names is still the task's move under way, and the task is live. */
  private isCurrent(ctx: SimContext, taskId: string, token: number, step: LifecycleStep): boolean {
    const record = this.memory.tasks[taskId];
    const stored = ctx.state.tasks[taskId]?.status.state;
    if (record?.step !== token || record.observed !== step.from) return false;
    return stored !== undefined && !isTerminal(stored);
  }
}
