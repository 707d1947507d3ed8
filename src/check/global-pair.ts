/**
 * The running pair swarmkit can leave on one node of a global service, which the
 * one-running-task-per-slot invariant (invariants.ts) allows. A node event makes the global
 * orchestrator reconcile that node on its own (global.go reconcileServicesOneNode): a task of an
 * older spec is replaced at once, outside the rolling updater. A rolling update of the service
 * still under way works on the node lists it took when it started, so when its worker reaches
 * that node it replaces the same old task again (a task the restart policy had already ended is
 * skipped by removeOldTasks, not refused), and both new tasks run until the next reconcile of
 * the node shuts the extra one down.
 */
import type { Node, Service, Task } from '../model/types.js';
import { isTaskDirty } from '../orchestrator/dirty.js';

/** Whether swarmkit can leave `pair` (2+ tasks meant to run, running on one node) so. */
export function globalReconcileAllows(
  service: Service,
  node: Node | undefined,
  pair: readonly Task[],
): boolean {
  if (!('global' in service.spec.mode)) return false;
  const origins = new Set(pair.map((task) => task.origin));
  const current = pair.every((task) => !isTaskDirty(service, task, node));
  return current && origins.has('orchestrator') && origins.has('updater');
}
