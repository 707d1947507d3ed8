/**
 * A property over random update configs and failure patterns, for replicated and global services:
 * whatever the knobs, the updater never has more than Parallelism slots (nodes, for a global
 * service) in flight and never leaves one without a task meant to run, both checked after every
 * event, and it ends in a documented state (SWARM.md 6.2-6.3).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLLBACK_CONFIG } from '../../src/model/defaults.js';
import { compareTaskStates } from '../../src/model/task-state.js';
import type { LoggedEvent } from '../../src/model/events.js';
import type { ClusterState } from '../../src/model/state.js';
import type { ServiceSpec, Task, UpdateConfig, UpdateState } from '../../src/model/types.js';
import { UpdateSwarm, serviceSpec } from './update-harness.js';
import { propertyRuns } from '../property/runs.js';

/** What happens to the k-th task the updater creates: nothing, fails before running, or after. */
type Fate = 'none' | 'early' | { afterRunningMs: number };

interface Case {
  /** Global: one task per node of the three, updated node by node; `replicas` is then unused. */
  global: boolean;
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
  global: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
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

/** The nodes of every case (the harness's default three). */
const NODE_COUNT = 3;

/** Drives one case and checks the safety properties after every event; returns the cluster. */
function runCase(c: Case) {
  // Spec version -> Parallelism of the run building it; filled in once the update is made.
  const limits = new Map<number, number>();
  const watched: { serviceId: string | null } = { serviceId: null };
  const slots = c.global ? NODE_COUNT : c.replicas;
  // Tasks told to stop at the current instant: swarmkit stops a task and creates its
  // replacement in one store transaction, which the log writes as consecutive events.
  const stoppedNow = { t: -1, ids: new Set<string>() };
  const observers = [
    (state: ClusterState, event: LoggedEvent) => {
      if (event.t !== stoppedNow.t) stoppedNow.ids.clear();
      stoppedNow.t = event.t;
      if (event.type === 'task/desiredStateChanged') stoppedNow.ids.add(event.taskId);
      if (watched.serviceId === null) return;
      if (event.type === 'service/updateStatusChanged') followRunsAfterCompletion(state, event);
      checkInFlight(state, watched.serviceId, limits);
      checkEverySlotHasATask(state, watched.serviceId, slots, stoppedNow.ids);
    },
  ];
  // A completion's own write makes the orchestrator reconcile, and a run that still finds dirty
  // slots (those a paused rollback left) follows the Update config: swarmkit's Run takes the
  // Rollback config only under ROLLBACK_STARTED. So from then on runs towards the current spec
  // (the original one, after a rollback) are bounded by its Update parallelism.
  const followRunsAfterCompletion = (state: ClusterState, event: LoggedEvent) => {
    const done = event.type === 'service/updateStatusChanged' && event.updateStatus?.state;
    if (done !== 'completed' && done !== 'rollback_completed') return;
    const service = state.services[watched.serviceId!]!;
    limits.set(service.specVersion, service.spec.update?.parallelism || slots);
  };
  const cluster = new UpdateSwarm({ seed: 3, observers });
  const spec = serviceSpec('nginx', c.replicas, c.update);
  if (c.global) spec.mode = { global: {} };
  spec.rollback = c.rollback;
  const serviceId = cluster.create(spec);
  cluster.run(15_000);
  const original = structuredClone(cluster.service(serviceId));
  // Known before the update, so the checks watch its very first events too: a spec version is
  // the store's version after the write (swarmkit's Meta.Version), as the control API sets it.
  const updateVersion = cluster.state.version + 1;
  limits.set(updateVersion, c.update.parallelism || slots);
  const rollbackParallelism = (c.rollback ?? DEFAULT_ROLLBACK_CONFIG).parallelism;
  limits.set(original.specVersion, rollbackParallelism || slots);
  watched.serviceId = serviceId;
  cluster.update(serviceId, (next) => {
    next.task.container.env = ['V=2'];
    if (c.unschedulable) next.task.resources.reservations.nanoCPUs = 3e9;
  });
  const target = structuredClone(cluster.service(serviceId));
  expect(target.specVersion).toBe(updateVersion);
  const created: string[] = [];
  const failedByUs = new Set<string>();
  let settledAt: number | null = null;
  // An unschedulable update never settles: a minute shows it stuck.
  const endAt = cluster.now + (c.unschedulable ? 60_000 : 400_000);
  while (cluster.now < endAt && (settledAt === null || cluster.now < settledAt + 30_000)) {
    cluster.run(STEP_MS);
    recordUpdaterTasks(cluster, serviceId, created);
    injectFailures(cluster, created, c.fates, failedByUs);
    const state = cluster.status(serviceId)?.state;
    if (settledAt === null && state !== undefined && SETTLED.includes(state)) {
      settledAt = cluster.now;
    }
  }
  return { cluster, serviceId, original, target, failedByUs, slots };
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

/** A task's slot: its number (replicated) or its node (global). */
function slotOf(task: Task): string {
  return task.slot > 0 ? `slot ${task.slot}` : `node ${task.nodeId}`;
}

/**
 * After every event, per spec version an update or rollback builds: the slots in flight never
 * exceed the Parallelism of that run. A slot is in flight from the moment its old task is told
 * to stop (stop-first) or its replacement exists, until the replacement is observed RUNNING.
 */
function checkInFlight(state: ClusterState, serviceId: string, limits: ReadonlyMap<number, number>) {
  const tasks = (state.tasksByService[serviceId] ?? []).map((id) => state.tasks[id]!);
  const inFlight = new Map<number, Set<string>>();
  const add = (version: number, task: Task) => {
    if (!inFlight.has(version)) inFlight.set(version, new Set());
    inFlight.get(version)!.add(slotOf(task));
  };
  const current = state.services[serviceId]!.specVersion;
  for (const task of tasks) {
    const meantToRun = compareTaskStates(task.desiredState, 'running') <= 0;
    if (task.origin === 'updater' && meantToRun && compareTaskStates(task.status.state, 'running') < 0) {
      add(task.specVersion, task);
    }
    // An old task being stopped in a slot with no task of the current spec yet: stop-first's
    // first step, before its replacement is created.
    const stopping = !meantToRun && compareTaskStates(task.status.state, 'running') <= 0;
    const replaced = tasks.some((t) => slotOf(t) === slotOf(task) && t.specVersion === current);
    if (stopping && task.specVersion !== current && !replaced && limits.has(current)) {
      add(current, task);
    }
  }
  for (const [version, slots] of inFlight) {
    expect(slots.size, `slots in flight for spec version ${version}`).toBeLessThanOrEqual(
      limits.get(version) ?? 0,
    );
  }
}

/**
 * After every event: each slot (each node, for a global service) has a task meant to run, or
 * one told to stop in this same instant (its replacement comes in the same transaction).
 */
function checkEverySlotHasATask(
  state: ClusterState,
  serviceId: string,
  slots: number,
  stoppedNow: ReadonlySet<string>,
) {
  const live = (state.tasksByService[serviceId] ?? [])
    .map((id) => state.tasks[id]!)
    .filter((task) => compareTaskStates(task.desiredState, 'running') <= 0 || stoppedNow.has(task.id));
  expect(new Set(live.map(slotOf)).size, 'slots with a task meant to run').toBe(slots);
}

/** Every slot (every node, for a global service) runs a task built from `spec`. */
function expectConverged(cluster: UpdateSwarm, serviceId: string, spec: ServiceSpec, slots: number) {
  const wanted = JSON.stringify(spec.task);
  const running = cluster
    .liveTasks(serviceId)
    .filter((task) => task.status.state === 'running' && JSON.stringify(task.spec) === wanted);
  expect(new Set(running.map(slotOf)).size).toBe(slots);
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

/** An update config with no monitor window and no tolerated failure. */
function strict(
  parallelism: number,
  delayMs: number,
  failureAction: UpdateConfig['failureAction'],
  order: UpdateConfig['order'],
): UpdateConfig {
  return { parallelism, delayMs, failureAction, monitorMs: 0, maxFailureRatio: 0, order };
}

/** Counterexamples deeper runs found (SWARMSIM_PROPERTY_RUNS=5000), tried first by every run. */
const FOUND: Case[] = [
  // A global start-first update whose first replacement fails before running keeps the node's
  // old task; the restart supervisor's new-spec task starts beside it after its restart delay,
  // during the stop-first rollback, until the rollback reaches the node (swarmkit does the same).
  {
    global: true,
    replicas: 1,
    update: strict(0, 0, 'rollback', 'start-first'),
    rollback: strict(1, 3000, 'pause', 'stop-first'),
    fates: ['early'],
    unschedulable: false,
  },
  // The stop-first rollback pauses before reaching every node and ends "update completed";
  // the reconcile after that completion starts a start-first run (the Update config) that hands
  // a node over under the COMPLETED status it leaves as it is, as swarmkit's Run does.
  {
    global: true,
    replicas: 1,
    update: strict(0, 0, 'rollback', 'start-first'),
    rollback: strict(1, 0, 'rollback', 'stop-first'),
    fates: ['none', 'none', 'early', 'early'],
    unschedulable: false,
  },
  // As above, but that run's replacement on w1 fails too: the run stops (its rollback finds no
  // previous spec) and the restart of the failed task runs beside the old one it never retired.
  {
    global: true,
    replicas: 1,
    update: strict(0, 0, 'rollback', 'start-first'),
    rollback: strict(1, 0, 'rollback', 'stop-first'),
    fates: ['none', 'early', 'none', 'early', 'early'],
    unschedulable: false,
  },
  // A paused rollback ends "update completed"; the reconcile after it starts a run towards the
  // original spec under the Update config (Parallelism 0: every node at once), not Rollback's.
  {
    global: true,
    replicas: 1,
    update: { ...strict(0, 0, 'rollback', 'stop-first'), monitorMs: 5000 },
    rollback: { ...strict(1, 500, 'rollback', 'stop-first'), monitorMs: 5000 },
    fates: ['none', { afterRunningMs: 0 }, 'early', { afterRunningMs: 0 }],
    unschedulable: false,
  },
  // A paused rollback that ends "update completed" (the first check of that ending).
  {
    global: true,
    replicas: 1,
    update: strict(0, 0, 'rollback', 'stop-first'),
    rollback: strict(0, 0, 'rollback', 'stop-first'),
    fates: [{ afterRunningMs: 0 }, 'early', 'early', 'early'],
    unschedulable: false,
  },
];

describe('rolling update property (fast-check seed 20240611)', () => {
  it('bounded parallelism, no empty slot, and a documented end state', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { cluster, serviceId, original, target, failedByUs, slots } = runCase(c);
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
            // (No `return expect(...)`: vitest's assertion object is not undefined, which
            // fast-check takes for a failed property.)
            if (rollbackPaused(cluster)) {
              expect(service.spec).toEqual(original.spec);
              return;
            }
            // After an automatic rollback, a later run that still found a dirty slot (a global
            // service's node whose failed task was being replaced) marks the status it finds,
            // rollback_completed, as COMPLETED (swarmkit's completeUpdate changes any state but
            // ROLLBACK_STARTED): then every slot runs the original spec.
            expect([target.spec, original.spec]).toContainEqual(service.spec);
            return expectConverged(cluster, serviceId, service.spec, slots);
          case 'rollback_completed':
            expect(service.spec).toEqual(original.spec);
            expect(service.previousSpec).toBeNull();
            return expectConverged(cluster, serviceId, original.spec, slots);
          case 'paused':
          case 'rollback_paused':
            return expectNamesOurFailure(status.message, failedByUs);
          default:
            throw new Error(`unexpected end state ${status.state}: ${status.message}`);
        }
      }),
      { ...propertyRuns(20240611, 200), examples: FOUND.map((c): [Case] => [c]) },
    );
  });
});
