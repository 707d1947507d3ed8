/**
 * The allocator (SWARM.md section 4, swarmkit `manager/allocator/network.go`): gives every NEW
 * task its addresses on the networks it attaches to (ingress when its service publishes ingress
 * ports, then the spec's networks), then moves it to PENDING in the same instant; the scheduler
 * only looks at tasks from PENDING on. It also keeps each node's load-balancer attachments: one
 * on ingress from the moment the node joins, and one on every overlay a live task of the node
 * uses, freed when the last such task stops. Every choice is recorded in an event
 * (`task/networksAllocated`, `node/attachmentsChanged`), so a replay needs no allocator.
 * Service VIPs are chosen by the control API (src/api/service.ts), like published ports.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import { planNodeAttachments, planTaskAttachments } from '../network/addresses.js';
import { compareTaskStates } from '../model/task-state.js';

/** The allocator component (leader-only in createSwarm). */
export function createAllocator(): Component {
  // The node of each placed task that has addresses: a task removed from the store before it
  // stopped (a scale-down of a pending one) is gone when its removal arrives here.
  const placed = new Map<string, string>();
  return {
    name: 'allocator',
    onEvent(ctx, event) {
      switch (event.type) {
        case 'node/joined':
          reallocateNode(ctx, event.node.id);
          return;
        case 'task/created':
          allocateTask(ctx, event.task.id);
          if (ctx.state.tasks[event.task.id]?.networks && event.task.nodeId) {
            placed.set(event.task.id, event.task.nodeId);
          }
          return;
        case 'task/assigned':
          if (ctx.state.tasks[event.taskId]?.networks) placed.set(event.taskId, event.nodeId);
          if (needsNewAttachment(ctx, event.taskId, event.nodeId)) {
            reallocateNode(ctx, event.nodeId);
          }
          return;
        case 'task/removed': {
          const nodeId = placed.get(event.taskId);
          placed.delete(event.taskId);
          if (nodeId !== undefined) reallocateNode(ctx, nodeId);
          return;
        }
        case 'task/stateChanged': {
          // Only a task on an overlay can leave an attachment its node no longer needs.
          const task = ctx.state.tasks[event.taskId];
          if (task?.nodeId && task.networks && compareTaskStates(event.state, 'running') > 0) {
            reallocateNode(ctx, task.nodeId);
          }
          return;
        }
        default:
          return;
      }
    },
  };
}

function allocateTask(ctx: SimContext, taskId: string): void {
  const task = ctx.state.tasks[taskId];
  if (!task || task.status.state !== 'new') return;
  const networks = planTaskAttachments(ctx.state, task);
  if (networks.length > 0) ctx.emit({ type: 'task/networksAllocated', taskId, networks });
  ctx.emit({
    type: 'task/stateChanged',
    taskId,
    state: 'pending',
    message: 'pending task scheduling',
    err: '',
    exitCode: null,
  });
  // A global task comes with its node: that node needs the task's networks now.
  if (task.nodeId && networks.length > 0) reallocateNode(ctx, task.nodeId);
}

/** True when the task is on a network its node has no load-balancer attachment on yet. */
function needsNewAttachment(ctx: SimContext, taskId: string, nodeId: string): boolean {
  const networks = ctx.state.tasks[taskId]?.networks;
  // Most tasks attach to no network: they need no look at the node (a hot path at scale).
  if (!networks || networks.length === 0) return false;
  const held = ctx.state.nodes[nodeId]?.attachments ?? [];
  return networks.some((a) => !held.some((h) => h.networkId === a.networkId));
}

function reallocateNode(ctx: SimContext, nodeId: string): void {
  const attachments = planNodeAttachments(ctx.state, nodeId);
  if (attachments) ctx.emit({ type: 'node/attachmentsChanged', nodeId, attachments });
}
