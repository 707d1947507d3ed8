/**
 * A spec change that comes with a scale-down: swarmkit's replicated reconcile hands the kept
 * slots to the updater in its scale-down order (the first copy on each node first, ties in map
 * order), not in the map order of an update alone (docs/fidelity.md, known difference 9).
 */
import { describe, expect, it } from 'vitest';
import { serviceSpec, UpdateSwarm } from './update-harness.js';

const TWO_NODES = [
  { hostname: 'm1', role: 'manager' as const },
  { hostname: 'w1', role: 'worker' as const },
];

/**
 * 4 replicas on 2 nodes, then a new image and 3 replicas in one update (parallelism 1): the
 * node of each updated slot's old task, in the order the updater took the slots.
 */
function handOver(seed: number): { nodes: string[]; slots: number[] } {
  const cluster = new UpdateSwarm({ seed, nodes: TWO_NODES });
  const serviceId = cluster.create(serviceSpec('nginx', 4, { parallelism: 1 }));
  cluster.run(20_000);
  const before = cluster.liveTasks(serviceId);
  expect(new Set(before.map((task) => task.nodeId)).size).toBe(2);
  cluster.update(serviceId, (spec) => {
    spec.task.container.image = 'nginx:1.25';
    spec.mode = { replicated: { replicas: 3 } };
  });
  cluster.run(80_000);
  expect(cluster.status(serviceId)?.state).toBe('completed');
  const slots = cluster.updaterTasks(serviceId).map((task) => task.slot);
  const nodeOf = (slot: number) => before.find((task) => task.slot === slot)!.nodeId;
  return { nodes: slots.map((slot) => cluster.hostname(nodeOf(slot))), slots };
}

describe('update with a scale-down: kept slots in the scale-down order', () => {
  it('takes the first copy on each node first, the second copy on a node last', () => {
    const runs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(handOver);
    for (const { nodes, slots } of runs) {
      expect(slots).toHaveLength(3);
      // Two kept copies on one node, one on the other: the two first copies go first.
      expect(new Set(nodes.slice(0, 2)).size).toBe(2);
      expect(nodes.filter((node) => node === nodes[2])).toHaveLength(2);
    }
    // Ties are random: which node goes first, and which copy counts as a node's first, vary.
    expect(new Set(runs.map((run) => run.nodes[0])).size).toBe(2);
    expect(new Set(runs.map((run) => run.slots.join(' '))).size).toBeGreaterThan(2);
  });
});
