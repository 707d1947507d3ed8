/**
 * The agent's private memory: what it has been told about each task and what it is doing with
 * it. Everything here is derived from events and the agent's own timers, so a run rebuilds it
 * exactly; replaying a log needs none of it.
 */
import type { SimContext } from '../engine/simulation.js';
import type { ClusterState } from '../model/state.js';
import type { TaskState } from '../model/task-state.js';
import { agentConnected } from '../model/world.js';
import type { ProcessRun } from './actions.js';
import type { SigtermBehaviour } from './command-model.js';

/** A started container and the process inside it. */
export interface RunningContainer {
  run: ProcessRun;
  sigterm: SigtermBehaviour;
  /** Set once the process has exited (or was killed). */
  exitCode: number | null;
  /** True once `docker stop` has sent SIGTERM. */
  signalled: boolean;
}

/** The agent's view of one task. */
export interface TaskRecord {
  /** The desired state as the dispatcher last delivered it (lags the store by dispatchMs). */
  desired: TaskState;
  /**
   * The state the agent last reported, and its message: the agent's own view, which the store
   * follows only when the dispatcher writes it (reporter.ts), and may never show (a superseded
   * RUNNING).
   */
  observed: TaskState;
  message: string;
  /** Token of the lifecycle step in flight, 0 when none; a timer holding another is stale. */
  step: number;
  /** True once the agent has begun stopping the task. */
  stopping: boolean;
  container: RunningContainer | null;
}

type Continuation = (ctx: SimContext) => void;

/**
 * True when the node exists, the manager sees it ready, and its agent really is connected: a
 * crashed or cut-off node still looks ready until its heartbeats expire, but reports nothing.
 */
export function isNodeReady(state: ClusterState, nodeId: string): boolean {
  return state.nodes[nodeId]?.status.state === 'ready' && agentConnected(state, nodeId);
}

/** The agent's records, held work and pulls; one instance per agent component. */
export class AgentMemory {
  /** Records of the tasks the agent works on, by task id (looked up, never iterated). */
  readonly tasks: Record<string, TaskRecord> = {};
  /** Work that came due while its node was not ready, per node, in the order it came due. */
  private readonly deferred: Record<string, Continuation[]> = {};
  /** In-flight image pulls per node: cache key -> when the pull ends, ms. */
  private readonly pulls: Record<string, Record<string, number>> = {};
  private tokenCount = 0;

  /** A fresh step token (never 0). */
  nextToken(): number {
    this.tokenCount += 1;
    return this.tokenCount;
  }

  /**
   * Runs `action` at `at` if the node is ready then; otherwise holds it until the node is ready
   * again. That is how an agent on a down node freezes: nothing it does is reported meanwhile,
   * and it picks up where it was when it reconnects.
   */
  atWhenReady(
    ctx: SimContext,
    nodeId: string,
    at: number,
    label: string,
    action: Continuation,
  ): void {
    ctx.at(at, label, (inner) => this.runWhenReady(inner, nodeId, action));
  }

  /** Runs the work held for `nodeId`, oldest first; called when the node becomes ready. */
  resumeNode(ctx: SimContext, nodeId: string): void {
    const held = this.deferred[nodeId];
    if (!held) return;
    delete this.deferred[nodeId];
    for (const action of held) this.runWhenReady(ctx, nodeId, action);
  }

  /** Drops the work held for a node that left the swarm. */
  forgetNode(nodeId: string): void {
    delete this.deferred[nodeId];
    delete this.pulls[nodeId];
  }

  /**
   * When a pull of `imageKey` on `nodeId` started now would end: the end of a pull already under
   * way (the engine shares it between tasks), else now + `durationMs`.
   */
  pullEndsAt(nodeId: string, imageKey: string, now: number, durationMs: number): number {
    const pulls = (this.pulls[nodeId] ??= {});
    const running = Object.hasOwn(pulls, imageKey) ? pulls[imageKey]! : -1;
    if (running >= now) return running;
    pulls[imageKey] = now + durationMs;
    return pulls[imageKey];
  }

  private runWhenReady(ctx: SimContext, nodeId: string, action: Continuation): void {
    if (isNodeReady(ctx.state, nodeId)) action(ctx);
    else if (ctx.state.nodes[nodeId]) (this.deferred[nodeId] ??= []).push(action);
  }
}
