/**
 * Liveness: once nothing else is going on, does every service run what it asks for? Judged
 * slot by slot (node by node for global services). A slot holds its replica when it runs a task
 * or has one on its way, or when its restart policy really forbids another attempt; fewer such
 * slots than replicas means the orchestrator stopped short. A task on its way may not be
 * PENDING while a node passes every scheduling filter for it (the scheduler's own pipeline is
 * asked) once the cluster has been quiet longer than the scheduler's debounce and batching:
 * that is a scheduler that failed to place it. Jobs are judged by their own orchestrator.
 */
import { replicaCount } from '../model/queries.js';
import type { ClusterState } from '../model/state.js';
import { listServices, tasksOfService } from '../model/state.js';
import { displayTaskState, TASK_STATE_NUMBER } from '../model/task-state.js';
import type { Service, SimTime, Task } from '../model/types.js';
import { cannotCommit } from '../raft/quorum.js';
import { nodeMatchesConstraints, parseConstraints } from '../scheduler/constraint.js';
import { buildNodeInfos, type NodeInfos } from '../scheduler/node-info.js';
import { Pipeline } from '../scheduler/pipeline.js';
import { SCHEDULER_SETTLE_MS, type ConvergenceWatch } from './watch.js';

export { ConvergenceWatch, SCHEDULER_SETTLE_MS } from './watch.js';

export interface ServiceConvergence {
  service: string;
  running: number;
  desired: number;
  /** Why each missing replica is missing; empty when the service converged. */
  pending: string[];
  /** What no acceptable reason explains, one line per slot; empty when none. */
  unexplained: string[];
  /** False when a shortfall has no acceptable explanation. */
  explained: boolean;
}

/** When the report is taken and what was watched up to then; without it, it is lenient. */
export interface ConvergenceContext {
  /** Virtual time of the report, ms. */
  now: SimTime;
  watch: ConvergenceWatch;
}

/** One entry per service: running, desired, and whether every shortfall is explained. */
export function convergenceReport(
  state: ClusterState,
  context?: ConvergenceContext,
): ServiceConvergence[] {
  // Pending tasks are judged only when the scheduler has had its chance and could commit.
  const settled =
    context !== undefined &&
    context.now - context.watch.lastChangeAt >= SCHEDULER_SETTLE_MS &&
    !cannotCommit(state);
  const judge: Judge = {
    state,
    infos: settled ? buildNodeInfos(state) : null,
    watch: context?.watch ?? null,
  };
  return listServices(state).map((service) => {
    const { running, desired } = replicaCount(state, service);
    const tasks = tasksOfService(state, service.id);
    const waiting = tasks.filter(
      (task) => task.desiredState === 'running' && task.status.state !== 'running',
    );
    const pending = waiting.map((task) => describeTask(service, task));
    const unexplained = isJob(service) ? [] : unexplainedSlots(judge, service, tasks);
    const explained = unexplained.length === 0;
    return { service: service.spec.name, running, desired, pending, unexplained, explained };
  });
}

/** One service's slot that nothing explains, as `convergenceFailures` lists it. */
export interface ConvergenceFailure {
  service: string;
  problem: string;
}

/** Every unexplained slot of every service at `context.now`, in service order; empty if none. */
export function convergenceFailures(
  state: ClusterState,
  context: ConvergenceContext,
): ConvergenceFailure[] {
  return convergenceReport(state, context).flatMap((entry) =>
    entry.unexplained.map((problem) => ({ service: entry.service, problem })),
  );
}

function isJob(service: Service): boolean {
  return 'replicatedJob' in service.spec.mode || 'globalJob' in service.spec.mode;
}

/** Every slot (replicated) or eligible node (global) without an acceptable state. */
function unexplainedSlots(judge: Judge, service: Service, tasks: readonly Task[]): string[] {
  const { state } = judge;
  const mode = service.spec.mode;
  const name = service.spec.name;
  const problems: string[] = [];
  const judgeHere = (where: string, slotTasks: readonly Task[]): Verdict => {
    const verdict = judgeSlot(judge, slotTasks);
    if (verdict.problem !== null) problems.push(`${name} ${where}: ${verdict.problem}`);
    return verdict;
  };
  if ('replicated' in mode) {
    // Slot numbers need not be 1..N after a scale-down, and a slot scaled away may keep some
    // history: judge the slots that exist, then count those that hold a task or are done.
    const bySlot = new Map<number, Task[]>();
    for (const task of tasks) bySlot.set(task.slot, [...(bySlot.get(task.slot) ?? []), task]);
    let held = 0;
    const empty: string[] = [];
    for (const slot of [...bySlot.keys()].sort((a, b) => a - b)) {
      const verdict = judgeHere(`slot ${slot}`, bySlot.get(slot)!);
      if (verdict.counts) held += 1;
      else if (verdict.emptied !== null) empty.push(`slot ${slot}: ${verdict.emptied}`);
    }
    // Slots swarmkit itself leaves empty after a quick scale down and up (watch.ts, lostSlots).
    const lost = judge.watch?.lostSlots(service.id).filter((slot) => !bySlot.has(slot)) ?? [];
    held += new Set(lost).size;
    const { replicas } = mode.replicated;
    if (held < replicas) {
      const why = empty.length > 0 ? ` (${empty.join('; ')})` : '';
      problems.push(`${name}: ${held} of ${replicas} slots hold a task${why}`);
    }
    return problems;
  }
  const constraints = parseConstraints(service.spec.task.placement.constraints);
  for (const nodeId of state.nodeIds) {
    const node = state.nodes[nodeId]!;
    const here = tasks.filter((task) => task.nodeId === nodeId);
    // The global orchestrator places on ready, active nodes that meet the constraints.
    const eligible =
      node.status.state === 'ready' &&
      node.availability === 'active' &&
      nodeMatchesConstraints(node, constraints);
    if (!eligible) continue;
    const where = `node ${node.description.hostname}`;
    const verdict = judgeHere(where, here);
    if (!verdict.counts) problems.push(`${name} ${where}: ${verdict.emptied ?? 'no task'}`);
  }
  return problems;
}

/** What every slot is judged with. */
interface Judge {
  state: ClusterState;
  /** Node infos for the filter pipeline; null while pending tasks are not judged. */
  infos: NodeInfos | null;
  watch: ConvergenceWatch | null;
}

interface Verdict {
  /** The slot holds a task meant to run, or is done for good. */
  counts: boolean;
  /** A task PENDING although a node could take it, or null. */
  problem: string | null;
  /** How a slot that does not count ended (its last task), or null. */
  emptied: string | null;
}

/** Whether a slot runs or has a task on its way, is done for good, or was scaled away. */
function judgeSlot(judge: Judge, tasks: readonly Task[]): Verdict {
  const { state, infos } = judge;
  const meant = tasks.filter(
    (task) => TASK_STATE_NUMBER[task.desiredState] <= TASK_STATE_NUMBER.running,
  );
  if (meant.length > 0) {
    return { counts: true, problem: stuckPending(state, meant, infos), emptied: null };
  }
  const last = newest(tasks);
  if (last === undefined) return { counts: false, problem: null, emptied: null };
  // A slot scaled away ends with a task desired REMOVE: it is owed nothing, and not counted.
  const done = last.desiredState !== 'remove' && stoppedForGood(last, judge.watch);
  const emptied = `last task ${last.id} ${lastWords(last)}, no replacement`;
  return { counts: done, problem: null, emptied: done ? null : emptied };
}

/** A PENDING task some node could take, once the scheduler has had its chance; else null. */
function stuckPending(
  state: ClusterState,
  meant: readonly Task[],
  infos: NodeInfos | null,
): string | null {
  if (infos === null) return null;
  for (const task of meant) {
    if (task.status.state !== 'pending') continue;
    const fits = nodeThatFits(infos, task);
    if (fits !== null) {
      const hostname = state.nodes[fits]?.description.hostname ?? fits;
      return `task ${task.id} is pending although ${hostname} passes every filter`;
    }
  }
  return null;
}

/** The id of a node passing every scheduling filter for `task` (its own node when preassigned). */
export function nodeThatFits(infos: NodeInfos, task: Task): string | null {
  const pipeline = new Pipeline();
  pipeline.setTask(task);
  const preassigned = task.nodeId === '' ? null : infos.byId.get(task.nodeId);
  const candidates = task.nodeId === '' ? infos.list : preassigned ? [preassigned] : [];
  return candidates.find((info) => pipeline.process(info))?.node.id ?? null;
}

function newest(tasks: readonly Task[]): Task | undefined {
  let latest: Task | undefined;
  for (const task of tasks) if (!latest || task.createdAt >= latest.createdAt) latest = task;
  return latest;
}

/**
 * Whether the slot's restart policy forbids another attempt after `last`, whatever its observed
 * state (a task shut down on a lost node is judged alike, as swarmkit does): condition none,
 * on-failure after a clean exit, or MaxAttempts restarts of this spec already made (within the
 * window when one is set), as the watch counted them. Without a watch MaxAttempts is taken as
 * spent: the tasks left in the state cannot tell (reaped, scaled away).
 */
function stoppedForGood(last: Task, watch: ConvergenceWatch | null): boolean {
  const policy = last.spec.restart;
  if (policy.condition === 'none') return true;
  if (policy.condition === 'on-failure' && last.status.state === 'complete') return true;
  if (policy.maxAttempts === 0) return false;
  if (watch === null) return true;
  const endedAt = last.status.timestamp;
  const counted = watch
    .restartsOf(last)
    .filter((at) => policy.windowMs === 0 || (at > endedAt - policy.windowMs && at < endedAt));
  return counted.length >= policy.maxAttempts;
}

function lastWords(task: Task): string {
  return `is ${task.status.state} (desired ${task.desiredState})`;
}

function describeTask(service: Service, task: Task): string {
  const instance = task.slot === 0 ? task.nodeId : String(task.slot);
  const name = `${service.spec.name}.${instance}`;
  const err = task.status.err ? `: ${task.status.err}` : '';
  return `${name} is ${displayTaskState(task.status.state)}${err}`;
}
