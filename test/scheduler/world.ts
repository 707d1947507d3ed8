/**
 * A hand-built cluster for scheduler tests: events folded straight into a ClusterState, with
 * readable ids (`node-a`, `svc-web`, `task-web-1`) so failures are easy to read.
 */
import type { LoggedEvent, SimEvent } from '../../src/model/events.js';
import {
  buildNode,
  buildTask,
  defaultServiceSpec,
  type NodeOptions,
} from '../../src/model/factory.js';
import { applyEvent } from '../../src/model/reduce.js';
import { emptyClusterState, type ClusterState } from '../../src/model/state.js';
import type { TaskState } from '../../src/model/task-state.js';
import type { Node, Service, ServiceSpec, Task } from '../../src/model/types.js';
import { planAssignments, type Plan, type PlanOptions } from '../../src/scheduler/plan.js';

export const GIB = 1024 ** 3;
export const CPU = 1e9;

export type NodeSetup = Partial<Omit<NodeOptions, 'id' | 'hostname'>> & {
  status?: Node['status']['state'];
};

export interface TaskSetup {
  slot?: number;
  nodeId?: string;
  /** Observed state to bring the task to; default `pending`. */
  state?: TaskState;
  desiredState?: TaskState;
  specVersion?: number;
}

export class World {
  readonly state: ClusterState = emptyClusterState();
  now = 0;
  private taskCount = 0;

  apply(event: SimEvent): void {
    applyEvent(this.state, { t: this.now, ...event } as LoggedEvent);
  }

  node(hostname: string, setup: NodeSetup = {}): Node {
    const index = this.state.nodeIds.length;
    const node = buildNode(
      { role: 'worker', addr: `10.0.0.${index + 1}`, ...setup, id: `node-${hostname}`, hostname },
      this.now,
    );
    if (setup.status) node.status.state = setup.status;
    this.apply({ type: 'node/joined', node });
    return this.state.nodes[node.id]!;
  }

  service(name: string, edit: (spec: ServiceSpec) => void = () => {}, replicas = 1): Service {
    const spec = defaultServiceSpec(name, 'nginx:alpine', replicas);
    edit(spec);
    const service: Service = {
      id: `svc-${name}`,
      version: 0,
      createdAt: this.now,
      updatedAt: this.now,
      spec,
      specVersion: 1,
      previousSpec: null,
      previousSpecVersion: null,
      updateStatus: null,
      endpointPorts: [],
    };
    this.apply({ type: 'service/created', service });
    return this.state.services[service.id]!;
  }

  /** Creates a task of `service` and walks it to `setup.state` (pending by default). */
  task(service: Service, setup: TaskSetup = {}): Task {
    this.taskCount += 1;
    const slot = setup.slot ?? this.taskCount;
    const id = `task-${service.spec.name}-${String(this.taskCount).padStart(3, '0')}`;
    const preassigned = setup.nodeId !== undefined && setup.slot === 0;
    const task = buildTask(
      {
        id,
        serviceId: service.id,
        spec: this.state.services[service.id]!.spec,
        specVersion: setup.specVersion ?? service.specVersion,
        slot,
        nodeId: preassigned ? setup.nodeId : undefined,
        desiredState: setup.desiredState,
        origin: 'orchestrator',
      },
      this.now,
    );
    this.apply({ type: 'task/created', task });
    this.moveTask(id, 'pending');
    const target = setup.state ?? 'pending';
    if (target !== 'pending') {
      this.apply({ type: 'task/assigned', taskId: id, nodeId: setup.nodeId!, message: 'test' });
      if (target !== 'assigned') this.moveTask(id, target);
    }
    return this.state.tasks[id]!;
  }

  /** `count` pending tasks of `service` with slots 1..count. */
  pendingTasks(service: Service, count: number): Task[] {
    return Array.from({ length: count }, (_, index) => this.task(service, { slot: index + 1 }));
  }

  moveTask(taskId: string, state: TaskState): void {
    const event = { taskId, state, message: state, err: '', exitCode: null };
    this.apply({ type: 'task/stateChanged', ...event });
  }

  /** The pass the scheduler would run now over every pending task. */
  plan(options: PlanOptions = {}): Plan {
    const tasks = Object.values(this.state.tasks).filter((task) => task.status.state === 'pending');
    tasks.sort((a, b) => (a.id < b.id ? -1 : 1));
    return planAssignments(this.state, tasks, this.now, options);
  }

  /** Applies a plan's assignments as the component would. */
  applyPlan(plan: Plan): void {
    for (const assignment of plan.assignments) this.apply({ type: 'task/assigned', ...assignment });
  }
}

/** How many of the plan's assignments went to each node, keyed by hostname. */
export function perNode(world: World, plan: Plan): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { nodeId } of plan.assignments) {
    const hostname = world.state.nodes[nodeId]!.description.hostname;
    counts[hostname] = (counts[hostname] ?? 0) + 1;
  }
  return counts;
}

/** The error each unschedulable task got. */
export function errors(plan: Plan): string[] {
  return plan.unschedulable.map((entry) => entry.err);
}
