/**
 * The filter pipeline (swarmkit's `pipeline.go`): the filters in a fixed order, each node stopping
 * at its first failing filter, whose failure count goes up. The counts feed the "no suitable node
 * (...)" explanation. Quirk kept on purpose (SWARM.md 5.2): any node passing every filter resets
 * all counts, so the explanation describes only the failures seen after the last success.
 */
import type { Task } from '../model/types.js';
import { constraintFilter } from './filters/constraint.js';
import type { Filter } from './filters/filter.js';
import { hostPortFilter } from './filters/host-port.js';
import { maxReplicasFilter } from './filters/max-replicas.js';
import { platformFilter } from './filters/platform.js';
import { pluginFilter } from './filters/plugin.js';
import { readyFilter } from './filters/ready.js';
import { resourcesFilter } from './filters/resources.js';
import { volumesFilter } from './filters/volumes.js';
import type { VolumeSet } from './filters/volumes-set.js';
import type { NodeInfo } from './node-info.js';

/**
 * Fresh instances of swarmkit's filters, in pipeline order: the defaults, then the
 * VolumesFilter the scheduler appends, reading `volumes` (none when omitted).
 */
export function defaultFilters(volumes?: VolumeSet): Filter[] {
  return [
    readyFilter(),
    resourcesFilter(),
    pluginFilter(),
    constraintFilter(),
    platformFilter(),
    hostPortFilter(),
    maxReplicasFilter(),
    volumesFilter(volumes),
  ];
}

interface Entry {
  filter: Filter;
  enabled: boolean;
  /** Nodes whose first failing filter was this one, since the last node that passed them all. */
  failures: number;
}

/** The filters for one task at a time, with their failure counts. */
export class Pipeline {
  private readonly entries: Entry[];

  constructor(filters: Filter[] = defaultFilters()) {
    this.entries = filters.map((filter) => ({ filter, enabled: false, failures: 0 }));
  }

  /** Prepares the filters for `task` and clears the failure counts. */
  setTask(task: Task): void {
    for (const entry of this.entries) {
      entry.enabled = entry.filter.appliesTo(task);
      entry.failures = 0;
    }
  }

  /** Whether the node passes every enabled filter; counts the first failure, or resets on pass. */
  process(info: NodeInfo): boolean {
    for (const entry of this.entries) {
      if (entry.enabled && !entry.filter.check(info.node, info)) {
        entry.failures += 1;
        return false;
      }
    }
    for (const entry of this.entries) entry.failures = 0;
    return true;
  }

  /**
   * Why nodes were refused: the failing filters by count, highest first (a stable sort, so ties
   * keep pipeline order), joined with "; ". Empty when nothing failed since the last success.
   */
  explain(): string {
    return this.entries
      .filter((entry) => entry.failures > 0)
      .sort((a, b) => b.failures - a.failures)
      .map((entry) => entry.filter.explain(entry.failures))
      .join('; ');
  }
}
