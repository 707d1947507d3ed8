/**
 * Running pairs swarmkit leaves because its rolling updater works on the slot lists it took
 * when its run started (updater.go: a worker neither re-reads a slot nor sees tasks created
 * after the run began), which the one-running-task-per-slot invariant (invariants.ts) allows.
 * Both pairs are of the current spec and last until the next reconcile of the service or node
 * retires the extra task.
 */
import type { Node, Service, Task } from '../model/types.js';
import { isTaskDirty } from '../orchestrator/dirty.js';

/** Whether swarmkit can leave `pair` (2+ tasks meant to run, running in one slot) so. */
export function staleSlotAllows(
  service: Service,
  node: Node | undefined,
  pair: readonly Task[],
): boolean {
  if (!pair.every((task) => !isTaskDirty(service, task, node))) return false;
  const origins = new Set(pair.map((task) => task.origin));
  return pair.length === 2 && origins.has('updater') && (
    nodeReconciledDuringRun(service, origins) || restartedDuringRun(origins)
  );
}

/**
 * A node event makes the global orchestrator reconcile that node on its own (global.go
 * reconcileServicesOneNode): a task of an older spec is replaced at once, outside the updater.
 * When the run reaches that node it replaces the same old task again (a task the restart policy
 * had already ended is skipped by removeOldTasks, not refused).
 */
function nodeReconciledDuringRun(service: Service, origins: ReadonlySet<string>): boolean {
  return 'global' in service.spec.mode && origins.has('orchestrator');
}

/**
 * The restart supervisor replaces a failed task of the run's list with the current spec; when
 * the run reaches that slot it does not see the replacement and makes its own.
 */
function restartedDuringRun(origins: ReadonlySet<string>): boolean {
  return origins.has('restart');
}
