/**
 * The running pairs swarmkit leaves in one slot of a start-first service, which the
 * one-running-task-per-slot invariant (invariants.ts) allows. A start-first worker retires a
 * slot's old task only once its replacement is observed RUNNING, so old and new run side by side
 * for a moment; runs overtaken, stopped or failing leave such pairs for longer. Each case is one
 * function, with the swarmkit behaviour behind it. A service whose runs were all stop-first is
 * allowed none: such a worker shuts the old task down as it creates the replacement.
 */
import type { Service, Task } from '../model/types.js';
import { deepEqual, isTaskDirty } from '../orchestrator/dirty.js';

/** Whether swarmkit can leave `pair` (2+ tasks meant to run, running in one slot) so. */
export function startFirstAllows(service: Service, task: Task, pair: readonly Task[]): boolean {
  return (
    startFirstHandOver(service, pair) ||
    handOverWithoutStatus(service, task, pair) ||
    startFirstLeftover(service, pair) ||
    abandonedByRollback(service, pair) ||
    restartBesideFailedHandOver(service, pair)
  );
}

/**
 * swarmkit's start-first leftovers: its updater retires only the tasks it saw when it took a
 * slot, and the restart supervisor replaces each failed task on its own, so a start-first
 * service can keep two running copies of its current spec in one slot (two desired-running
 * tasks both restarted, or a restart beside the update's task after a no-op scale cleared the
 * update status, which also gave the spec a new version) until its next update run. Allowed for
 * start-first services when no such task is dirty (each matches the current spec, as swarmkit's
 * IsTaskDirty judges), or, while a newer run is in progress, when they are copies of one older
 * spec waiting for that run to reach their slot (a drain restarted both tasks of a start-first
 * hand-over, then the spec changed); an old-spec task left running after it is a violation.
 */
function startFirstLeftover(service: Service, tasks: readonly Task[]): boolean {
  if (!isStartFirst(service)) return false;
  if (tasks.every((task) => !isTaskDirty(service, task, undefined))) return true;
  const status = service.updateStatus?.state;
  const inProgress = status !== undefined && HANDING_OVER.has(status);
  return inProgress && new Set(tasks.map((task) => task.specVersion)).size === 1;
}

/** Update states during which a worker may still be handing a slot over (paused: finishing). */
const HANDING_OVER = new Set(['updating', 'paused', 'rollback_started', 'rollback_paused']);

/**
 * Old and new tasks of a start-first update or rollback still in progress on that service (more
 * than two when a second update overtook the first before its task ran). A start-first run
 * overtaken by a newer spec (any order) counts too: swarmkit cancels the run, not the restart
 * supervisor's start of its replacement, which so runs beside the old task until the new run
 * reaches the slot; seen one spec deep, as the previous spec's configs and version.
 */
function startFirstHandOver(service: Service, pair: readonly Task[]): boolean {
  const status = service.updateStatus?.state;
  if (status === undefined || !HANDING_OVER.has(status)) return false;
  if (new Set(pair.map((task) => task.specVersion)).size < 2) return false;
  const rollingBack = status.startsWith('rollback');
  const order = (rollingBack ? service.spec.rollback : service.spec.update)?.order;
  // A rollback that paused is followed under the update config by swarmkit: accept either.
  if (order === 'start-first') return true;
  if (status === 'rollback_paused' && service.spec.update?.order === 'start-first') return true;
  const previous = service.previousSpec;
  // A rollback to a spec deep-equal to the one a start-first run was rolling towards (a no-op
  // update came between) keeps that run: swarmkit's supervisor leaves a run towards a
  // deep-equal spec alone, and the run keeps the order it started with.
  const kept = rollingBack && previous !== null && deepEqual(previous, service.spec);
  if (kept && service.spec.update?.order === 'start-first') return true;
  const overtaken =
    previous?.update?.order === 'start-first' || previous?.rollback?.order === 'start-first';
  return overtaken && pair.some((task) => task.specVersion === service.previousSpecVersion);
}

/** Final update states, which a run a later reconcile starts leaves as they are. */
const FINISHED = new Set(['completed', 'rollback_completed']);

/**
 * A run handing slots over while the status shows none in progress. swarmkit's Run sets a status
 * only when there is none and keeps the one it finds, so the run a reconcile starts after a
 * completion works under COMPLETED or ROLLBACK_COMPLETED; and a no-op service update clears the
 * status (the control API resets it on every update) while the supervisor lets the run towards
 * the deep-equal spec go on, under no status. Allowed for a start-first service when the task
 * that just ran was created by the updater and is the only one matching the current spec.
 */
function handOverWithoutStatus(service: Service, task: Task, pair: readonly Task[]): boolean {
  const status = service.updateStatus?.state;
  if (status !== undefined && !FINISHED.has(status)) return false;
  if (!isStartFirst(service) || task.origin !== 'updater') return false;
  const current = pair.filter((other) => !isTaskDirty(service, other, undefined));
  return current.length === 1 && current[0]!.id === task.id;
}

/** Either config is start-first (the one a run followed is not always visible any more). */
function isStartFirst(service: Service): boolean {
  return (
    service.spec.update?.order === 'start-first' || service.spec.rollback?.order === 'start-first'
  );
}

/** Update states of a rollback whose workers may not have reached every slot yet. */
const ROLLING_BACK = new Set(['rollback_started', 'rollback_paused']);

/**
 * A start-first update cut short by a rollback. swarmkit's worker retires a slot's old task only
 * once the replacement is observed RUNNING, and a stopped run retires nothing, so a slot it took
 * keeps its old task (now the restored spec's) beside a task of the abandoned spec (its own
 * replacement still starting, or the restart supervisor's replacement of one that failed, which
 * starts after the restart delay), both meant to run, until the rollback's worker reaches the
 * slot and shuts the abandoned one down. Allowed while rolling back when at most one task is not
 * of the abandoned spec (a spec version above the restored one) and it matches the restored
 * spec. A stop-first update shuts the old task down as it creates the replacement, so it never
 * leaves such a pair; two tasks of older specs are still a violation.
 */
function abandonedByRollback(service: Service, tasks: readonly Task[]): boolean {
  const status = service.updateStatus?.state;
  if (status === undefined || !ROLLING_BACK.has(status)) return false;
  const kept = tasks.filter((task) => task.specVersion <= service.specVersion);
  return kept.length <= 1 && kept.every((task) => !isTaskDirty(service, task, undefined));
}

/**
 * A start-first hand-over whose replacement stopped before RUNNING: swarmkit's worker retires
 * nothing, and the restart supervisor's replacement of the failed task (current spec) starts
 * after the restart delay beside the old task until a later run reaches the slot, which needs a
 * service or node event (none comes after a run under COMPLETED whose failure action could not
 * fire). Allowed for a start-first service when the only task matching the current spec is
 * such a restart.
 */
function restartBesideFailedHandOver(service: Service, tasks: readonly Task[]): boolean {
  if (!isStartFirst(service)) return false;
  const current = tasks.filter((task) => !isTaskDirty(service, task, undefined));
  return current.length === 1 && current[0]!.origin === 'restart';
}
