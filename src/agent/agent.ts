/**
 * The agent: the part of swarm that runs on every node and drives the tasks assigned to it, one
 * state at a time, toward their desired state (SWARM.md 1.3 and 7.2).
 *
 * This file routes the events the agent hears; task-driver.ts makes each task's moves.
 *
 * - It learns of assignments and desired-state changes through the dispatcher's per-node
 *   batches, `dispatchMs` after the node's last change (assignment-batch.ts), and accepts a new
 *   task the moment it sees it.
 * - Its task driver pulls, creates, starts and stops containers (task-driver.ts), and its
 *   standalone containers (`docker run`) run beside the tasks (standalone.ts).
 * - On a node that is not ready nothing happens: work that comes due is held and resumes, where
 *   it was, once the node is ready again (memory.ts).
 * Durations are deterministic (timings.ts), so the agent draws no random numbers.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
import { AssignmentBatches } from './assignment-batch.js';
import { AgentMemory } from './memory.js';
import { StatusPath } from './reporter.js';
import { StandaloneProcesses } from './standalone.js';
import { TaskDriver } from './task-driver.js';
import type { TimingOverrides } from './timing-overrides.js';
import { DEFAULT_AGENT_TIMINGS, type AgentTimings } from './timings.js';

/** How long the agent's steps take; see timings.ts for the defaults. */
export interface AgentOptions {
  /** First-pull durations in ms, keyed by image name without registry or tag (`nginx`). */
  pullMsByImage?: Record<string, number>;
  /** Images the registry holds beside the catalogue (a scenario's `images:` names). */
  registryImages?: readonly string[];
  /** Other durations, ms; unset ones keep DEFAULT_AGENT_TIMINGS. */
  timings?: Partial<AgentTimings>;
  /** Per-step durations in place of the calibrated ones (none by default; recorded timings). */
  overrides?: TimingOverrides;
}

/** Creates the agent component (one for all nodes: it keeps per-task records). */
export function createAgent(options: AgentOptions = {}): Component {
  const agent = new Agent(
    { ...DEFAULT_AGENT_TIMINGS, ...options.timings },
    options.pullMsByImage,
    options.registryImages,
    options.overrides,
  );
  return {
    name: 'agent',
    onEvent: (ctx, event) => agent.onEvent(ctx, event),
  };
}

class Agent {
  private readonly memory = new AgentMemory();
  /** Standalone containers (`docker run`) are the engine's, run beside the tasks. */
  private readonly standalone = new StandaloneProcesses();
  /** Where the agent's statuses go: batched on their way to the store (reporter.ts). */
  private readonly reports: StatusPath;
  /** Makes each held task's moves (task-driver.ts). */
  private readonly driver: TaskDriver;
  /** The dispatcher's pending assignment changes per node (assignment-batch.ts). */
  private readonly batches: AssignmentBatches;
  /**
   * The node of each task in a node's assignment set (by task id, looked up, never iterated):
   * the task is gone from the state when its removal is heard, and that removal is a change too.
   */
  private readonly nodeOfTask: Record<string, string> = {};

  constructor(
    timings: AgentTimings,
    pullMsByImage: Readonly<Record<string, number>> = {},
    registryImages: readonly string[] = [],
    overrides: TimingOverrides = {},
  ) {
    this.reports = new StatusPath(this.memory, timings, overrides.statusWrite);
    this.driver = new TaskDriver(
      this.memory,
      timings,
      this.reports,
      pullMsByImage,
      registryImages,
      overrides,
    );
    this.batches = new AssignmentBatches(timings.dispatchMs, (ctx, nodeId, taskIds) =>
      this.deliver(ctx, nodeId, taskIds),
    );
  }

  onEvent(ctx: SimContext, event: LoggedEvent): void {
    if (event.type.startsWith('container/') || event.type === 'fault/injected') {
      this.standalone.onEvent(ctx, event);
    }
    switch (event.type) {
      case 'task/assigned':
      case 'task/desiredStateChanged':
        this.scheduleDelivery(ctx, event.taskId);
        return;
      case 'task/stateChanged':
        if (event.state === 'assigned') this.scheduleDelivery(ctx, event.taskId);
        else this.driver.drive(ctx, event.taskId);
        return;
      case 'task/removed':
        this.noteRemoval(ctx, event.taskId);
        // The container goes with the task; its pending timers find no record and stop.
        delete this.memory.tasks[event.taskId];
        this.reports.forget(event.taskId);
        return;
      case 'node/statusChanged':
        if (event.state === 'ready') this.memory.resumeNode(ctx, event.nodeId);
        return;
      case 'fault/healed':
        // A session that outlived a short cut never re-registers: its held reports go out on
        // the healed link (resumeNode holds again whatever still cannot be delivered).
        for (const nodeId of ctx.state.nodeIds) this.memory.resumeNode(ctx, nodeId);
        return;
      case 'node/removed':
        this.memory.forgetNode(event.nodeId);
        this.batches.forgetNode(event.nodeId);
        return;
      default:
        return;
    }
  }

  /**
   * A change to the task's assignment (its assignment, desired state, or a re-assignment) joins
   * its node's batch, a finished task's too: swarmkit's assignment set keeps a task from ASSIGNED
   * on, and counts every change but a status-only one past ASSIGNED (assignments.go,
   * addOrUpdateTask), so the desired Shutdown the orchestrator writes after a failure restarts
   * the node's quiet period as well.
   */
  private scheduleDelivery(ctx: SimContext, taskId: string): void {
    const task = ctx.state.tasks[taskId];
    if (!task?.nodeId || compareTaskStates(task.status.state, 'assigned') < 0) return;
    this.nodeOfTask[taskId] = task.nodeId;
    this.batches.change(ctx, task.nodeId, taskId);
  }

  /** A task leaving its node's assignment set is a change of that node's set too. */
  private noteRemoval(ctx: SimContext, taskId: string): void {
    const nodeId = this.nodeOfTask[taskId];
    if (nodeId === undefined) return;
    delete this.nodeOfTask[taskId];
    this.batches.change(ctx, nodeId, null);
  }

  /** A batch reaches the node (or waits until it is ready): each task's CURRENT assignment. */
  private deliver(ctx: SimContext, nodeId: string, taskIds: readonly string[]): void {
    this.memory.atWhenReady(ctx, nodeId, ctx.now, 'agent: deliver', (later) => {
      for (const taskId of taskIds) this.deliverTask(later, taskId);
    });
  }

  private deliverTask(later: SimContext, taskId: string): void {
    const current = later.state.tasks[taskId];
    if (!current || isTerminal(current.status.state)) return;
    const record = (this.memory.tasks[taskId] ??= {
      desired: current.desiredState,
      observed: current.status.state,
      message: current.status.message,
      step: 0,
      stopping: false,
      container: null,
    });
    record.desired = current.desiredState;
    this.driver.drive(later, taskId);
  }
}
