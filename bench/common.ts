/**
 * Shared pieces of the benchmarks: building a big swarm, timing, memory, and the JSON line every
 * benchmark prints. Benchmarks are never tests: they report numbers, the README records them.
 */
import { Simulation } from '../src/engine/simulation.js';
import type { Observer } from '../src/engine/simulation.js';
import { createSwarm, type NodeDefinition } from '../src/swarm.js';

/** `managers` managers then `workers` workers, 4 CPUs / 8 GiB each, zones a/b/c round-robin. */
export function bigCluster(managers: number, workers: number): NodeDefinition[] {
  const nodes: NodeDefinition[] = [];
  for (let index = 0; index < managers + workers; index += 1) {
    const manager = index < managers;
    nodes.push({
      hostname: manager ? `manager${index + 1}` : `worker${index - managers + 1}`,
      role: manager ? 'manager' : 'worker',
      cpus: 4,
      memoryBytes: 8 * 1024 ** 3,
      labels: { zone: ['a', 'b', 'c'][index % 3]! },
    });
  }
  return nodes;
}

export function bigSwarm(
  managers: number,
  workers: number,
  seed = 1,
  observers: Observer[] = [],
): Simulation {
  // Images are "already pulled" so the numbers measure the simulator, not modelled pull time.
  const agent = { pullMsByImage: { nginx: 0 } };
  return createSwarm({ seed, nodes: bigCluster(managers, workers), agent, observers });
}

/** Wall-clock seconds taken by `work`. */
export function timeIt<T>(work: () => T): { result: T; seconds: number } {
  const started = process.hrtime.bigint();
  const result = work();
  return { result, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Heap and resident memory now, in MiB. */
export function memoryMiB(): { heapUsedMiB: number; rssMiB: number } {
  const usage = process.memoryUsage();
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  return { heapUsedMiB: mib(usage.heapUsed), rssMiB: mib(usage.rss) };
}

/** Advances `sim` in steps of `stepMs` until `done()` or `limitMs` of virtual time. */
export function runUntilDone(
  sim: Simulation,
  done: () => boolean,
  stepMs: number,
  limitMs: number,
): boolean {
  while (!done()) {
    if (sim.now >= limitMs) return false;
    sim.runUntil(sim.now + stepMs);
  }
  return true;
}

export function printResult(result: Record<string, unknown>): void {
  console.log(JSON.stringify({ ...result, node: process.version }));
}
