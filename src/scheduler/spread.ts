/**
 * Spread placement preferences (swarmkit's `nodeset.go` tree and `scheduleNTasksOnSubtree`,
 * SWARM.md 5.6). Each supported preference adds a level to a tree of nodes grouped by label
 * value ("" when the label is missing); each branch counts the service's active tasks below it,
 * ineligible nodes included. Tasks are split so branches even out; a branch that cannot take its
 * share is marked "no room" and the split is recomputed among the others.
 *
 * swarmkit walks branches in Go map order (random). swarmsim walks them by label value in UTF-16
 * code unit order, so "" comes first.
 */
import type { PlacementPreference } from '../model/types.js';
import type { NodeInfo } from './node-info.js';
import type { Pipeline } from './pipeline.js';
import { placeOnNodes, remainingTasks, type Batch } from './place.js';
import { compareRank } from './rank.js';
import { WorstHeap } from './worst-heap.js';

/** One level of the tree: branches by label value, or at a leaf the candidate nodes. */
export interface DecisionTree {
  /** Active tasks of the service on every node below, eligible or not. */
  tasks: number;
  /** Sub-trees in label value order; null at a leaf. */
  branches: DecisionTree[] | null;
  children: Map<string, DecisionTree>;
  /** Leaf only: the best (at most N) nodes that passed the pipeline, before first use. */
  candidates: WorstHeap<NodeInfo> | null;
  /** Leaf only: the candidates best first, once used. */
  ordered: NodeInfo[] | null;
}

type SpreadReader = (info: NodeInfo) => string;

const NODE_LABELS = 'node.labels.';
const ENGINE_LABELS = 'engine.labels.';

/** How to read a spread descriptor off a node; null for descriptors swarmkit ignores. */
export function spreadReader(descriptor: string): SpreadReader | null {
  const lower = descriptor.toLowerCase();
  if (descriptor.length > NODE_LABELS.length && lower.startsWith(NODE_LABELS)) {
    const label = descriptor.slice(NODE_LABELS.length);
    return (info) => info.node.labels[label] ?? '';
  }
  if (descriptor.length > ENGINE_LABELS.length && lower.startsWith(ENGINE_LABELS)) {
    const label = descriptor.slice(ENGINE_LABELS.length);
    return (info) => info.node.description.engineLabels[label] ?? '';
  }
  return null;
}

function emptyTree(): DecisionTree {
  return { tasks: 0, branches: null, children: new Map(), candidates: null, ordered: null };
}

/**
 * Builds the tree over every node (join order) for the service the nodes are focused on
 * (`focusOnService`). At each leaf, a node is checked against the pipeline only when the leaf
 * still has room for it among its best `maxAssignments`, as swarmkit does; this is also what
 * decides which failures the explanation counts.
 */
export function buildDecisionTree(
  infos: readonly NodeInfo[],
  preferences: readonly PlacementPreference[],
  maxAssignments: number,
  pipeline: Pipeline,
): DecisionTree {
  const root = emptyTree();
  const readers = preferences.flatMap((preference) => spreadReader(preference.spread) ?? []);
  for (const info of infos) {
    const serviceTasks = info.serviceActive;
    let tree = root;
    for (const read of readers) {
      tree.tasks += serviceTasks;
      const value = read(info);
      let child = tree.children.get(value);
      if (!child) {
        child = emptyTree();
        tree.children.set(value, child);
      }
      tree = child;
    }
    tree.tasks += serviceTasks;
    tree.candidates ??= new WorstHeap(compareRank);
    offerCandidate(tree.candidates, info, maxAssignments, pipeline);
  }
  sortBranches(root);
  return root;
}

function offerCandidate(
  heap: WorstHeap<NodeInfo>,
  info: NodeInfo,
  maxAssignments: number,
  pipeline: Pipeline,
): void {
  if (heap.size < maxAssignments) {
    if (pipeline.process(info)) heap.push(info);
  } else if (compareRank(info, heap.peekWorst()!) < 0 && pipeline.process(info)) {
    heap.replaceWorst(info);
  }
}

function sortBranches(tree: DecisionTree): void {
  if (tree.children.size === 0) return;
  const values = [...tree.children.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  tree.branches = values.map((value) => tree.children.get(value)!);
  for (const branch of tree.branches) sortBranches(branch);
}

/**
 * A leaf's nodes, best first. The first time, the candidates as chosen; on later visits, those
 * that still pass the pipeline, re-sorted, since assignments in between changed them.
 */
function orderedNodes(leaf: DecisionTree, batch: Batch): NodeInfo[] {
  if (leaf.ordered === null) {
    leaf.ordered = leaf.candidates?.drainBestFirst() ?? [];
  } else {
    leaf.ordered = leaf.ordered.filter((info) => batch.pipeline.process(info)).sort(compareRank);
  }
  return leaf.ordered;
}

/** Places up to `wanted` tasks of the batch in the subtree; returns how many it placed. */
export function placeOnSubtree(batch: Batch, wanted: number, tree: DecisionTree): number {
  if (tree.branches === null) {
    const nodes = orderedNodes(tree, batch);
    return nodes.length === 0 ? 0 : placeOnNodes(batch, wanted, nodes);
  }
  const branches = tree.branches;
  const noRoom = new Set<DecisionTree>();
  let placed = 0;
  let usableTasks = tree.tasks;
  let converging = true;
  while (placed !== wanted && noRoom.size !== branches.length && converging) {
    const usable = branches.length - noRoom.size;
    // Go's integer division (truncation): a branch can take more than its share when the batch
    // outgrows it, and the numerator can then go negative, which ends the loop as in swarmkit.
    const target = Math.trunc((usableTasks + wanted - placed) / usable);
    let remainder = (usableTasks + wanted - placed) % usable;
    converging = false;
    for (const branch of branches) {
      if (noRoom.has(branch)) continue;
      // `branch.tasks` is the count before this batch, as in swarmkit: later rounds split only
      // what is left to place, as if from scratch among the branches that still have room.
      if (branch.tasks > target || (branch.tasks === target && remainder === 0)) continue;
      converging = true;
      const share = target - branch.tasks + (remainder > 0 ? 1 : 0);
      const result = remainingTasks(batch) === 0 ? 0 : placeOnSubtree(batch, share, branch);
      if (result < share) {
        noRoom.add(branch);
        usableTasks -= branch.tasks;
      } else if (remainder > 0) {
        remainder -= 1;
      }
      placed += result;
    }
  }
  return placed;
}
