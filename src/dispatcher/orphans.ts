/**
 * The dispatcher's down-node store (swarmkit `manager/dispatcher/dispatcher.go`, SWARM.md 7.1):
 * a node DOWN for 24 h has its tasks in ASSIGNED..RUNNING set ORPHANED, keeping their last
 * message and error. Tasks already finished cannot have moved on, so they stay as they are.
 */
import type { SimContext } from '../engine/simulation.js';
import { TASK_STATE_NUMBER } from '../model/task-state.js';
import { cannotCommit } from '../raft/quorum.js';
import { ORPHAN_AFTER_MS } from './heartbeat.js';

/**
 * Arms the 24 h timer for a node that went DOWN (or was found DOWN by a new leader) now. It does
 * nothing if the node came back meanwhile or the swarm has no leader when it fires.
 */
export function armOrphaning(ctx: SimContext, nodeId: string): void {
  const since = ctx.now;
  ctx.at(since + ORPHAN_AFTER_MS, 'dispatcher: orphan tasks', (later) => {
    const { state } = later;
    if (state.nodes[nodeId]?.status.state !== 'down') return;
    if ((state.world.lastDownAt[nodeId] ?? 0) > since || cannotCommit(state)) return;
    for (const taskId of [...(state.tasksByNode[nodeId] ?? [])]) {
      const task = state.tasks[taskId]!;
      const value = TASK_STATE_NUMBER[task.status.state];
      if (value < TASK_STATE_NUMBER.assigned || value > TASK_STATE_NUMBER.running) continue;
      const { message, err, exitCode } = task.status;
      const orphaned = { type: 'task/stateChanged', taskId, state: 'orphaned' } as const;
      later.emit({ ...orphaned, message, err, exitCode });
    }
  });
}
