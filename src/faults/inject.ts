/**
 * Injecting and healing faults (world.ts holds the kinds). A fault is recorded as
 * `fault/injected` before its effects, so a log always shows the cause ahead of what followed,
 * and metrics can measure recovery from it. Lasting faults stay in effect until `fault/healed`;
 * a node restart heals itself after its `downMs`.
 */
import { crashTask, OOM_EXIT_CODE } from '../agent/faults.js';
import { isNodeReady } from '../agent/memory.js';
import type { SimContext } from '../engine/simulation.js';
import { isHostDown, isLeave, type Fault } from '../model/world.js';

/** Why a fault could not be injected, in words. */
export interface FaultRefusal {
  refused: string;
}

/** Injects `fault` now. Returns its id, or why it does not apply to the swarm as it is. */
export function injectFault(ctx: SimContext, fault: Fault): string | FaultRefusal {
  const refused = refusal(ctx, fault);
  if (refused !== null) return { refused };
  const faultId = `fault-${ctx.state.version + 1}`;
  ctx.emit({ type: 'fault/injected', faultId, fault });
  if (fault.kind === 'containerCrash') crashTask(ctx, fault.taskId, fault.exitCode);
  if (fault.kind === 'oomKill') crashTask(ctx, fault.taskId, OOM_EXIT_CODE);
  if (fault.kind === 'nodeRestart') {
    ctx.at(ctx.now + fault.downMs, 'faults: engine back', (later) => healFault(later, faultId));
  }
  return faultId;
}

/**
 * The node leaves the swarm for good (`docker swarm leave`, SWARM.md 3.8 and 8): a manager stays
 * in raft as a ghost member (`managerLoss`), a worker's agent just stops (`nodeLeave`). Either
 * way the managers see it Down after the heartbeat expiry. Returns the fault id or a refusal.
 */
export function leaveSwarm(ctx: SimContext, nodeId: string): string | FaultRefusal {
  const role = ctx.state.nodes[nodeId]?.role;
  return injectFault(ctx, { kind: role === 'manager' ? 'managerLoss' : 'nodeLeave', nodeId });
}

/** Ends a lasting fault; false when it is not in effect (already healed). */
export function healFault(ctx: SimContext, faultId: string): boolean {
  const active = ctx.state.world.faults.find((each) => each.id === faultId);
  if (!active) return false;
  ctx.emit({ type: 'fault/healed', faultId });
  if (active.fault.kind === 'nodeRestart') reportNewDescription(ctx, active.fault);
  return true;
}

/**
 * An engine restarted with another configuration (CPU or memory totals, engine labels, generic
 * resources) describes itself anew. swarmkit writes the description when the agent registers
 * again, a backoff step after the boot; it is recorded here at the boot, so the constraint
 * enforcer judges the node's tasks as they were last reported, before the agent reports its
 * lost containers (SWARM.md 3.7).
 */
function reportNewDescription(ctx: SimContext, fault: Fault & { kind: 'nodeRestart' }): void {
  const node = ctx.state.nodes[fault.nodeId];
  const { nanoCPUs, memoryBytes, engineLabels, genericResources } = fault;
  const changes = [nanoCPUs, memoryBytes, engineLabels, genericResources];
  if (!node || changes.every((change) => change === undefined)) return;
  const current = node.description.resources;
  const resources = {
    ...structuredClone(current),
    nanoCPUs: nanoCPUs ?? current.nanoCPUs,
    memoryBytes: memoryBytes ?? current.memoryBytes,
  };
  if (genericResources) resources.generic = structuredClone(genericResources);
  ctx.emit({
    type: 'node/descriptionChanged',
    nodeId: fault.nodeId,
    resources,
    ...(engineLabels ? { engineLabels: { ...engineLabels } } : {}),
  });
}

/**
 * Heals every lasting fault, oldest first, except a node that left the swarm: that one is gone
 * for good (an operator removes it; a manager is demoted first). Returns the healed ids.
 */
export function healAllFaults(ctx: SimContext): string[] {
  const healed: string[] = [];
  for (const active of [...ctx.state.world.faults]) {
    if (isLeave(active.fault)) continue;
    if (healFault(ctx, active.id)) healed.push(active.id);
  }
  return healed;
}

function refusal(ctx: SimContext, fault: Fault): string | null {
  const { state } = ctx;
  if (fault.kind === 'containerCrash' || fault.kind === 'oomKill') {
    const task = state.tasks[fault.taskId];
    if (!task) return `no task ${fault.taskId}`;
    if (task.status.state !== 'running' || !isNodeReady(state, task.nodeId)) {
      return `task ${fault.taskId} is not running on a connected node`;
    }
    return null;
  }
  if (fault.kind === 'partition') return partitionRefusal(ctx, fault.from, fault.to);
  const node = state.nodes[fault.nodeId];
  if (!node) return `no node ${fault.nodeId}`;
  if (hasLeft(ctx, fault.nodeId)) return `${node.description.hostname} left the swarm`;
  // A crashed machine may still leave (its leave outlives the crash's heal); it cannot crash twice.
  const hostFault = fault.kind === 'nodeCrash' || fault.kind === 'nodeRestart';
  if (hostFault && isHostDown(state.world, fault.nodeId)) {
    // Restarting a crashed machine is what people try first; healing is what boots it.
    const host = node.description.hostname;
    return `${host} is already down; 'sim heal ${host}' brings it back`;
  }
  if (fault.kind === 'managerLoss' && node.role !== 'manager') {
    return `${node.description.hostname} is not a manager`;
  }
  if (fault.kind === 'nodeRestart' && !(fault.downMs > 0)) return 'a restart takes some time';
  if (fault.kind === 'nodeRestart') return resourcesRefusal(fault);
  return null;
}

/** True once the node left the swarm (a leave fault is in effect for it). */
export function hasLeft(ctx: SimContext, nodeId: string): boolean {
  return ctx.state.world.faults.some(
    ({ fault }) => isLeave(fault) && 'nodeId' in fault && fault.nodeId === nodeId,
  );
}

function partitionRefusal(ctx: SimContext, from: string[], to: string[]): string | null {
  if (from.length === 0 || to.length === 0) return 'a partition needs nodes on both sides';
  for (const id of [...from, ...to]) {
    if (!ctx.state.nodes[id]) return `no node ${id}`;
  }
  const both = from.find((id) => to.includes(id));
  return both === undefined ? null : `node ${both} is on both sides of the partition`;
}

function resourcesRefusal(fault: Fault & { kind: 'nodeRestart' }): string | null {
  const { nanoCPUs, memoryBytes } = fault;
  if (nanoCPUs !== undefined && !(Number.isSafeInteger(nanoCPUs) && nanoCPUs > 0)) {
    return 'a node needs some CPU';
  }
  if (memoryBytes !== undefined && !(Number.isSafeInteger(memoryBytes) && memoryBytes > 0)) {
    return 'a node needs some memory';
  }
  return null;
}
