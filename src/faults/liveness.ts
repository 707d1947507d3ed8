/**
 * Liveness after faults (STYLE.md 14, TigerBeetle's `pending()`): once everything is healed, the
 * swarm must settle within bounded virtual time. `pendingReason` names the first thing it is
 * still waiting for, or null when it has settled, so a hang explains itself.
 */
import { convergenceReport } from '../check/convergence.js';
import type { ClusterState } from '../model/state.js';
import { displayTaskState, TASK_STATE_NUMBER } from '../model/task-state.js';
import { isHostDown, isLeave } from '../model/world.js';

/** Why the swarm has not settled yet, or null when it has. */
export function pendingReason(state: ClusterState): string | null {
  const { world } = state;
  if (world.faults.some((active) => !isLeave(active.fault))) {
    return `${world.faults.length} fault(s) still in effect`;
  }
  if (world.raft.leaderId === null) return 'the swarm has no leader';
  for (const nodeId of state.nodeIds) {
    const node = state.nodes[nodeId]!;
    if (isHostDown(world, nodeId)) continue;
    if (node.status.state !== 'ready') {
      return `node ${node.description.hostname} is ${node.status.state}`;
    }
  }
  for (const entry of convergenceReport(state)) {
    if (entry.running < entry.desired) {
      const why = entry.pending[0] ?? 'no task is on its way';
      return `service ${entry.service} runs ${entry.running} of ${entry.desired}: ${why}`;
    }
  }
  for (const nodeId of state.nodeIds) {
    if (state.nodes[nodeId]!.status.state !== 'ready') continue;
    for (const taskId of state.tasksByNode[nodeId] ?? []) {
      const task = state.tasks[taskId]!;
      const stopping = TASK_STATE_NUMBER[task.desiredState] > TASK_STATE_NUMBER.running;
      if (stopping && task.status.state === 'running') {
        return `task ${task.id} on ${state.nodes[nodeId]!.description.hostname} is still ` +
          `${displayTaskState(task.status.state)} with desired state ${task.desiredState}`;
      }
    }
  }
  return null;
}
