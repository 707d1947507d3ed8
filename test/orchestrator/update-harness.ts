/**
 * The full swarm (createSwarm: real scheduler and agent) driven through the control API, for the
 * rolling updater's tests, with the strict invariant checker watching every event.
 */
import { isApiError, type ApiError } from '../../src/api/errors.js';
import { createService, updateService } from '../../src/api/service.js';
import { checkEvent, InvariantViolation, type Violation } from '../../src/check/invariants.js';
import type { AgentOptions } from '../../src/agent/agent.js';
import type { Observer } from '../../src/engine/simulation.js';
import { DEFAULT_UPDATE_CONFIG } from '../../src/model/defaults.js';
import type { LoggedEvent } from '../../src/model/events.js';
import type { ClusterState } from '../../src/model/state.js';
import { defaultServiceSpec } from '../../src/model/factory.js';
import { compareTaskStates } from '../../src/model/task-state.js';
import type {
  Service,
  ServiceSpec,
  Task,
  UpdateConfig,
  UpdateStatus,
} from '../../src/model/types.js';
import { createSwarm, type NodeDefinition } from '../../src/swarm.js';
import { ClusterView } from './view.js';

export interface UpdateSwarmOptions {
  /** Default: a manager and two workers, 2 CPUs each. */
  nodes?: NodeDefinition[];
  agent?: AgentOptions;
  seed?: number;
  /** Extra observers, run after the strict invariant checker on every event. */
  observers?: Observer[];
}

const THREE_NODES: NodeDefinition[] = [
  { hostname: 'm1', role: 'manager' },
  { hostname: 'w1', role: 'worker' },
  { hostname: 'w2', role: 'worker' },
];

/**
 * A slot "running twice" where all but one of the running tasks are already told to stop: swarmkit
 * does this too. Stop-first waits for one old task only (the one its transaction shut down), so
 * an older task still in its stop grace period (an update or rollback that overtook another)
 * keeps running beside the replacement for a few seconds.
 */
function isStoppingOverlap(state: ClusterState, violation: Violation): boolean {
  if (violation.invariant !== 'slot-runs-twice') return false;
  const ids = /tasks (.+) all running/.exec(violation.detail)?.[1]?.split(', ') ?? [];
  const meantToRun = ids.filter((id) => state.tasks[id]?.desiredState === 'running');
  return meantToRun.length <= 1;
}

/** A replicated spec with the given update config over the defaults. */
export function serviceSpec(
  image: string,
  replicas: number,
  update: Partial<UpdateConfig> = {},
): ServiceSpec {
  const spec = defaultServiceSpec('web', image, replicas);
  spec.update = { ...DEFAULT_UPDATE_CONFIG, ...update };
  return spec;
}

export class UpdateSwarm extends ClusterView {
  constructor(options: UpdateSwarmOptions = {}) {
    const events: LoggedEvent[] = [];
    const sim = createSwarm({
      seed: options.seed ?? 1,
      nodes: options.nodes ?? THREE_NODES,
      // The updater's mechanisms, not the status path's race (test/agent/reporter.test.ts):
      // every RUNNING reaches the store, as the tests' stories assume.
      agent: { ...options.agent, timings: { runningReportMaxMs: 0, ...options.agent?.timings } },
      observers: [
        (state, event) => {
          const found = checkEvent(state, event).filter((v) => !isStoppingOverlap(state, v));
          if (found[0]) throw new InvariantViolation(found[0]);
        },
        (_state, event) => events.push(event),
        ...(options.observers ?? []),
      ],
    });
    super(sim, events);
  }

  /** Runs `ms` of virtual time. */
  run(ms: number): void {
    this.sim.runUntil(this.sim.now + ms);
  }

  /** Runs `ms` in steps of `stepMs`, returning `probe()` after each step. */
  sample<T>(ms: number, stepMs: number, probe: () => T): T[] {
    const values: T[] = [];
    const end = this.now + ms;
    while (this.now < end) {
      this.sim.runUntil(Math.min(end, this.now + stepMs));
      values.push(probe());
    }
    return values;
  }

  create(spec: ServiceSpec): string {
    return this.expectOk(createService(this.sim.ctx, spec)).id;
  }

  /** `docker service update`: applies `change` to a copy of the current spec. */
  update(serviceId: string, change: (spec: ServiceSpec) => void): void {
    const spec = structuredClone(this.service(serviceId).spec);
    change(spec);
    this.expectOk(updateService(this.sim.ctx, serviceId, spec));
    this.run(0);
  }

  scale(serviceId: string, replicas: number): void {
    this.update(serviceId, (spec) => (spec.mode = { replicated: { replicas } }));
  }

  /** `docker service rollback`: the API's answer (a service, or the refusal). */
  rollback(serviceId: string): Service | ApiError {
    const spec = structuredClone(this.service(serviceId).spec);
    const answer = updateService(this.sim.ctx, serviceId, spec, { rollback: true });
    this.run(0);
    return answer;
  }

  service(serviceId: string): Service {
    return this.state.services[serviceId]!;
  }

  status(serviceId: string): UpdateStatus | null {
    return this.service(serviceId).updateStatus;
  }

  /** The REPLICAS numerator of `service ls`: tasks observed RUNNING, stopping ones included. */
  runningCount(serviceId: string): number {
    return this.tasks(serviceId).filter((task) => task.status.state === 'running').length;
  }

  /** Tasks the rolling updater created for the service, in creation order. */
  updaterTasks(serviceId: string): Task[] {
    return this.createdTasks(serviceId).filter((task) => task.origin === 'updater');
  }

  /** When the service's update status last became `state`, or undefined. */
  statusChangedAt(serviceId: string, state: UpdateStatus['state']): number | undefined {
    const matching = this.events.filter(
      (e) =>
        (e.type === 'service/updateStatusChanged' || e.type === 'service/updated') &&
        e.serviceId === serviceId &&
        e.updateStatus?.state === state,
    );
    return matching.at(-1)?.t;
  }

  /** Of `tasks`, those observed FAILED, in the order they failed. */
  failedInOrder(tasks: readonly Task[]): Task[] {
    return tasks
      .filter((task) => this.observedAt(task.id, 'failed') !== undefined)
      .sort((a, b) => this.observedAt(a.id, 'failed')! - this.observedAt(b.id, 'failed')!);
  }

  /** The task fails to start (image missing, say): REJECTED with `err`. */
  reject(taskId: string, err: string): void {
    const event = { taskId, state: 'rejected' as const, message: '', err, exitCode: null };
    this.sim.emit({ type: 'task/stateChanged', ...event });
    this.run(0);
  }

  /** When the task was first observed at RUNNING or beyond, or undefined. */
  reachedAt(taskId: string): number | undefined {
    return this.events.find(
      (e) =>
        e.type === 'task/stateChanged' &&
        e.taskId === taskId &&
        compareTaskStates(e.state, 'running') >= 0,
    )?.t;
  }

  private expectOk(answer: Service | ApiError): Service {
    if (isApiError(answer)) throw new Error(answer.message);
    return answer;
  }
}
