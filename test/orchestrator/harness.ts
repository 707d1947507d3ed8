/**
 * A small cluster for orchestrator tests: the real allocator, orchestrators, enforcer and reaper
 * with the fake scheduler and agent from fakes.ts, plus the control-API-like actions tests need.
 */
import { Simulation, type Component } from '../../src/engine/simulation.js';
import type { LoggedEvent } from '../../src/model/events.js';
import { buildNode } from '../../src/model/factory.js';
import type {
  NodeAvailability,
  NodeStatusState,
  Service,
  ServiceSpec,
} from '../../src/model/types.js';
import { compareTaskStates } from '../../src/model/task-state.js';
import { createAllocator } from '../../src/orchestrator/allocator.js';
import { createConstraintEnforcer } from '../../src/orchestrator/constraint-enforcer.js';
import { createGlobalOrchestrator } from '../../src/orchestrator/global.js';
import { createTaskReaper } from '../../src/orchestrator/reaper.js';
import { createReplicatedOrchestrator } from '../../src/orchestrator/replicated.js';
import { createFakeAgent, createFakeScheduler, type FakeAgentOptions } from './fakes.js';
import { ClusterView } from './view.js';

export { globalSpec, spec } from './view.js';

export interface TestNode {
  hostname: string;
  labels?: Record<string, string>;
  cpus?: number;
  memoryBytes?: number;
  availability?: NodeAvailability;
}

export interface TestClusterOptions {
  nodes: TestNode[];
  taskHistoryRetentionLimit?: number;
  agent?: FakeAgentOptions;
}

/** The cluster under test, with the actions a control API and the operator would take. */
export class TestCluster extends ClusterView {
  private nodeCount = 0;

  constructor(options: TestClusterOptions) {
    const events: LoggedEvent[] = [];
    const components: Component[] = [
      createAllocator(),
      createReplicatedOrchestrator(),
      createGlobalOrchestrator(),
      createConstraintEnforcer(),
      createTaskReaper(),
      createFakeScheduler(),
      createFakeAgent(options.agent),
    ];
    super(
      new Simulation({ seed: 7, components, observers: [(_state, event) => events.push(event)] }),
      events,
    );
    this.sim.emit({
      type: 'cluster/initialized',
      clusterId: this.sim.ctx.newId('cluster'),
      taskHistoryRetentionLimit: options.taskHistoryRetentionLimit ?? 5,
      heartbeatPeriodMs: 5000,
    });
    for (const node of options.nodes) this.addNode(node);
    this.settle();
  }

  /** Runs `ms` of virtual time. */
  run(ms: number): void {
    this.sim.runUntil(this.sim.now + ms);
  }

  /** Delivers the events emitted from outside so far, without moving time. */
  settle(): void {
    this.sim.runUntil(this.sim.now);
  }

  addNode(node: TestNode): string {
    const id = this.sim.ctx.newId('node');
    const built = buildNode(
      {
        id,
        hostname: node.hostname,
        role: this.nodeCount === 0 ? 'manager' : 'worker',
        addr: `192.168.0.${11 + this.nodeCount}`,
        labels: node.labels,
        nanoCPUs: node.cpus === undefined ? undefined : node.cpus * 1e9,
        memoryBytes: node.memoryBytes,
        availability: node.availability,
        leader: this.nodeCount === 0,
      },
      this.sim.now,
    );
    this.nodeCount += 1;
    this.sim.emit({ type: 'node/joined', node: built });
    this.settle();
    return id;
  }

  /** Creates a service from `spec` (see `spec()` for a default one) and returns its id. */
  createService(spec: ServiceSpec): string {
    const service: Service = {
      id: this.sim.ctx.newId('service'),
      version: 0,
      createdAt: this.now,
      updatedAt: this.now,
      spec,
      specVersion: this.state.version + 1,
      previousSpec: null,
      previousSpecVersion: null,
      updateStatus: null,
      endpointPorts: [],
    };
    this.sim.emit({ type: 'service/created', service });
    this.settle();
    return service.id;
  }

  /** Applies `change` to a copy of the spec and records it as an update (scale included). */
  updateService(serviceId: string, change: (spec: ServiceSpec) => void): void {
    const service = this.state.services[serviceId]!;
    const spec = structuredClone(service.spec);
    change(spec);
    this.sim.emit({
      type: 'service/updated',
      serviceId,
      spec,
      specVersion: this.state.version + 1,
      previousSpec: structuredClone(service.spec),
      previousSpecVersion: service.specVersion,
      updateStatus: null,
      endpointPorts: service.endpointPorts,
    });
    this.settle();
  }

  scale(serviceId: string, replicas: number): void {
    this.updateService(serviceId, (spec) => {
      spec.mode = { replicated: { replicas } };
    });
  }

  removeService(serviceId: string): void {
    this.sim.emit({ type: 'service/removed', serviceId });
    this.settle();
  }

  setAvailability(hostname: string, availability: NodeAvailability): void {
    const nodeId = this.nodeId(hostname);
    this.sim.emit({ type: 'node/availabilityChanged', nodeId, availability });
    this.settle();
  }

  setStatus(hostname: string, state: NodeStatusState): void {
    const message = state === 'down' ? 'heartbeat failure' : '';
    this.sim.emit({ type: 'node/statusChanged', nodeId: this.nodeId(hostname), state, message });
    this.settle();
  }

  setLabels(hostname: string, labels: Record<string, string>): void {
    this.sim.emit({ type: 'node/labelsChanged', nodeId: this.nodeId(hostname), labels });
    this.settle();
  }

  /** `docker node rm --force`: tasks below COMPLETE become ORPHANED, then the node goes. */
  removeNode(hostname: string): void {
    const nodeId = this.nodeId(hostname);
    for (const taskId of [...(this.state.tasksByNode[nodeId] ?? [])]) {
      const task = this.state.tasks[taskId]!;
      if (compareTaskStates(task.status.state, 'complete') >= 0) continue;
      this.sim.emit({
        type: 'task/stateChanged',
        taskId,
        state: 'orphaned',
        message: 'Task belonged to a node that has been deleted',
        err: '',
        exitCode: null,
      });
    }
    this.sim.emit({ type: 'node/removed', nodeId });
    this.settle();
  }

  /** The container of `taskId` exits now with `exitCode`. */
  exitTask(taskId: string, exitCode: number): void {
    this.sim.emit({
      type: 'task/stateChanged',
      taskId,
      state: exitCode === 0 ? 'complete' : 'failed',
      message: exitCode === 0 ? 'finished' : 'started',
      err: exitCode === 0 ? '' : `task: non-zero exit (${exitCode})`,
      exitCode,
    });
    this.settle();
  }

}
