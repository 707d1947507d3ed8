/**
 * Placement of a batch of identical tasks on an ordered list of nodes (swarmkit's
 * `scheduleNTasksOnNodes`, SWARM.md 5.5). Task k+1 goes to the same node as task k unless the
 * next node in the list is now strictly better; once the end of the list has been reached it goes
 * round-robin. After each assignment, nodes that no longer pass the pipeline are skipped for good.
 * One step per task plus one per skipped node, so a batch costs O(tasks + nodes).
 */
import type { GenericResource, Task, VolumeAttachment } from '../model/types.js';
import { hasClusterMounts, type VolumeSet } from './filters/volumes-set.js';
import { addTaskToNode, type NodeInfo } from './node-info.js';
import type { Pipeline } from './pipeline.js';
import { compareLoad } from './rank.js';

/** A decision: the task goes to the node. */
export interface Assignment {
  taskId: string;
  nodeId: string;
  /** The status message the task gets. */
  message: string;
  /** Generic resources handed to the task; absent when it reserves none. */
  genericResources?: GenericResource[];
  /** Cluster volumes chosen for its `type=cluster` mounts; absent when it has none. */
  volumes?: VolumeAttachment[];
}

/** Status message of a task the scheduler placed (swarmkit's text). */
export const ASSIGNED_MESSAGE = 'scheduler assigned task to node';

/** One group of identical tasks (same service and spec version) being placed. */
export interface Batch {
  pipeline: Pipeline;
  /** The group's tasks in placement order; those before `next` are placed. */
  tasks: Task[];
  next: number;
  assignments: Assignment[];
  /** The pass's cluster volumes: each placed task reserves the ones chosen for it. */
  volumes: VolumeSet;
}

/** Tasks of the batch not placed yet. */
export function remainingTasks(batch: Batch): number {
  return batch.tasks.length - batch.next;
}

/**
 * Places up to `wanted` tasks of the batch on `nodes` (best first, all passing the pipeline when
 * given). Returns how many were placed: fewer than `wanted` when the batch ran out of tasks or
 * every node stopped passing the pipeline.
 */
export function placeOnNodes(batch: Batch, wanted: number, nodes: NodeInfo[]): number {
  const count = nodes.length;
  if (count === 0) return 0;
  const ring = new SkipRing(count);
  let placed = 0;
  // `position` counts steps like swarmkit's node iterator: it only grows, its value modulo
  // `count` is the current node, and it staying below `count - 1` means "still the first pass".
  let position = 0;
  while (batch.next < batch.tasks.length) {
    const task = batch.tasks[batch.next]!;
    batch.next += 1;
    const index = position % count;
    const info = nodes[index]!;
    const generic = addTaskToNode(info, task);
    // Every task of a batch is active and of the service the nodes are focused on.
    info.serviceActive += 1;
    const assignment = { taskId: task.id, nodeId: info.node.id, message: ASSIGNED_MESSAGE };
    batch.assignments.push(withExtras(assignment, generic, batch.volumes, task, info));
    placed += 1;
    if (placed === wanted) return placed;
    // First pass: stay on this node until the next one is strictly better, which levels the
    // per-service counts without ever going back to an earlier node. Later: round-robin.
    const advance = position + 1 < count ? compareLoad(nodes[index + 1]!, info) < 0 : true;
    const next = advance ? ring.after(index) : index;
    position += advance ? stepsBetween(index, next, count) : 0;
    const usable = firstUsable(batch.pipeline, nodes, ring, next);
    if (usable === null) return placed;
    position += usable.steps;
  }
  return placed;
}

/**
 * The assignment with the generic resources and cluster volumes it holds, when it holds any.
 * Choosing the volumes reserves them, so the next check of the pipeline sees them in use.
 */
export function withExtras(
  assignment: Assignment,
  generic: GenericResource[] | undefined,
  volumes: VolumeSet,
  task: Task,
  info: NodeInfo,
): Assignment {
  const result: Assignment = generic ? { ...assignment, genericResources: generic } : assignment;
  if (!hasClusterMounts(task)) return result;
  const chosen = volumes.chooseAndReserve(task, info);
  return chosen.length > 0 ? { ...result, volumes: chosen } : result;
}

function stepsBetween(from: number, to: number, count: number): number {
  return (to - from + count) % count || count;
}

/**
 * From `index`, the first node in ring order that still passes the pipeline, and how many steps
 * away it is; null when every node fails. A node found failing is never checked again in this
 * batch, as in swarmkit, and leaves the ring so later walks step over it for free.
 */
function firstUsable(
  pipeline: Pipeline,
  nodes: NodeInfo[],
  ring: SkipRing,
  index: number,
): { steps: number } | null {
  let steps = 0;
  let current = index;
  while (!pipeline.process(nodes[current]!)) {
    const next = ring.after(current);
    ring.remove(current);
    if (ring.isEmpty()) return null;
    steps += stepsBetween(current, next, nodes.length);
    current = next;
  }
  return { steps };
}

/**
 * The node indexes 0..count-1 in a circle, from which failing ones are unlinked in O(1). Without
 * it a nearly full cluster would make every task walk past every full node.
 */
class SkipRing {
  private readonly nextIndex: Int32Array;
  private readonly previousIndex: Int32Array;
  private alive: number;

  constructor(count: number) {
    this.nextIndex = new Int32Array(count);
    this.previousIndex = new Int32Array(count);
    this.alive = count;
    for (let index = 0; index < count; index += 1) {
      this.nextIndex[index] = (index + 1) % count;
      this.previousIndex[index] = (index - 1 + count) % count;
    }
  }

  /** The next index still in the ring after `index`, which must be in the ring itself. */
  after(index: number): number {
    return this.nextIndex[index]!;
  }

  isEmpty(): boolean {
    return this.alive === 0;
  }

  remove(index: number): void {
    const before = this.previousIndex[index]!;
    const after = this.nextIndex[index]!;
    this.nextIndex[before] = after;
    this.previousIndex[after] = before;
    this.alive -= 1;
  }
}
