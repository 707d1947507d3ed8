/**
 * A 3-manager, 2-worker swarm (Play with Docker's template, like the real fixtures) for fault,
 * raft and dispatcher tests, with every event recorded and every invariant checked.
 */
import { runDockerCommand } from '../../src/dockercli/run.js';
import type { Simulation } from '../../src/engine/simulation.js';
import { strictInvariantObserver } from '../../src/check/invariants.js';
import type { LoggedEvent } from '../../src/model/events.js';
import { nodeByHostname } from '../../src/model/state.js';
import type { Task } from '../../src/model/types.js';
import { createSwarm, type NodeDefinition } from '../../src/swarm.js';
import { injectFault } from '../../src/faults/inject.js';
import type { Fault } from '../../src/model/world.js';

export const FIVE_NODES: NodeDefinition[] = [
  { hostname: 'manager1', role: 'manager' },
  { hostname: 'manager2', role: 'manager' },
  { hostname: 'manager3', role: 'manager' },
  { hostname: 'worker1', role: 'worker' },
  { hostname: 'worker2', role: 'worker' },
];

export interface Cluster {
  sim: Simulation;
  events: LoggedEvent[];
  /** Node id by hostname. */
  id(hostname: string): string;
  /** Hostname by node id. */
  host(nodeId: string): string;
  /** Injects a fault now and lets the swarm react; returns the fault id. */
  inject(fault: Fault): string;
  /** Runs a docker command on `on` (default: manager1) now. */
  docker(line: string, on?: string): { stdout: string; stderr: string; exitCode: number };
  /** Tasks of a service by name, in creation order. */
  tasks(service: string): Task[];
  /** The running tasks of a service, by hostname. */
  runningOn(service: string): string[];
}

export function cluster(seed = 1, nodes: NodeDefinition[] = FIVE_NODES): Cluster {
  const events: LoggedEvent[] = [];
  const sim = createSwarm({
    seed,
    nodes,
    observers: [strictInvariantObserver(), (_state, event) => void events.push(event)],
  });
  const id = (hostname: string): string => {
    const node = nodeByHostname(sim.state, hostname);
    if (!node) throw new Error(`no node ${hostname}`);
    return node.id;
  };
  const host = (nodeId: string): string => sim.state.nodes[nodeId]?.description.hostname ?? nodeId;
  const tasks = (service: string): Task[] => {
    const found = sim.state.serviceIds.find((s) => sim.state.services[s]!.spec.name === service);
    return (sim.state.tasksByService[found ?? ''] ?? []).map((t) => sim.state.tasks[t]!);
  };
  return {
    sim,
    events,
    id,
    host,
    inject(fault) {
      const faultId = injectFault(sim.ctx, fault);
      if (typeof faultId !== 'string') throw new Error(faultId.refused);
      sim.runUntil(sim.now);
      return faultId;
    },
    docker(line, on = 'manager1') {
      sim.runUntil(sim.now);
      const out = runDockerCommand(sim.ctx, line.split(' '), { nodeId: id(on) });
      sim.runUntil(sim.now);
      return out;
    },
    tasks,
    runningOn: (service) =>
      tasks(service)
        .filter((task) => task.status.state === 'running')
        .map((task) => host(task.nodeId))
        .sort(),
  };
}

/** The events of `type` recorded so far. */
export function eventsOf<T extends LoggedEvent['type']>(
  events: readonly LoggedEvent[],
  type: T,
): Extract<LoggedEvent, { type: T }>[] {
  return events.filter((event): event is Extract<LoggedEvent, { type: T }> => event.type === type);
}
