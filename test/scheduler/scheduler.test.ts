import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import type { LoggedEvent } from '../../src/model/events.js';
import {
  buildNode,
  buildTask,
  defaultServiceSpec,
  type NodeOptions,
} from '../../src/model/factory.js';
import type { Service, ServiceSpec, Task } from '../../src/model/types.js';
import { createAllocator } from '../../src/orchestrator/allocator.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { CPU } from './world.js';

/** A simulation with only the allocator and the scheduler, driven by hand-made events. */
class Harness {
  readonly events: LoggedEvent[] = [];
  readonly sim = new Simulation({
    seed: 7,
    components: [createAllocator(), createScheduler()],
    observers: [(_state, event) => this.events.push(event)],
  });
  private taskCount = 0;

  node(hostname: string, options: Partial<NodeOptions> = {}): string {
    const id = `node-${hostname}`;
    const full = { id, hostname, role: 'worker' as const, addr: '10.0.0.1', ...options };
    const node = buildNode(full, this.sim.now);
    this.sim.emit({ type: 'node/joined', node });
    return id;
  }

  service(name: string, edit: (spec: ServiceSpec) => void = () => {}): Service {
    const spec = defaultServiceSpec(name, 'nginx:alpine');
    edit(spec);
    const service: Service = {
      id: `svc-${name}`,
      version: 0,
      createdAt: this.sim.now,
      updatedAt: this.sim.now,
      spec,
      specVersion: 1,
      previousSpec: null,
      previousSpecVersion: null,
      updateStatus: null,
      endpointPorts: [],
    };
    this.sim.emit({ type: 'service/created', service });
    return service;
  }

  /** Creates a task; the allocator makes it pending in the same instant. */
  task(service: Service, nodeId?: string): string {
    this.taskCount += 1;
    const id = `task-${this.taskCount}`;
    const current = this.sim.state.services[service.id]!;
    const task = buildTask(
      {
        id,
        serviceId: service.id,
        spec: current.spec,
        specVersion: current.specVersion,
        slot: nodeId ? 0 : this.taskCount,
        nodeId,
        origin: 'orchestrator',
      },
      this.sim.now,
    );
    this.sim.emit({ type: 'task/created', task });
    return id;
  }

  at(time: number, action: () => void): void {
    this.sim.at(time, 'test', action);
  }

  get(taskId: string): Task {
    return this.sim.state.tasks[taskId]!;
  }

  /** When the task entered `state`, or undefined. */
  enteredAt(taskId: string, state: string): number | undefined {
    return this.get(taskId).transitions.find((transition) => transition.state === state)?.at;
  }

  move(taskId: string, state: Task['status']['state']): void {
    const event = { taskId, state, message: state, err: '', exitCode: null };
    this.sim.emit({ type: 'task/stateChanged', ...event });
  }

  relabel(nodeId: string, value: string): void {
    this.sim.emit({ type: 'node/labelsChanged', nodeId, labels: { value } });
  }

  activate(nodeId: string): void {
    this.sim.emit({ type: 'node/availabilityChanged', nodeId, availability: 'active' });
  }

  count(type: LoggedEvent['type']): number {
    return this.events.filter((event) => event.type === type).length;
  }
}

describe('the scheduler component', () => {
  it('assigns a new task 50 ms after it becomes pending', () => {
    const harness = new Harness();
    harness.node('a');
    const task = harness.task(harness.service('web'));
    harness.sim.runUntil(1000);
    expect(harness.enteredAt(task, 'pending')).toBe(0);
    expect(harness.enteredAt(task, 'assigned')).toBe(50);
    expect(harness.get(task).nodeId).toBe('node-a');
    expect(harness.get(task).status.message).toBe('scheduler assigned task to node');
  });

  it('keeps debouncing while changes come, but runs within 1 s of the first one', () => {
    const harness = new Harness();
    harness.node('a');
    const task = harness.task(harness.service('web'));
    for (let time = 40; time <= 2000; time += 40) {
      harness.at(time, () =>
        harness.relabel('node-a', `${time}`),
      );
    }
    harness.sim.runUntil(3000);
    expect(harness.enteredAt(task, 'assigned')).toBe(1000);
  });

  it('retries a pending task only when something relevant changes', () => {
    const harness = new Harness();
    harness.node('a', { availability: 'drain' });
    const task = harness.task(harness.service('web'));
    harness.sim.runUntil(10_000);
    expect(harness.get(task).status.state).toBe('pending');
    const err = 'no suitable node (1 node not available for new tasks)';
    expect(harness.get(task).status.err).toBe(err);
    harness.at(20_000, () =>
      harness.activate('node-a'),
    );
    harness.sim.runUntil(30_000);
    expect(harness.enteredAt(task, 'assigned')).toBe(20_050);
  });

  it('does not re-emit an unchanged error', () => {
    const harness = new Harness();
    harness.node('a', { availability: 'drain' });
    harness.task(harness.service('web'));
    for (let time = 1000; time <= 5000; time += 1000) {
      harness.at(time, () =>
        harness.relabel('node-a', `${time}`),
      );
    }
    harness.sim.runUntil(10_000);
    expect(harness.count('task/unschedulable')).toBe(1);
  });

  it('places a replacement on a full node only once the old task is observed stopped', () => {
    const harness = new Harness();
    harness.node('a', { nanoCPUs: CPU });
    const service = harness.service('web', (spec) => {
      spec.task.resources.reservations.nanoCPUs = CPU;
    });
    const old = harness.task(service);
    harness.sim.runUntil(100);
    harness.move(old, 'running');
    const replacement = harness.task(service);
    harness.sim.emit({ type: 'task/desiredStateChanged', taskId: old, desiredState: 'shutdown' });
    harness.sim.runUntil(5000);
    expect(harness.get(replacement).status.err).toBe(
      'no suitable node (insufficient resources on 1 node)',
    );
    harness.at(6000, () => harness.move(old, 'shutdown'));
    harness.sim.runUntil(7000);
    expect(harness.enteredAt(replacement, 'assigned')).toBe(6050);
  });

  it('confirms a global task on its node, or explains without a prefix', () => {
    const harness = new Harness();
    harness.node('a');
    harness.node('b', { availability: 'drain' });
    const service = harness.service('agent', (spec) => (spec.mode = { global: {} }));
    const onA = harness.task(service, 'node-a');
    const onB = harness.task(service, 'node-b');
    harness.sim.runUntil(1000);
    expect(harness.get(onA).status.state).toBe('assigned');
    const message = 'scheduler confirmed task can run on preassigned node';
    expect(harness.get(onA).status.message).toBe(message);
    expect(harness.get(onB).status.state).toBe('pending');
    expect(harness.get(onB).status.err).toBe('1 node not available for new tasks');
  });

  it('moves a pending task of an older version to SHUTDOWN once it is desired shut down', () => {
    const harness = new Harness();
    harness.node('a', { availability: 'drain' });
    const service = harness.service('web');
    const old = harness.task(service);
    harness.sim.runUntil(1000);
    harness.sim.emit({
      type: 'service/updated',
      serviceId: service.id,
      spec: service.spec,
      specVersion: 2,
      previousSpec: service.spec,
      previousSpecVersion: 1,
      updateStatus: null,
      endpointPorts: [],
    });
    harness.sim.emit({ type: 'task/desiredStateChanged', taskId: old, desiredState: 'shutdown' });
    harness.sim.runUntil(2000);
    expect(harness.get(old).status.state).toBe('shutdown');
    expect(harness.enteredAt(old, 'shutdown')).toBe(1050);
    expect(harness.get(old).status.err).toBe('');
  });

  it('ranks a node last after 5 failures of the service there, learnt from events', () => {
    const failOn = (harness: Harness, service: Service, times: number): void => {
      for (let index = 0; index < times; index += 1) {
        const task = harness.task(service);
        harness.sim.runUntil(harness.sim.now + 100);
        expect(harness.get(task).nodeId).toBe('node-a');
        harness.move(task, 'failed');
      }
    };
    for (const [failures, expected] of [
      [4, 'node-a'],
      [5, 'node-b'],
    ] as const) {
      const harness = new Harness();
      harness.node('a');
      harness.node('b', { availability: 'drain' });
      const service = harness.service('web');
      failOn(harness, service, failures);
      harness.activate('node-b');
      const next = harness.task(service);
      harness.sim.runUntil(harness.sim.now + 100);
      expect(harness.get(next).nodeId).toBe(expected);
    }
  });
});
