/**
 * A task's container once it runs: its process printing lines and exiting on virtual time, and
 * `docker stop` (SIGTERM, then SIGKILL after the grace period). Exits are reported as moby's
 * executor reports them (`daemon/cluster/executor/container/controller.go`): 0 is COMPLETE
 * "finished"; anything else FAILED with `task: non-zero exit (N)`, keeping the previous message
 * ("started"), because swarmkit's fatal path sets only the error. Reports lag the exit a little
 * (`exitReportMs`, `stopReportMs`), as the real daemon's do.
 */
import type { SimContext } from '../engine/simulation.js';
import type { TaskStateChanged } from '../model/events.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import type { Task } from '../model/types.js';
import { SIGKILL_EXIT_CODE, sigtermBehaviour, startProcess } from './command-model.js';
import { imageConfigFor } from './image-config.js';
import type { AgentMemory, RunningContainer, TaskRecord } from './memory.js';
import type { StatusPath } from './reporter.js';
import type { AgentTimings } from './timings.js';

/**
 * The event reporting that `task`'s process exited with `exitCode` on its own; a failure keeps
 * `message`, the agent's last one.
 */
export function exitEvent(
  task: Task,
  exitCode: number,
  message: string = task.status.message,
): TaskStateChanged {
  const base = { type: 'task/stateChanged', taskId: task.id, exitCode } as const;
  if (exitCode === 0) return { ...base, state: 'complete', message: 'finished', err: '' };
  const err = `task: non-zero exit (${exitCode})`;
  return { ...base, state: 'failed', message, err };
}

/** The event reporting that `taskId` was stopped as asked; `exitCode` null if nothing ran. */
export function shutdownEvent(taskId: string, exitCode: number | null): TaskStateChanged {
  const base = { type: 'task/stateChanged', taskId, state: 'shutdown' } as const;
  return { ...base, message: 'shutdown', err: '', exitCode };
}

/**
 * Starts the container process of a task that just became RUNNING; its first action comes
 * `processStartMs` later (the exec).
 */
export function startContainer(
  ctx: SimContext,
  memory: AgentMemory,
  timings: AgentTimings,
  reports: StatusPath,
  task: Task,
): void {
  const record = memory.tasks[task.id];
  if (!record) return;
  // A built or pushed image brings its own CMD/ENTRYPOINT (image-config.ts).
  const image = imageConfigFor(ctx.state, task.nodeId, task.spec.container.image);
  const container: RunningContainer = {
    run: startProcess(task.spec.container, { taskId: task.id, ...(image ? { image } : {}) }),
    sigterm: sigtermBehaviour(task.spec.container, image),
    exitCode: null,
    signalled: false,
  };
  record.container = container;
  const path = { memory, timings, reports };
  if (timings.processStartMs === 0) {
    advance(ctx, path, task.id, container);
    return;
  }
  const at = ctx.now + timings.processStartMs;
  memory.atWhenReady(ctx, task.nodeId, at, 'agent: exec', (later) => {
    if (isLive(later, memory, task.id, container)) advance(later, path, task.id, container);
  });
}

/** What a running container's timers need of the agent. */
interface AgentParts {
  memory: AgentMemory;
  timings: AgentTimings;
  reports: StatusPath;
}

/**
 * True while `container` is the live container of a task the agent knows RUNNING and the store
 * has not ended (a fault or the constraint enforcer may have).
 */
function isLive(
  ctx: SimContext,
  memory: AgentMemory,
  taskId: string,
  container: RunningContainer,
): boolean {
  const record = memory.tasks[taskId];
  const stored = ctx.state.tasks[taskId]?.status.state;
  return (
    record?.container === container &&
    container.exitCode === null &&
    record.observed === 'running' &&
    stored !== undefined &&
    !isTerminal(stored)
  );
}

/** Plays the process's actions up to its next wait (or its exit). */
function advance(
  ctx: SimContext,
  parts: AgentParts,
  taskId: string,
  container: RunningContainer,
): void {
  const { memory } = parts;
  for (;;) {
    const step = container.run.next();
    if (step.done) {
      exited(ctx, parts, taskId, container, step.value);
      return;
    }
    const action = step.value;
    if (action.kind === 'print') {
      ctx.emit({ type: 'task/logged', taskId, stream: action.stream, line: action.line });
      continue;
    }
    if (action.ms === Infinity) return;
    const nodeId = ctx.state.tasks[taskId]!.nodeId;
    memory.atWhenReady(ctx, nodeId, ctx.now + Math.round(action.ms), 'agent: process', (later) => {
      if (isLive(later, memory, taskId, container)) advance(later, parts, taskId, container);
    });
    return;
  }
}

/**
 * The process ended with `exitCode`. Reported after `exitReportMs` as COMPLETE/FAILED, or, once a
 * stop has signalled it, after `stopReportMs` as SHUTDOWN. During a stop's back-off nobody waits
 * on it: the stop itself reports it when the back-off ends.
 */
function exited(
  ctx: SimContext,
  parts: AgentParts,
  taskId: string,
  container: RunningContainer,
  exitCode: number,
): void {
  const { memory, timings, reports } = parts;
  container.exitCode = exitCode;
  const record = memory.tasks[taskId];
  if (record?.stopping && !container.signalled) return;
  const delayMs = record?.stopping ? timings.stopReportMs : timings.exitReportMs;
  const report = (later: SimContext): void => {
    const task = later.state.tasks[taskId];
    const current = memory.tasks[taskId];
    if (!task || isTerminal(task.status.state)) return;
    if (current?.observed !== 'running' || current.container !== container) return;
    const event = current.stopping
      ? container.signalled
        ? shutdownEvent(taskId, exitCode)
        : null
      : exitEvent(task, exitCode, current.message);
    if (event) reports.report(later, task.nodeId, current, event);
  };
  // With no report delay the exit is told in the same step as what caused it (zero timings).
  const nodeId = ctx.state.tasks[taskId]!.nodeId;
  if (!record?.stopping) reports.holdRunning(ctx, nodeId, taskId, ctx.now + delayMs);
  if (delayMs === 0) report(ctx);
  else memory.atWhenReady(ctx, nodeId, ctx.now + delayMs, 'agent: exit report', report);
}

/** True when the task is attached to an overlay network (today: it publishes an ingress port). */
function isNetworked(task: Task): boolean {
  return task.endpoint.ports.some((port) => port.publishMode === 'ingress');
}

/**
 * Stops a task whose delivered desired state is SHUTDOWN or later: cancels the step under way,
 * waits, then reports SHUTDOWN at once if no process runs, or sends SIGTERM and reports when the
 * process exits or is killed after the grace period. The wait is swarmkit's: an operation under
 * way (a running task's wait, a create, a start) is cancelled and retried after a back-off, and a
 * running task is re-reported meanwhile with exit code -1 (`agent/task.go`,
 * `agent/exec/controller.go`); a networked task then also waits for gossip.
 */
export function beginStop(
  ctx: SimContext,
  memory: AgentMemory,
  timings: AgentTimings,
  reports: StatusPath,
  task: Task,
  record: TaskRecord,
): void {
  if (record.stopping || compareTaskStates(record.observed, 'complete') >= 0) return;
  // The process already ended on its own: its COMPLETE/FAILED report is on the way.
  if ((record.container?.exitCode ?? null) !== null) return;
  const live = record.container !== null && record.observed === 'running';
  const busy = live || record.step !== 0;
  record.stopping = true;
  record.step = memory.nextToken();
  const token = record.step;
  if (live) {
    reports.send(ctx, task.nodeId, { type: 'task/statusRefreshed', taskId: task.id, exitCode: -1 });
  }
  const waitMs =
    (busy ? timings.stopBackoffMs : 0) + (isNetworked(task) ? timings.gossipConvergeMs : 0);
  memory.atWhenReady(ctx, task.nodeId, ctx.now + waitMs, 'agent: stop', (later) => {
    const current = later.state.tasks[task.id];
    if (!current || isTerminal(current.status.state) || record.step !== token) return;
    if (memory.tasks[task.id] !== record) return;
    const container = record.container;
    if (!container || container.exitCode !== null) {
      const event = shutdownEvent(task.id, container ? container.exitCode : null);
      reports.report(later, task.nodeId, record, event);
      return;
    }
    signal(later, { memory, timings, reports }, current, container);
  });
}

function signal(ctx: SimContext, parts: AgentParts, task: Task, container: RunningContainer): void {
  const { memory } = parts;
  container.signalled = true;
  // moby passes the grace period to `docker stop` in whole seconds, dropping the rest.
  const killAfterMs = Math.floor(task.spec.container.stopGracePeriodMs / 1000) * 1000;
  const { sigterm } = container;
  const exitsFirst = sigterm.handled && sigterm.exitAfterMs < killAfterMs;
  const afterMs = exitsFirst ? sigterm.exitAfterMs : killAfterMs;
  const exitCode = exitsFirst ? sigterm.exitCode : SIGKILL_EXIT_CODE;
  memory.atWhenReady(ctx, task.nodeId, ctx.now + afterMs, 'agent: stop exit', (later) => {
    if (!isLive(later, memory, task.id, container)) return;
    exited(later, parts, task.id, container, exitCode);
  });
}
