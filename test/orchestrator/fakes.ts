/**
 * A tiny scheduler and agent for orchestrator tests, so they do not depend on the real ones.
 * Scheduler: places each pending task at once on the ready, active, matching node with the
 * fewest tasks of its service, then the fewest tasks, then join order. Agent: moves assigned
 * tasks one step per `stepMs` toward their desired state (stopping at READY while desired is
 * READY), stops tasks whose desired state is >= SHUTDOWN after `stopMs`, does nothing on nodes
 * that are not READY, and lets configured images exit on their own.
 */
import type { Component, SimContext } from '../../src/engine/simulation.js';
import type { LoggedEvent } from '../../src/model/events.js';
import { compareTaskStates, isTerminal, type TaskState } from '../../src/model/task-state.js';
import type { Node, Task } from '../../src/model/types.js';
import { nodeMatchesConstraints, parseConstraints } from '../../src/scheduler/constraint.js';

function placeable(task: Task): boolean {
  return task.status.state === 'pending' && compareTaskStates(task.desiredState, 'running') <= 0;
}

function usable(node: Node | undefined): node is Node {
  return node !== undefined && node.status.state === 'ready' && node.availability === 'active';
}

function holds(ctx: SimContext, nodeId: string, serviceId?: string): number {
  return (ctx.state.tasksByNode[nodeId] ?? [])
    .map((id) => ctx.state.tasks[id]!)
    .filter((task) => !isTerminal(task.status.state))
    .filter((task) => serviceId === undefined || task.serviceId === serviceId).length;
}

function place(ctx: SimContext, task: Task): void {
  if (task.nodeId) {
    if (usable(ctx.state.nodes[task.nodeId])) {
      const nodeId = task.nodeId;
      ctx.emit({ type: 'task/assigned', taskId: task.id, nodeId, message: 'preassigned' });
    }
    return;
  }
  const constraints = parseConstraints(task.spec.placement.constraints);
  const candidates = ctx.state.nodeIds
    .map((id) => ctx.state.nodes[id])
    .filter(usable)
    .filter((node) => nodeMatchesConstraints(node, constraints));
  const ranked = candidates
    .map((node, order) => ({
      node,
      order,
      mine: holds(ctx, node.id, task.serviceId),
      all: holds(ctx, node.id),
    }))
    .sort((a, b) => a.mine - b.mine || a.all - b.all || a.order - b.order);
  const best = ranked[0];
  if (!best) return;
  ctx.emit({ type: 'task/assigned', taskId: task.id, nodeId: best.node.id, message: 'assigned' });
}

/** The fake scheduler component. */
export function createFakeScheduler(): Component {
  return {
    name: 'fake-scheduler',
    onEvent(ctx, event) {
      if (event.type === 'task/removed' || event.type === 'task/logged') return;
      for (const serviceId of ctx.state.serviceIds) {
        for (const taskId of ctx.state.tasksByService[serviceId] ?? []) {
          const task = ctx.state.tasks[taskId]!;
          if (placeable(task)) place(ctx, task);
        }
      }
    },
  };
}

export interface FakeAgentOptions {
  /** Time of each lifecycle step (assigned -> accepted -> ... -> running), ms. */
  stepMs?: number;
  /** Time to stop a container once desired >= SHUTDOWN, ms. */
  stopMs?: number;
  /** Images whose containers exit by themselves `afterMs` after RUNNING with `exitCode`. */
  exits?: Record<string, { afterMs: number; exitCode: number }>;
}

const LIFECYCLE: TaskState[] = [
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
];
const MESSAGES: Partial<Record<TaskState, string>> = {
  accepted: 'accepted',
  preparing: 'preparing',
  ready: 'prepared',
  starting: 'starting',
  running: 'started',
};

interface Step {
  state: TaskState;
  afterMs: number;
  err: string;
  exitCode: number | null;
}

function nextStep(ctx: SimContext, task: Task, options: Required<FakeAgentOptions>): Step | null {
  const node = ctx.state.nodes[task.nodeId];
  if (!node || node.status.state !== 'ready') return null;
  const observed = task.status.state;
  if (compareTaskStates(observed, 'assigned') < 0 || isTerminal(observed)) return null;
  if (compareTaskStates(task.desiredState, 'shutdown') >= 0) {
    return { state: 'shutdown', afterMs: options.stopMs, err: '', exitCode: null };
  }
  if (observed === 'running') {
    const exit = options.exits[task.spec.container.image];
    if (!exit) return null;
    const failed = exit.exitCode !== 0;
    return {
      state: failed ? 'failed' : 'complete',
      afterMs: exit.afterMs,
      err: failed ? `task: non-zero exit (${exit.exitCode})` : '',
      exitCode: exit.exitCode,
    };
  }
  const next = LIFECYCLE[LIFECYCLE.indexOf(observed) + 1]!;
  const mayPass = observed === 'preparing' || observed === 'starting';
  if (!mayPass && compareTaskStates(observed, task.desiredState) >= 0) return null;
  return { state: next, afterMs: options.stepMs, err: '', exitCode: null };
}

/** The fake agent component (all nodes). */
export function createFakeAgent(agentOptions: FakeAgentOptions = {}): Component {
  const options: Required<FakeAgentOptions> = {
    stepMs: agentOptions.stepMs ?? 100,
    stopMs: agentOptions.stopMs ?? 1000,
    exits: agentOptions.exits ?? {},
  };
  // The step each task is waiting for; a changed plan replaces it, and stale timers see that.
  const plans = new Map<string, Step>();
  const poke = (ctx: SimContext, taskId: string): void => {
    const task = ctx.state.tasks[taskId];
    const step = task ? nextStep(ctx, task, options) : null;
    const current = plans.get(taskId);
    if (current && step && current.state === step.state) return;
    plans.delete(taskId);
    if (!step) return;
    plans.set(taskId, step);
    ctx.at(ctx.now + step.afterMs, `fake agent ${taskId}`, (timerCtx) => {
      if (plans.get(taskId) !== step) return;
      plans.delete(taskId);
      const now = timerCtx.state.tasks[taskId];
      if (!now || compareTaskStates(step.state, now.status.state) <= 0) return;
      const message = step.state === 'shutdown' ? 'shutdown' : (MESSAGES[step.state] ?? 'finished');
      timerCtx.emit({
        type: 'task/stateChanged',
        taskId,
        state: step.state,
        message,
        err: step.err,
        exitCode: step.exitCode,
      });
    });
  };
  return {
    name: 'fake-agent',
    onEvent(ctx, event: LoggedEvent) {
      if (event.type === 'node/statusChanged') {
        for (const taskId of ctx.state.tasksByNode[event.nodeId] ?? []) poke(ctx, taskId);
        return;
      }
      if (
        event.type === 'task/assigned' ||
        event.type === 'task/desiredStateChanged' ||
        event.type === 'task/stateChanged'
      ) {
        poke(ctx, event.taskId);
      }
    },
  };
}
