/**
 * Questions about a cluster state asked the way the docker CLI answers them (`service ls`
 * REPLICAS, `service ps` rows, `node ls` words). Expectations and the CLI summary share them, so
 * what a scenario checks is exactly what the summary prints. REPLICAS itself is counted in the
 * model (`model/queries.ts`), shared with the docker CLI view, and re-exported here.
 */
import type { ClusterState } from '../model/state.js';
import { nodeByHostname, serviceByName, tasksOfService } from '../model/state.js';
import { compareTaskStates, displayTaskState, isTerminal } from '../model/task-state.js';
import type { Node, Service, Task } from '../model/types.js';

/**
 * Tasks the swarm currently wants for the service: desired state at most RUNNING (not being
 * shut down) and not yet ended. Completed tasks of a restart-none service are not counted.
 */
export function currentTasks(state: ClusterState, service: Service): Task[] {
  return tasksOfService(state, service.id).filter(
    (task) =>
      compareTaskStates(task.desiredState, 'running') <= 0 && !isTerminal(task.status.state),
  );
}

/** Every task of a replicated slot (history included), oldest first. */
export function slotTasks(state: ClusterState, service: Service, slot: number): Task[] {
  return tasksOfService(state, service.id).filter((task) => task.slot === slot);
}

/** Every task of a global service on one node (history included), oldest first. */
export function globalNodeTasks(state: ClusterState, service: Service, nodeId: string): Task[] {
  const tasks = tasksOfService(state, service.id);
  return tasks.filter((task) => task.slot === 0 && task.nodeId === nodeId);
}

/** The newest of a slot's tasks: the one `service ps` lists first. */
export function newestTask(tasks: readonly Task[]): Task | undefined {
  // tasksByService is in creation order, so the last one is the newest.
  return tasks.at(-1);
}

/** `pinger.2`, or `pinger.<nodeId>` for a global task, as docker names tasks. */
export function taskName(service: Service, task: Task): string {
  return `${service.spec.name}.${task.slot > 0 ? task.slot : task.nodeId}`;
}

/** The hostname a task is on, or `` when it is not assigned. */
export function taskHostname(state: ClusterState, task: Task): string {
  return task.nodeId ? (state.nodes[task.nodeId]?.description.hostname ?? task.nodeId) : '';
}

/** A task's observed state as docker prints it: `Running`, `Pending`... */
export function taskStateWord(task: Task): string {
  return displayTaskState(task.status.state);
}

/** `Ready`, `Down`... as `node ls` STATUS. */
export function nodeStatusWord(node: Node): string {
  return capitalise(node.status.state);
}

/** `Active`, `Pause`, `Drain` as `node ls` AVAILABILITY. */
export function nodeAvailabilityWord(node: Node): string {
  return capitalise(node.availability);
}

/** `Leader`, `Reachable`, `Unreachable` or `` as `node ls` MANAGER STATUS. */
export function managerStatusWord(node: Node): string {
  if (!node.managerStatus) return '';
  return node.managerStatus.leader ? 'Leader' : capitalise(node.managerStatus.reachability);
}

/** The service called `name`, if any. */
export function findService(state: ClusterState, name: string): Service | undefined {
  return serviceByName(state, name);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * The tasks of a slot as a sentence names it: a replicated slot by number, or a global
 * service's tasks on the node with that hostname (or ID).
 */
export function taskSlot(state: ClusterState, service: Service, slot: string): Task[] {
  if (/^\d+$/.test(slot)) return slotTasks(state, service, Number(slot));
  const byId = Object.hasOwn(state.nodes, slot) ? state.nodes[slot] : undefined;
  const node = nodeByHostname(state, slot) ?? byId;
  return node ? globalNodeTasks(state, service, node.id) : [];
}
