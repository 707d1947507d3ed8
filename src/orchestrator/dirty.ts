/**
 * IsTaskDirty (swarmkit `manager/orchestrator/task.go`, SWARM.md 6.1): whether a task no longer
 * matches its service's spec and must be replaced. The global orchestrator uses it when a node
 * comes back; the rolling updater (update-slot.ts) uses it for every slot.
 */
import { nodeMatchesConstraints } from '../scheduler/constraint.js';
import type { Node, Service, Task } from '../model/types.js';
import { serviceConstraints } from './common.js';

/**
 * A task is dirty when its SpecVersion differs from the service's, the change is not a
 * placement-only one that its node still satisfies, and its task spec or endpoint spec differs.
 * swarmsim has no pull options, so swarmkit's "ignore PullOptions" rule has nothing to ignore.
 */
export function isTaskDirty(service: Service, task: Task, node: Node | undefined): boolean {
  if (service.specVersion === task.specVersion) return false;
  const serviceSpec = service.spec.task;
  if (isPlacementOnlyChange(service, task) && nodeMatchesService(service, node)) return false;
  return !deepEqual(serviceSpec, task.spec) || !deepEqual(service.spec.endpoint, task.endpoint);
}

function isPlacementOnlyChange(service: Service, task: Task): boolean {
  const serviceSpec = service.spec.task;
  if (deepEqual(serviceSpec.placement, task.spec.placement)) return false;
  return deepEqual({ ...serviceSpec, placement: task.spec.placement }, task.spec);
}

function nodeMatchesService(service: Service, node: Node | undefined): boolean {
  if (!node) return false;
  return nodeMatchesConstraints(node, serviceConstraints(service.spec.task.placement.constraints));
}

/** Structural equality of plain JSON values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, index) => deepEqual(value, b[index]));
  }
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  const keysA = Object.keys(recordA);
  if (keysA.length !== Object.keys(recordB).length) return false;
  return keysA.every((key) => key in recordB && deepEqual(recordA[key], recordB[key]));
}
