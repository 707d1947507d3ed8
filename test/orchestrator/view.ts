/**
 * Read-only queries over a test cluster: its tasks as `docker service ps` would list them, and
 * when things happened according to the event log.
 */
import type { Simulation } from '../../src/engine/simulation.js';
import type { LoggedEvent } from '../../src/model/events.js';
import { defaultServiceSpec } from '../../src/model/factory.js';
import { compareTaskStates } from '../../src/model/task-state.js';
import type { ServiceSpec, Task } from '../../src/model/types.js';

/** One row of `docker service ps`, reduced to what the tests compare. */
export interface TaskRow {
  slot: number;
  node: string;
  desired: string;
  observed: string;
}

/** Queries over the simulation and the log of every event it applied. */
export class ClusterView {
  constructor(
    readonly sim: Simulation,
    /** Every event applied so far, in log order. */
    readonly events: LoggedEvent[],
  ) {}

  get state() {
    return this.sim.state;
  }

  get now(): number {
    return this.sim.now;
  }

  nodeId(hostname: string): string {
    const { nodeIds, nodes } = this.state;
    const id = nodeIds.find((n) => nodes[n]!.description.hostname === hostname);
    if (!id) throw new Error(`no node ${hostname}`);
    return id;
  }

  hostname(nodeId: string): string {
    return this.state.nodes[nodeId]?.description.hostname ?? (nodeId ? '?' : '');
  }

  /** Tasks ever created for the service, deleted ones included, in creation order. */
  createdTasks(serviceId: string): Task[] {
    return this.events.flatMap((event) =>
      event.type === 'task/created' && event.task.serviceId === serviceId ? [event.task] : [],
    );
  }

  /** When the task's desired state became `desired`, or undefined if it never did. */
  desiredAt(taskId: string, desired: string): number | undefined {
    return this.events.find(
      (e) =>
        e.type === 'task/desiredStateChanged' && e.taskId === taskId && e.desiredState === desired,
    )?.t;
  }

  /** When the task was deleted, or undefined. */
  removedAt(taskId: string): number | undefined {
    return this.events.find((e) => e.type === 'task/removed' && e.taskId === taskId)?.t;
  }

  /** When the task was observed in `state`, or undefined. */
  observedAt(taskId: string, state: string): number | undefined {
    return this.events.find(
      (e) => e.type === 'task/stateChanged' && e.taskId === taskId && e.state === state,
    )?.t;
  }

  tasks(serviceId: string): Task[] {
    return (this.state.tasksByService[serviceId] ?? [])
      .map((id) => this.state.tasks[id])
      .filter((task): task is Task => task !== undefined);
  }

  /** Tasks with desired <= RUNNING, by slot then node: what the service is meant to run. */
  liveTasks(serviceId: string): Task[] {
    return this.tasks(serviceId)
      .filter((task) => compareTaskStates(task.desiredState, 'running') <= 0)
      .sort(
        (a, b) =>
          a.slot - b.slot || this.hostname(a.nodeId).localeCompare(this.hostname(b.nodeId)),
      );
  }

  /** `docker service ps`-like rows, by slot, then node, then creation order. */
  rows(serviceId: string): TaskRow[] {
    return this.tasks(serviceId)
      .map((task, index) => ({ task, index }))
      .sort((a, b) => a.task.slot - b.task.slot || a.index - b.index)
      .map(({ task }) => ({
        slot: task.slot,
        node: this.hostname(task.nodeId),
        desired: task.desiredState,
        observed: task.status.state,
      }));
  }

  /** Hostname of each slot's task with desired <= RUNNING, by slot. */
  placement(serviceId: string): Record<number, string> {
    const live = this.liveTasks(serviceId);
    return Object.fromEntries(live.map((t) => [t.slot, this.hostname(t.nodeId)]));
  }
}

/** A replicated spec with a few common knobs. */
export function spec(
  name: string,
  replicas: number,
  change: (spec: ServiceSpec) => void = () => {},
): ServiceSpec {
  const result = defaultServiceSpec(name, 'nginx:alpine', replicas);
  change(result);
  return result;
}

/** A global spec. */
export function globalSpec(
  name: string,
  change: (spec: ServiceSpec) => void = () => {},
): ServiceSpec {
  const result = defaultServiceSpec(name, 'nginx:alpine');
  result.mode = { global: {} };
  change(result);
  return result;
}
