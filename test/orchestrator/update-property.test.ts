/**
 * A property over random update configs and failure patterns: whatever the knobs, the updater
 * never has more than Parallelism slots in flight, never leaves a slot without a task meant to
 * run, and ends in a documented state (SWARM.md 6.2-6.3).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLLBACK_CONFIG } from '../../src/model/defaults.js';
import { compareTaskStates } from '../../src/model/task-state.js';
import type { ClusterState } from '../../src/model/state.js';
import type { ServiceSpec, Task, UpdateConfig, UpdateState } from '../../src/model/types.js';
import { UpdateSwarm, serviceSpec } from './update-harness.js';

/** What happens to the k-th task the updater creates: nothing, fails before running, or after. */
type Fate = 'none' | 'early' | { afterRunningMs: number };

interface Case {
  replicas: number;
  update: UpdateConfig;
  rollback: UpdateConfig | null;
  /** Fates of the updater's tasks in creation order (later ones: none). */
  fates: Fate[];
  /** The new spec reserves more CPU than any node has. */
  unschedulable: boolean;
}

const configArb: fc.Arbitrary<UpdateConfig> = fc.record({
  parallelism: fc.integer({ min: 0, max: 3 }),
  delayMs: fc.constantFrom(0, 500, 3000),
  failureAction: fc.constantFrom('pause' as const, 'continue' as const, 'rollback' as const),
  monitorMs: fc.constantFrom(0, 1000, 5000),
  maxFailureRatio: fc.constantFrom(0, 0.2, 0.5, 1),
  order: fc.constantFrom('stop-first' as const, 'start-first' as const),
});

const fateArb: fc.Arbitrary<Fate> = fc.oneof(
  fc.constant('none' as const),
  fc.constant('early' as const),
  { arbitrary: fc.record({ afterRunningMs: fc.constantFrom(0, 800, 4000, 8000) }), weight: 2 },
);

const caseArb: fc.Arbitrary<Case> = fc.record({
  replicas: fc.integer({ min: 1, max: 5 }),
  update: configArb,
  rollback: fc.option(configArb, { nil: null }),
  fates: fc.array(fateArb, { maxLength: 10 }),
  // One case in six: enough to see the stuck update without spending the run on it.
  unschedulable: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
});

const STEP_MS = 200;
const SETTLED: readonly UpdateState[] = [
  'completed',
  'paused',
  'rollback_completed',
  'rollback_paused',
];

/** Drives one case and checks the safety properties at every step; returns the cluster. */
function runCase(c: Case) {
  // Spec version -> Parallelism of the run building it; filled in once the update is made.
  const limits = new Map<number, number>();
  const observers = [(state: ClusterState) => checkInFlight(state, limits)];
  const cluster = new UpdateSwarm({ seed: 3, observers });
  const spec = serviceSpec('nginx', c.replicas, c.update);
  spec.rollback = c.rollback;
  const serviceId = cluster.create(spec);
  cluster.run(15_000);
  const original = structuredClone(cluster.service(serviceId));
  cluster.update(serviceId, (next) => {
    next.task.container.env = ['V=2'];
    if (c.unschedulable) next.task.resources.reservations.nanoCPUs = 3e9;
  });
  const target = structuredClone(cluster.service(serviceId));
  limits.set(target.specVersion, c.update.parallelism || c.replicas);
  const rollbackParallelism = (c.rollback ?? DEFAULT_ROLLBACK_CONFIG).parallelism;
  limits.set(original.specVersion, rollbackParallelism || c.replicas);
  const created: string[] = [];
  const failedByUs = new Set<string>();
  let settledAt: number | null = null;
  // An unschedulable update never settles: a minute shows it stuck.
  const endAt = cluster.now + (c.unschedulable ? 60_000 : 400_000);
  while (cluster.now < endAt && (settledAt === null || cluster.now < settledAt + 30_000)) {
    cluster.run(STEP_MS);
    recordUpdaterTasks(cluster, serviceId, created);
    injectFailures(cluster, created, c.fates, failedByUs);
    checkEverySlotHasATask(cluster, serviceId, c.replicas);
    const state = cluster.status(serviceId)?.state;
    if (settledAt === null && state !== undefined && SETTLED.includes(state)) {
      settledAt = cluster.now;
    }
  }
  return { cluster, serviceId, original, target, failedByUs };
}

function recordUpdaterTasks(cluster: UpdateSwarm, serviceId: string, created: string[]): void {
  const known = new Set(created);
  for (const id of cluster.state.tasksByService[serviceId] ?? []) {
    const task = cluster.state.tasks[id]!;
    if (task.origin === 'updater' && !known.has(id)) created.push(id);
  }
}

function injectFailures(cluster: UpdateSwarm, created: string[], fates: Fate[], done: Set<string>) {
  created.forEach((taskId, index) => {
    const fate = fates[index] ?? 'none';
    const task = cluster.state.tasks[taskId];
    if (fate === 'none' || !task || done.has(taskId)) return;
    const state = task.status.state;
    if (fate === 'early') {
      const preparing = compareTaskStates(state, 'accepted') >= 0;
      if (!preparing || compareTaskStates(state, 'running') >= 0) return;
      fail(cluster, task, 'rejected');
    } else {
      const ranAt = task.transitions.find((move) => move.state === 'running')?.at;
      if (state !== 'running' || ranAt === undefined) return;
      if (cluster.now - ranAt < fate.afterRunningMs) return;
      fail(cluster, task, 'failed');
    }
    done.add(taskId);
  });
}

function fail(cluster: UpdateSwarm, task: Task, state: 'failed' | 'rejected'): void {
  const err = state === 'failed' ? 'task: non-zero exit (1)' : 'No such image: nginx:bad';
  const exitCode = state === 'failed' ? 1 : null;
  const taskId = task.id;
  cluster.sim.emit({ type: 'task/stateChanged', taskId, state, message: '', err, exitCode });
  cluster.run(0);
}

/**
 * After every event: updater tasks not yet observed at RUNNING or beyond (slots in flight), per
 * spec version, never exceed the Parallelism of the run that builds that version.
 */
function checkInFlight(state: ClusterState, limits: ReadonlyMap<number, number>): void {
  if (limits.size === 0) return;
  const inFlight = new Map<number, number>();
  for (const task of Object.values(state.tasks)) {
    if (task.origin !== 'updater' || compareTaskStates(task.status.state, 'running') >= 0) continue;
    inFlight.set(task.specVersion, (inFlight.get(task.specVersion) ?? 0) + 1);
  }
  for (const [version, count] of inFlight) {
    expect(count).toBeLessThanOrEqual(limits.get(version) ?? 0);
  }
}

function checkEverySlotHasATask(cluster: UpdateSwarm, serviceId: string, replicas: number) {
  const slots = new Set(cluster.liveTasks(serviceId).map((task) => task.slot));
  for (let slot = 1; slot <= replicas; slot += 1) expect(slots.has(slot)).toBe(true);
}

/** Every slot runs a task built from `spec`. */
function expectConverged(
  cluster: UpdateSwarm,
  serviceId: string,
  spec: ServiceSpec,
  replicas: number,
): void {
  const live = cluster.liveTasks(serviceId);
  const wanted = JSON.stringify(spec.task);
  for (let slot = 1; slot <= replicas; slot += 1) {
    const current = live.filter((t) => t.slot === slot && t.status.state === 'running');
    expect(current.some((task) => JSON.stringify(task.spec) === wanted)).toBe(true);
  }
}

/** Whether a rollback was paused at some point (failure action rollback during a rollback). */
function rollbackPaused(cluster: UpdateSwarm): boolean {
  return cluster.events.some(
    (e) => e.type === 'service/updateStatusChanged' && e.updateStatus?.state === 'rollback_paused',
  );
}

function expectNamesOurFailure(message: string, failedByUs: Set<string>) {
  const taskId = /due to failure or early termination of task (\S+)$/.exec(message)?.[1];
  expect(taskId !== undefined && failedByUs.has(taskId)).toBe(true);
}

describe('rolling update property (fast-check seed 20240611)', () => {
  it('bounded parallelism, no empty slot, and a documented end state', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { cluster, serviceId, original, target, failedByUs } = runCase(c);
        const service = cluster.service(serviceId);
        const status = service.updateStatus!;
        if (c.unschedulable) {
          expect(status.state).toBe('updating');
          return;
        }
        if (failedByUs.size === 0 || c.update.failureAction === 'continue') {
          expect(status.state).toBe('completed');
        }
        if (c.update.failureAction === 'pause') {
          expect(['completed', 'paused']).toContain(status.state);
        }
        switch (status.state) {
          case 'completed':
            expect(status.message).toBe('update completed');
            // A paused rollback still ends "update completed" (swarmkit does not stop that
            // run); the slots it did not reach wait for the orchestrator's next reconcile.
            if (rollbackPaused(cluster)) return expect(service.spec).toEqual(original.spec);
            return expectConverged(cluster, serviceId, target.spec, c.replicas);
          case 'rollback_completed':
            expect(service.spec).toEqual(original.spec);
            expect(service.previousSpec).toBeNull();
            return expectConverged(cluster, serviceId, original.spec, c.replicas);
          case 'paused':
          case 'rollback_paused':
            return expectNamesOurFailure(status.message, failedByUs);
          default:
            throw new Error(`unexpected end state ${status.state}: ${status.message}`);
        }
      }),
      { seed: 20240611, numRuns: 60 },
    );
  });
});
