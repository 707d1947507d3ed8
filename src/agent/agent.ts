/**
 * The agent: the part of swarm that runs on every node and drives the tasks assigned to it, one
 * state at a time, toward their desired state (SWARM.md 1.3 and 7.2).
 *
 * This file routes the events the agent hears; task-driver.ts makes each task's moves.
 *
 * - It learns of assignments and desired-state changes `dispatchMs` after they happen (the
 *   dispatcher's batching) and accepts a new task the moment it sees it.
 * - Its task driver pulls, creates, starts and stops containers (task-driver.ts), and its
 *   standalone containers (`docker run`) run beside the tasks (standalone.ts).
 * - On a node that is not ready nothing happens: work that comes due is held and resumes, where
 *   it was, once the node is ready again (memory.ts).
 * Durations are deterministic (timings.ts), so the agent draws no random numbers.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { compareTaskStates, isTerminal } from '../model/task-state.js';
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

  constructor(
    private readonly timings: AgentTimings,
    pullMsByImage: Readonly<Record<string, number>> = {},
    registryImages: readonly string[] = [],
    overrides: TimingOverrides = {},
  ) {
    this.reports = new StatusPath(this.memory, timings);
    this.driver = new TaskDriver(
      this.memory,
      timings,
      this.reports,
      pullMsByImage,
      registryImages,
      overrides,
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
        return;
      default:
        return;
    }
  }

  /** The dispatcher sends the task's current assignment to its node after `dispatchMs`. */
  private scheduleDelivery(ctx: SimContext, taskId: string): void {
    const task = ctx.state.tasks[taskId];
    if (!task?.nodeId || isTerminal(task.status.state)) return;
    if (compareTaskStates(task.status.state, 'assigned') < 0) return;
    const at = ctx.now + this.timings.dispatchMs;
    this.memory.atWhenReady(ctx, task.nodeId, at, 'agent: deliver', (later) => {
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
    });
  }
}
