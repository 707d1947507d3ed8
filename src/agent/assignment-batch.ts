/**
 * The dispatcher's assignment stream to each node (swarmkit `manager/dispatcher/dispatcher.go`,
 * Assignments): it does not forward each task change on its own but gathers a node's changes and
 * sends them together once the node's tasks have been quiet for `dispatchMs` (swarmkit's
 * batchingWaitTime), every change restarting that wait, or at once when the batch holds
 * MODIFICATION_BATCH_LIMIT changes (swarmkit's modificationBatchLimit). So a burst reaches the
 * agent 0.1 s after its LAST change, and a lone change 0.1 s after it.
 */
import type { SimContext } from '../engine/simulation.js';

/** Changes after which a node's batch goes out without waiting for the quiet period (count). */
export const MODIFICATION_BATCH_LIMIT = 100;

/** Receives a node's batch: the changed task ids, in the order each first changed. */
export type BatchSink = (ctx: SimContext, nodeId: string, taskIds: readonly string[]) => void;

interface NodeBatch {
  /** Tasks changed since the last send, in order of first change (a task appears once). */
  taskIds: string[];
  /** Changes counted toward the limit: every change, a task's repeated ones included. */
  count: number;
  /** The generation of the latest quiet-period timer; an older timer finds another and stops. */
  generation: number;
}

/** The per-node pending batches of one agent component. */
export class AssignmentBatches {
  /** Pending batch per node id (looked up, never iterated). */
  private readonly pending: Record<string, NodeBatch> = {};
  /** Generations are global so a timer of a sent batch never matches the node's next batch. */
  private generationCount = 0;

  constructor(
    private readonly quietMs: number,
    private readonly send: BatchSink,
    private readonly limit: number = MODIFICATION_BATCH_LIMIT,
  ) {}

  /**
   * Records a change to one of `nodeId`'s tasks: `taskId` to deliver, or null for a change that
   * delivers nothing but still restarts the wait (a task leaving the node's set).
   */
  change(ctx: SimContext, nodeId: string, taskId: string | null): void {
    const batch = (this.pending[nodeId] ??= { taskIds: [], count: 0, generation: 0 });
    if (taskId !== null && !batch.taskIds.includes(taskId)) batch.taskIds.push(taskId);
    batch.count += 1;
    this.generationCount += 1;
    batch.generation = this.generationCount;
    if (batch.count >= this.limit) {
      this.flush(ctx, nodeId);
      return;
    }
    // Timers cannot be cancelled: a later change bumps the generation, and this one then stops.
    const generation = batch.generation;
    ctx.at(ctx.now + this.quietMs, 'dispatcher: assignments', (later) => {
      if (this.pending[nodeId]?.generation === generation) this.flush(later, nodeId);
    });
  }

  /** Drops the batch of a node that left the swarm. */
  forgetNode(nodeId: string): void {
    delete this.pending[nodeId];
  }

  private flush(ctx: SimContext, nodeId: string): void {
    const batch = this.pending[nodeId];
    if (!batch) return;
    delete this.pending[nodeId];
    if (batch.taskIds.length > 0) this.send(ctx, nodeId, batch.taskIds);
  }
}
