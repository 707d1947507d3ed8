/**
 * The constraint enforcer (swarmkit `manager/orchestrator/constraintenforcer`, SWARM.md 3.7):
 * on every update of an ACTIVE node, the tasks placed there that no longer fit are rejected, and
 * the orchestrators then restart them per policy. Drained nodes are the orchestrators' business
 * and paused nodes keep their tasks, so neither is checked. Service updates are not enforced
 * here: a constraint change in a spec goes through the rolling update.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import { compareTaskStates } from '../model/task-state.js';
import type { Node, Resources, Task } from '../model/types.js';
import { nodeMatchesConstraints } from '../scheduler/constraint.js';
import { assignedStillThere, genericPool } from '../scheduler/generic.js';
import { serviceConstraints } from './common.js';
import { tasksOnNode } from '../model/state.js';

/** Message and error of a task the enforcer rejects, as swarmkit writes them. */
export const ENFORCER_REJECT_MESSAGE = 'task rejected by constraint enforcer';
export const ENFORCER_REJECT_ERR = 'assigned node no longer meets constraints';

/** Creates the constraint enforcer component. */
export function createConstraintEnforcer(): Component {
  return {
    name: 'constraint-enforcer',
    onEvent(ctx, event) {
      switch (event.type) {
        // Node updates only: a join is a creation, and image pulls are not node writes.
        case 'node/availabilityChanged':
        case 'node/statusChanged':
        case 'node/labelsChanged':
        case 'node/descriptionChanged':
        case 'node/roleChanged':
          rejectNoncompliantTasks(ctx, event.nodeId);
          return;
        default:
          return;
      }
    },
  };
}

function rejectNoncompliantTasks(ctx: SimContext, nodeId: string): void {
  const node = ctx.state.nodes[nodeId];
  if (!node || node.availability !== 'active') return;
  const tasks = tasksOnNode(ctx.state, nodeId);
  for (const task of noncompliantTasks(ctx, node, tasks)) {
    const current = ctx.state.tasks[task.id];
    if (!current || compareTaskStates(current.desiredState, 'complete') > 0) continue;
    if (compareTaskStates(current.status.state, 'rejected') >= 0) continue;
    ctx.emit({
      type: 'task/stateChanged',
      taskId: task.id,
      state: 'rejected',
      message: ENFORCER_REJECT_MESSAGE,
      err: ENFORCER_REJECT_ERR,
      exitCode: null,
    });
  }
}

/**
 * The node's tasks that should run there but no longer fit: the current service constraints
 * (else the task's own) fail, or the running total of reservations exceeds what the node reports,
 * or a generic resource assigned to the task is no longer advertised (as in swarmkit, generic
 * values are checked against the description, not a running total). The running total walks the
 * tasks in swarmkit's store order, by task ID (memdb's node index ends with the ID), so which
 * tasks go when a node shrinks is swarmkit's choice. They are returned in the order given:
 * swarmkit rejects them in map order, which is random.
 */
export function noncompliantTasks(ctx: SimContext, node: Node, tasks: readonly Task[]): Task[] {
  const available: Resources = { ...node.description.resources };
  const generic = genericPool(node.description.resources.generic);
  const rejected = new Set<Task>();
  const storeOrder = [...tasks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const task of storeOrder) {
    if (compareTaskStates(task.desiredState, 'assigned') < 0) continue;
    if (compareTaskStates(task.desiredState, 'complete') > 0) continue;
    if (compareTaskStates(task.status.state, 'complete') >= 0) continue;
    const service = ctx.state.services[task.serviceId];
    const placement = service ? service.spec.task.placement : task.spec.placement;
    if (!nodeMatchesConstraints(node, serviceConstraints(placement.constraints))) {
      rejected.add(task);
      continue;
    }
    const reserved = task.spec.resources.reservations;
    if (
      reserved.memoryBytes > available.memoryBytes ||
      reserved.nanoCPUs > available.nanoCPUs ||
      !assignedStillThere(generic, task.assignedGenericResources ?? [])
    ) {
      rejected.add(task);
      continue;
    }
    available.memoryBytes -= reserved.memoryBytes;
    available.nanoCPUs -= reserved.nanoCPUs;
  }
  return tasks.filter((task) => rejected.has(task));
}
