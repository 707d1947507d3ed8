/**
 * A small simulated swarm for API and docker CLI tests: nodes joined, no timers run, so only
 * the events the code under test emits follow the set-up.
 */
import type { LoggedEvent } from '../../src/model/events.js';
import { createSwarm, type NodeDefinition } from '../../src/swarm.js';
import type { Simulation } from '../../src/engine/simulation.js';

export interface Fixture {
  sim: Simulation;
  /** Events emitted after set-up, in order. */
  events: LoggedEvent[];
  /** Node id by hostname. */
  node(hostname: string): string;
}

export const THREE_NODES: NodeDefinition[] = [
  { hostname: 'manager1', role: 'manager' },
  { hostname: 'worker1', role: 'worker' },
  { hostname: 'worker2', role: 'worker' },
];

export function fixture(nodes: NodeDefinition[] = THREE_NODES, seed = 7): Fixture {
  const events: LoggedEvent[] = [];
  let recording = false;
  const sim = createSwarm({
    seed,
    nodes,
    observers: [(_state, event) => recording && events.push(event)],
  });
  recording = true;
  return {
    sim,
    events,
    node(hostname) {
      const { nodes: byId, nodeIds } = sim.state;
      const id = nodeIds.find((nodeId) => byId[nodeId]!.description.hostname === hostname);
      if (!id) throw new Error(`no node ${hostname}`);
      return id;
    },
  };
}

/**
 * The machine of the single-node real-docker recordings: one manager with the recorded engine's
 * version and memory (test/fixtures/real-docker/node.json).
 */
export function realLikeNode(): Fixture {
  return fixture([
    {
      hostname: 'manager1',
      role: 'manager',
      engineVersion: '20.10.24+dfsg1',
      memoryBytes: 25_276_063_744,
    },
  ]);
}

/** The types of the recorded events, in order. */
export function eventTypes(fx: Fixture): string[] {
  return fx.events.map((event) => event.type);
}
