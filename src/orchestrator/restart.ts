/**
 * The restart supervisor (swarmkit `manager/orchestrator/restart/restart.go`, SWARM.md 3.3),
 * one instance per orchestrator. It decides whether a stopped (or stranded) task is replaced,
 * creates the replacement with desired READY, and starts it after the restart delay and, when
 * needed, after the old task has stopped.
 */
import type { SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import type { Service, Task } from '../model/types.js';
import { advanceDesiredState, createTask, isGlobalService } from './common.js';
import { DelayedStarts } from './delayed-start.js';
import { RestartHistory, type InstanceKey } from './restart-history.js';
import { newestTask, type Slot } from './slots.js';
import { leadershipKey } from '../raft/leadership.js';

export class RestartSupervisor {
  private readonly history = new RestartHistory();
  private readonly delays = new DelayedStarts((ctx, taskId) => this.restartAfterWait(ctx, taskId));

  /** Feeds every event to the pending delayed starts (old task stopped, node lost). */
  observe(ctx: SimContext, event: LoggedEvent): void {
    // First, so a new leader's catch-up on held events already starts from an empty history.
    this.history.enterLeadership(leadershipKey(ctx.state));
    this.delays.observe(ctx, event);
  }

  /** Whether the delayed start of this task has not finished yet (the updater waits for it). */
  isStartPending(taskId: string): boolean {
    return this.delays.isPending(taskId);
  }

  /** Forgets the pending start of a deleted task. */
  cancel(ctx: SimContext, taskId: string): void {
    this.delays.cancel(ctx, taskId);
  }

  /** Forgets the restart history of a deleted service. */
  clearServiceHistory(serviceId: string): void {
    this.history.clearService(serviceId);
  }

  /**
   * Restart(task): shut the task down and, if the policy allows, replace it from the service's
   * current spec. A task whose own delayed start is still pending is left alone for now and
   * restarted once that start ends, which throttles tight failure loops.
   */
  restart(ctx: SimContext, service: Service, task: Task): void {
    if (this.delays.isPending(task.id)) {
      this.delays.addWaiter(task.id);
      return;
    }
    if (compareTaskStates(task.desiredState, 'complete') > 0) return;
    advanceDesiredState(ctx, task.id, 'shutdown');
    // A held timer may get here before any event of a new leadership.
    this.history.enterLeadership(leadershipKey(ctx.state));
    if (!this.shouldRestart(task, service)) return;
    const global = isGlobalService(service);
    const replacement = createTask(ctx, service, {
      slot: global ? 0 : task.slot,
      nodeId: global ? task.nodeId : '',
      desiredState: 'ready',
      origin: 'restart',
    });
    this.history.record(instanceKey(replacement, global), replacement);
    const node = task.nodeId ? ctx.state.nodes[task.nodeId] : undefined;
    // Only a drained node skips the delay; a deleted or DOWN node still gets it.
    const delayMs = node?.availability === 'drain' ? 0 : task.spec.restart.delayMs;
    const waitStop = !(node?.status.state === 'down' || isTerminal(task.status.state));
    this.delays.schedule(ctx, task, replacement.id, delayMs, waitStop);
  }

  /**
   * shouldRestart: the task's own restart policy (condition, then MaxAttempts within Window for
   * the current spec). Jobs are not modelled, so `any` always restarts.
   */
  shouldRestart(task: Task, service: Service): boolean {
    const policy = task.spec.restart;
    if (policy.condition === 'none') return false;
    if (policy.condition === 'on-failure' && task.status.state === 'complete') return false;
    return this.history.attemptsLeft(instanceKey(task, isGlobalService(service)), task);
  }

  /**
   * UpdatableTasksInSlot: the slot's tasks with desired <= RUNNING; else, outside a rollback,
   * its newest task when the policy says it must not be restarted (a "satisfied but not
   * running" slot). An empty result means the slot is dead.
   */
  updatableTasksInSlot(slot: Slot, service: Service): Task[] {
    const updatable = slot.filter((task) => compareTaskStates(task.desiredState, 'running') <= 0);
    if (updatable.length > 0) return updatable;
    if (service.updateStatus?.state === 'rollback_started') return [];
    const newest = newestTask(slot);
    return this.shouldRestart(newest, service) ? [] : [newest];
  }

  /**
   * Delays a replacement's start (also the updater's entry point): see DelayedStarts.
   */
  delayStart(
    ctx: SimContext,
    oldTask: Task | undefined,
    newTaskId: string,
    delayMs: number,
    waitStop: boolean,
  ): void {
    this.delays.schedule(ctx, oldTask, newTaskId, delayMs, waitStop);
  }

  /** The restart asked for while this task's own start was pending, redone now. */
  private restartAfterWait(ctx: SimContext, taskId: string): void {
    const task = ctx.state.tasks[taskId];
    if (!task || compareTaskStates(task.desiredState, 'running') > 0) return;
    const service = ctx.state.services[task.serviceId];
    if (!service) return;
    this.restart(ctx, service, task);
  }
}

function instanceKey(task: Task, global: boolean): InstanceKey {
  return { serviceId: task.serviceId, slot: task.slot, nodeId: global ? task.nodeId : '' };
}
