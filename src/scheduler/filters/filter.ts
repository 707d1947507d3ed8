/**
 * The shape every scheduling filter shares (swarmkit's `Filter` in `filter.go`). A filter is
 * stateful like swarmkit's: `appliesTo` remembers the task it was given, then `check` is asked
 * about many nodes for that task. Each pipeline therefore builds its own filter instances.
 */
import type { Node, Task } from '../../model/types.js';
import type { NodeInfo } from '../node-info.js';

/** One placement rule with docker's explanation text. */
export interface Filter {
  /** Short name, for diagnostics and tests. */
  readonly name: string;
  /** Whether the filter is on for `task` (swarmkit's SetTask); remembers the task when it is. */
  appliesTo(task: Task): boolean;
  /** Whether `node` can take the task last given to `appliesTo`. */
  check(node: Node, info: NodeInfo): boolean;
  /** docker's text for `count` (>= 1) nodes failing this filter. */
  explain(count: number): string;
}

/** "1 node" or "N nodes", as every explanation spells a count. */
export function countNodes(count: number): string {
  return count === 1 ? '1 node' : `${count} nodes`;
}
