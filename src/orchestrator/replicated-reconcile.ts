/**
 * Service-level reconcile of a replicated service (swarmkit `replicated/services.go`,
 * `slot.go`; SWARM.md 3.1): count live slots, then scale up into the lowest free slots, scale
 * down by the "most loaded node first" order, and delete the tasks of dead slots.
 */
import type { SimContext } from '../engine/simulation.js';
import { replicasOf } from '../model/factory.js';
import type { Service } from '../model/types.js';
import { advanceDesiredState, createTask, deleteTask, isReplicatedService } from './common.js';
import type { RestartSupervisor } from './restart.js';
import { groupBySlotNumber, lowestFreeSlots, orderForScaleDown, type Slot } from './slots.js';
import type { UpdateSupervisor } from './update.js';
import { tasksOfService } from '../model/state.js';

interface SlotPartition {
  /** Live slots with their updatable tasks, by ascending slot number. */
  live: Slot[];
  /** Dead slots with all their tasks, by slot number. */
  dead: Map<number, Slot>;
}

/** Splits the service's tasks into live and dead slots (updatableAndDeadSlots). */
export function liveAndDeadSlots(
  ctx: SimContext,
  restarts: RestartSupervisor,
  service: Service,
): SlotPartition {
  const tasks = tasksOfService(ctx.state, service.id);
  const live: Slot[] = [];
  const dead = new Map<number, Slot>();
  for (const [slotNumber, slot] of groupBySlotNumber(tasks)) {
    const updatable = restarts.updatableTasksInSlot(slot, service);
    if (updatable.length > 0) live.push(updatable);
    else dead.set(slotNumber, slot);
  }
  return { live, dead };
}

/** Brings the service's live slot count to its replica count. */
export function reconcileReplicatedService(
  ctx: SimContext,
  restarts: RestartSupervisor,
  updates: UpdateSupervisor,
  serviceId: string,
): void {
  const service = ctx.state.services[serviceId];
  if (!isReplicatedService(service)) return;
  const replicas = replicasOf(service.spec) ?? 0;
  const { live, dead } = liveAndDeadSlots(ctx, restarts, service);
  if (replicas > live.length) {
    updates.update(ctx, service, live);
    const taken = new Set(live.map((slot) => slot[0]!.slot));
    for (const slot of lowestFreeSlots(taken, replicas - live.length)) {
      createTask(ctx, service, { slot, origin: 'orchestrator' });
      // A reused dead slot keeps its old tasks as the new task's history.
      dead.delete(slot);
    }
    deleteSlots(ctx, dead);
  } else if (replicas < live.length) {
    const ordered = orderForScaleDown(live);
    updates.update(ctx, service, ordered.slice(0, replicas), true);
    deleteSlots(ctx, dead);
    for (const slot of ordered.slice(replicas)) {
      for (const task of slot) advanceDesiredState(ctx, task.id, 'remove');
    }
  } else {
    deleteSlots(ctx, dead);
    updates.update(ctx, service, live);
  }
}

function deleteSlots(ctx: SimContext, slots: ReadonlyMap<number, Slot>): void {
  for (const slot of slots.values()) {
    for (const task of slot) deleteTask(ctx, task.id);
  }
}
