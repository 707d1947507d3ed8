/**
 * One scheduling pass as a pure function of the state (swarmkit's `processPreassignedTasks` then
 * `tick`): researchers and property tests call it without the engine, and the scheduler
 * component emits its result as events.
 *
 * Order, which decides who gets a contended node:
 * 1. pending pre-assigned (global) tasks, in the order given, each against its own node only;
 * 2. unassigned pending tasks, grouped by (service, spec version); groups in service creation
 *    order then spec version ascending (swarmkit: Go map order); within a group, tasks by slot
 *    ascending then id, so low slots get the best nodes.
 */
import type { ClusterState } from '../model/state.js';
import { TASK_STATE_NUMBER } from '../model/task-state.js';
import type { SimTime, Task } from '../model/types.js';
import type { FailureHistory } from './failures.js';
import {
  addTaskToNode,
  buildNodeInfos,
  focusOnService,
  isActive,
  type NodeInfoCache,
  type NodeInfos,
} from './node-info.js';
import { VolumeSet } from './filters/volumes-set.js';
import { defaultFilters, Pipeline } from './pipeline.js';
import { remainingTasks, withExtras, type Assignment, type Batch } from './place.js';
import { buildDecisionTree, placeOnSubtree } from './spread.js';

export type { Assignment } from './place.js';

/** Status message of a pre-assigned task the scheduler confirmed (swarmkit's text). */
export const PREASSIGNED_MESSAGE = 'scheduler confirmed task can run on preassigned node';

/** What one pass decided. */
export interface Plan {
  /** Tasks to move to ASSIGNED on a node, in decision order. */
  assignments: Assignment[];
  /** Tasks that stay PENDING with this error (it may equal the one they already have). */
  unschedulable: { taskId: string; err: string }[];
  /** Pending tasks of an older spec version, desired SHUTDOWN or later: straight to SHUTDOWN. */
  shutdown: string[];
}

/** Inputs of a pass that are not in the cluster state. */
export interface PlanOptions {
  /** Recent failures per node; none when omitted (swarmkit's leader memory). */
  failures?: FailureHistory;
  /** Node infos kept between passes (the component's cache); built fresh when omitted. */
  nodeInfos?: NodeInfoCache;
}

const NO_FAILURES: FailureHistory = { countsByNode: () => new Map() };

/** Plans placements for the pending tasks among `tasks` (others are ignored) at time `now`. */
export function planAssignments(
  state: ClusterState,
  tasks: readonly Task[],
  now: SimTime,
  options: PlanOptions = {},
): Plan {
  const plan: Plan = { assignments: [], unschedulable: [], shutdown: [] };
  const pending = tasks.filter((task) => task.status.state === 'pending');
  if (pending.length === 0) return plan;
  const infos = options.nodeInfos?.build(state) ?? buildNodeInfos(state);
  const volumes = VolumeSet.build(state);
  const pipeline = new Pipeline(defaultFilters(volumes));
  for (const task of pending) {
    if (task.nodeId !== '' && isActive(task)) {
      confirmPreassigned(task, infos, { pipeline, volumes }, plan);
    }
  }
  const groups = groupUnassigned(state, pending, plan);
  const failures = options.failures ?? NO_FAILURES;
  for (const group of groups) {
    scheduleGroup(state, group, infos, { pipeline, volumes }, { failures, now }, plan);
  }
  return plan;
}

/** The pass's pipeline and the volume set its VolumesFilter reads. */
interface Filters {
  pipeline: Pipeline;
  volumes: VolumeSet;
}

function confirmPreassigned(task: Task, infos: NodeInfos, filters: Filters, plan: Plan): void {
  const info = infos.byId.get(task.nodeId);
  // Its node is gone: the global orchestrator deletes such tasks, nothing to decide here.
  if (!info) return;
  const { pipeline, volumes } = filters;
  pipeline.setTask(task);
  if (pipeline.process(info)) {
    const generic = addTaskToNode(info, task);
    const assignment = { taskId: task.id, nodeId: info.node.id, message: PREASSIGNED_MESSAGE };
    plan.assignments.push(withExtras(assignment, generic, volumes, task, info));
  } else {
    plan.unschedulable.push({ taskId: task.id, err: pipeline.explain() });
  }
}

/**
 * Unassigned tasks worth placing, grouped. Tasks desired past COMPLETE are not placed (SWARM.md
 * 5.1); those of another spec version go straight to SHUTDOWN, which is what swarmkit does when
 * it cannot place them (5.3), and the outcome it reaches anyway when it can: the agent shuts down
 * an assigned task that is desired SHUTDOWN. "Another" rather than "older": after an automatic
 * rollback the service is back on the previous version, so a replacement built from the
 * abandoned spec carries a newer one and must not stay pending forever (it would hold its slot
 * and the rollback would never complete). Tasks of a removed service are left alone.
 */
function groupUnassigned(state: ClusterState, pending: readonly Task[], plan: Plan): Task[][] {
  const byKey = new Map<string, Task[]>();
  for (const task of pending) {
    const service = state.services[task.serviceId];
    if (task.nodeId !== '' || !service) continue;
    if (!isActive(task)) {
      if (isOtherVersion(state, task) && isShutdownOrLater(task)) plan.shutdown.push(task.id);
      continue;
    }
    const key = `${task.serviceId}\u0000${task.specVersion}`;
    const group = byKey.get(key);
    if (group) group.push(task);
    else byKey.set(key, [task]);
  }
  const serviceOrder = new Map(state.serviceIds.map((id, index) => [id, index]));
  const groups = [...byKey.values()].sort(
    (a, b) =>
      serviceOrder.get(a[0]!.serviceId)! - serviceOrder.get(b[0]!.serviceId)! ||
      a[0]!.specVersion - b[0]!.specVersion,
  );
  for (const group of groups) group.sort(compareSlotThenId);
  return groups;
}

function compareSlotThenId(a: Task, b: Task): number {
  if (a.slot !== b.slot) return a.slot - b.slot;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function isOtherVersion(state: ClusterState, task: Task): boolean {
  const service = state.services[task.serviceId];
  return service !== undefined && service.specVersion !== task.specVersion;
}

function isOlderVersion(state: ClusterState, task: Task): boolean {
  const service = state.services[task.serviceId];
  return service !== undefined && service.specVersion > task.specVersion;
}

function isShutdownOrLater(task: Task): boolean {
  return TASK_STATE_NUMBER[task.desiredState] >= TASK_STATE_NUMBER.shutdown;
}

interface FailureContext {
  failures: FailureHistory;
  now: SimTime;
}

/** Places one group as a batch (SWARM.md 5.5, 5.6) and explains what is left over. */
function scheduleGroup(
  state: ClusterState,
  group: Task[],
  infos: NodeInfos,
  filters: Filters,
  context: FailureContext,
  plan: Plan,
): void {
  const { pipeline, volumes } = filters;
  const sample = group[0]!;
  pipeline.setTask(sample);
  const failures = context.failures.countsByNode(sample.serviceId, sample.specVersion, context.now);
  focusOnService(infos, sample.serviceId, failures);
  const batch: Batch = {
    pipeline,
    tasks: group,
    next: 0,
    assignments: plan.assignments,
    volumes,
  };
  const preferences = sample.spec.placement.preferences;
  const tree = buildDecisionTree(infos.list, preferences, group.length, pipeline);
  placeOnSubtree(batch, group.length, tree);
  if (remainingTasks(batch) === 0) return;
  const explanation = pipeline.explain();
  const err = explanation === '' ? 'no suitable node' : `no suitable node (${explanation})`;
  for (const task of group.slice(batch.next)) {
    // swarmkit leaves an unplaceable task of an older spec version still desired running
    // unexplained (the updater is about to replace it). It also stops retrying it until the
    // task changes; swarmsim simply retries it on the next pass, like any pending task.
    if (isOlderVersion(state, task)) continue;
    plan.unschedulable.push({ taskId: task.id, err });
  }
}
