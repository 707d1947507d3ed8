/**
 * Small pieces every orchestrator shares (swarmkit's `manager/orchestrator/task.go` and
 * `service.go`): which nodes can keep tasks, service modes, and the only ways the orchestrators
 * touch tasks (create, move desired state forward, delete).
 */
import type { SimContext } from '../engine/simulation.js';
import { buildTask } from '../model/factory.js';
import { compareTaskStates, type TaskState } from '../model/task-state.js';
import type { Node, Service, Task, TaskOrigin } from '../model/types.js';
import { ConstraintError, parseConstraints, type Constraint } from '../scheduler/constraint.js';

/** swarmkit's InvalidNode: a deleted, DOWN or drained node cannot keep replicated tasks. */
export function isInvalidNode(node: Node | undefined): boolean {
  return !node || node.status.state === 'down' || node.availability === 'drain';
}

/** Whether the service runs in replicated mode (false for a missing service). */
export function isReplicatedService(service: Service | undefined): service is Service {
  return service !== undefined && 'replicated' in service.spec.mode;
}

/** Whether the service runs in global mode (false for a missing service). */
export function isGlobalService(service: Service | undefined): service is Service {
  return service !== undefined && 'global' in service.spec.mode;
}

/**
 * The service's placement constraints, parsed. A malformed list reads as no constraint at all:
 * swarmkit's orchestrators ignore the parse error and then match every node (the control API
 * refuses such specs anyway).
 */
export function serviceConstraints(expressions: readonly string[]): Constraint[] {
  try {
    return parseConstraints(expressions);
  } catch (error) {
    if (error instanceof ConstraintError) return [];
    throw error;
  }
}

/** Moves the task's desired state forward to `desired`; false when it is gone or already there. */
export function advanceDesiredState(ctx: SimContext, taskId: string, desired: TaskState): boolean {
  const task = ctx.state.tasks[taskId];
  if (!task || compareTaskStates(desired, task.desiredState) <= 0) return false;
  ctx.emit({ type: 'task/desiredStateChanged', taskId, desiredState: desired });
  return true;
}

/** How a new task is placed and started. */
export interface NewTaskPlacement {
  /** Replicated slot (1..N), or 0 for global tasks. */
  slot: number;
  /** Pre-assigned node for global tasks; "" lets the scheduler choose. */
  nodeId?: string;
  /** RUNNING for new tasks, READY for replacements that wait for their start. */
  desiredState?: TaskState;
  origin: TaskOrigin;
}

/** Creates a task from the service's current spec (swarmkit's NewTask) and returns it. */
export function createTask(ctx: SimContext, service: Service, placement: NewTaskPlacement): Task {
  const task = buildTask(
    {
      id: ctx.newId('task'),
      serviceId: service.id,
      spec: service.spec,
      specVersion: service.specVersion,
      slot: placement.slot,
      nodeId: placement.nodeId ?? '',
      desiredState: placement.desiredState ?? 'running',
      origin: placement.origin,
    },
    ctx.now,
  );
  ctx.emit({ type: 'task/created', task });
  return ctx.state.tasks[task.id] ?? task;
}

/** Deletes the task from the store if it is still there. */
export function deleteTask(ctx: SimContext, taskId: string): void {
  if (ctx.state.tasks[taskId]) ctx.emit({ type: 'task/removed', taskId });
}

/**
 * SetServiceTasksRemove: a deleted service's tasks all get desired REMOVE, so the agents stop
 * them and the reaper deletes them. The task list outlives the service in the state's index.
 */
export function setServiceTasksRemove(ctx: SimContext, serviceId: string): void {
  for (const taskId of [...(ctx.state.tasksByService[serviceId] ?? [])]) {
    advanceDesiredState(ctx, taskId, 'remove');
  }
}

/** The tasks with the given ids that still exist, in the given order. */
export function existingTasks(ctx: SimContext, taskIds: readonly string[]): Task[] {
  return taskIds.flatMap((id) => {
    const task = ctx.state.tasks[id];
    return task ? [task] : [];
  });
}

/** Ids in first-seen order without repeats: the order work was queued in. */
export function uniqueInOrder(ids: readonly string[]): readonly string[] {
  return ids.length < 2 ? ids : [...new Set(ids)];
}
