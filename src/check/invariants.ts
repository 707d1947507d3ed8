/**
 * Safety invariants, checked after every applied event (tests always, `swarmsim run --check` on
 * request). Each check looks only at what the event touched, so checking stays cheap on large
 * runs. A violation is a bug in a component, never a property of the scenario.
 *
 * Forward-only state moves are enforced one level down, by the reducer itself (ModelViolation);
 * here the same rule is re-checked on the recorded transitions so a replayed log is judged too.
 */
import type { Observer } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import type { ClusterState } from '../model/state.js';
import { TASK_STATE_NUMBER } from '../model/task-state.js';
import type { Node, Task } from '../model/types.js';
import { nodeMatchesConstraints, parseConstraints } from '../scheduler/constraint.js';
import { staleSlotAllows } from './stale-slots.js';
import { startFirstAllows } from './start-first.js';

export interface Violation {
  /** Which invariant, e.g. `node-overcommitted`. */
  invariant: string;
  /** Virtual time of the event after which it was seen. */
  t: number;
  /** Human-readable account naming the objects involved. */
  detail: string;
}

/** Thrown by the strict checker on the first violation. */
export class InvariantViolation extends Error {
  override name = 'InvariantViolation';
  constructor(readonly violation: Violation) {
    super(`${violation.invariant} at ${violation.t} ms: ${violation.detail}`);
  }
}

/** Every invariant this event could break, checked against the state right after it. */
export function checkEvent(state: ClusterState, event: LoggedEvent): Violation[] {
  const found: Violation[] = [];
  const report = (invariant: string, detail: string): void => {
    found.push({ invariant, t: event.t, detail });
  };
  if (event.type === 'task/assigned') {
    const task = state.tasks[event.taskId]!;
    const node = state.nodes[event.nodeId]!;
    checkPlacement(task, node, report);
    checkReservations(state, node, report);
  }
  if (event.type === 'task/stateChanged' || event.type === 'task/assigned') {
    const task = state.tasks[event.taskId]!;
    checkForwardTransitions(task, report);
    if (task.status.state === 'running') checkOneRunningPerSlot(state, task, report);
  }
  return found;
}

/** An observer that throws on the first violation (tests, `--check`). */
export function strictInvariantObserver(): Observer {
  return (state, event) => {
    const [first] = checkEvent(state, event);
    if (first) throw new InvariantViolation(first);
  };
}

/** An observer that collects violations without stopping the run. */
export function collectingInvariantObserver(into: Violation[]): Observer {
  return (state, event) => {
    into.push(...checkEvent(state, event));
  };
}

type Report = (invariant: string, detail: string) => void;

function checkPlacement(task: Task, node: Node, report: Report): void {
  const label = `task ${task.id} (slot ${task.slot}) on ${node.description.hostname}`;
  if (!nodeMatchesConstraints(node, parseConstraints(task.spec.placement.constraints))) {
    const constraints = task.spec.placement.constraints.join(', ');
    report('placement-violates-constraints', `${label}: ${constraints}`);
  }
  if (node.status.state !== 'ready' || node.availability !== 'active') {
    report(
      'placement-on-unavailable-node',
      `${label}: node is ${node.status.state}/${node.availability}`,
    );
  }
}

/**
 * Reservations held on a node: tasks ASSIGNED..RUNNING there. A pre-assigned (global) task still
 * PENDING holds nothing until the scheduler confirms it, as in swarmkit.
 */
export function reservedOn(
  state: ClusterState,
  node: Node,
): { nanoCPUs: number; memoryBytes: number } {
  let nanoCPUs = 0;
  let memoryBytes = 0;
  for (const id of state.tasksByNode[node.id] ?? []) {
    const task = state.tasks[id]!;
    const value = TASK_STATE_NUMBER[task.status.state];
    if (value < TASK_STATE_NUMBER.assigned || value > TASK_STATE_NUMBER.running) continue;
    nanoCPUs += task.spec.resources.reservations.nanoCPUs;
    memoryBytes += task.spec.resources.reservations.memoryBytes;
  }
  return { nanoCPUs, memoryBytes };
}

function checkReservations(state: ClusterState, node: Node, report: Report): void {
  const reserved = reservedOn(state, node);
  const total = node.description.resources;
  if (reserved.nanoCPUs > total.nanoCPUs || reserved.memoryBytes > total.memoryBytes) {
    report(
      'node-overcommitted',
      `${node.description.hostname}: reserved ${reserved.nanoCPUs} NanoCPUs / ` +
        `${reserved.memoryBytes} B of ${total.nanoCPUs} / ${total.memoryBytes}`,
    );
  }
}

function checkForwardTransitions(task: Task, report: Report): void {
  for (let index = 1; index < task.transitions.length; index += 1) {
    const before = task.transitions[index - 1]!;
    const after = task.transitions[index]!;
    if (TASK_STATE_NUMBER[after.state] <= TASK_STATE_NUMBER[before.state] || after.at < before.at) {
      report('backward-transition', `task ${task.id}: ${before.state} -> ${after.state}`);
    }
  }
}

/**
 * At most one task per slot (per node for global services) that is meant to run (desired
 * RUNNING or READY) runs on a reachable node. Excluded, because swarmkit allows them:
 * - a task on a down node keeps its last reported state ("Running") while its replacement runs;
 * - a task already told to stop (desired SHUTDOWN/REMOVE) may still be in its stop grace period
 *   when a replacement starts (after the 1-minute wait, or an update overtaking another).
 * A start-first run keeps a slot's old task running until the new one is observed running, and
 * swarmkit leaves more such pairs behind: see start-first.ts. A rolling update working on the
 * slot lists it took at its start leaves two current-spec tasks in a slot: see stale-slots.ts.
 */
function checkOneRunningPerSlot(state: ClusterState, task: Task, report: Report): void {
  const service = state.services[task.serviceId];
  if (!service) return;
  const running = (state.tasksByService[task.serviceId] ?? []).filter((id) => {
    const other = state.tasks[id]!;
    if (other.status.state !== 'running') return false;
    if (TASK_STATE_NUMBER[other.desiredState] > TASK_STATE_NUMBER.running) return false;
    if (task.slot === 0 ? other.nodeId !== task.nodeId : other.slot !== task.slot) return false;
    return state.nodes[other.nodeId]?.status.state === 'ready';
  });
  if (running.length < 2) return;
  const pair = running.map((id) => state.tasks[id]!);
  if (startFirstAllows(service, task, pair)) return;
  if (staleSlotAllows(service, state.nodes[task.nodeId], pair)) return;
  const where = task.slot === 0 ? `node ${task.nodeId}` : `slot ${task.slot}`;
  const detail = `${service.spec.name} ${where}: tasks ${running.join(', ')} all running`;
  report('slot-runs-twice', detail);
}
