/**
 * Availability per service, computed from the event log alone (it folds the events with the
 * model's reducer, so it needs neither the generator nor the components): desired versus running
 * over time, how long a service ran short or ran nothing at all, and how long it took to become
 * whole again after each fault.
 *
 * A task counts as running while it is observed RUNNING, its host is up, and the host has not
 * crashed or restarted since the task started: a crashed node's tasks stay "Running" in the
 * store (the manager cannot know, and a booted host reports them only once it registers) but
 * serve nothing.
 */
import type { LoggedEvent } from '../model/events.js';
import { replicaCount } from '../model/queries.js';
import { applyEvent } from '../model/reduce.js';
import { emptyClusterState, type ClusterState } from '../model/state.js';
import type { Service, SimTime } from '../model/types.js';
import { isHostDown, isHostFault, type FaultKind } from '../model/world.js';

/** Desired and running from `t` until the next sample. */
export interface AvailabilitySample {
  t: SimTime;
  desired: number;
  running: number;
}

/** How a service came through one fault. */
export interface FaultRecovery {
  faultId: string;
  kind: FaultKind;
  /** When the fault struck, ms. */
  at: SimTime;
  /** False when the service stayed whole until the next fault. */
  impacted: boolean;
  /** When it was whole again, ms; null if it never was before the log ended. */
  recoveredAt: SimTime | null;
  /** recoveredAt - at, ms (0 when not impacted); null if it never recovered. */
  recoveryMs: number | null;
}

/** One service's availability over the log. */
export interface ServiceAvailability {
  service: string;
  /** One sample per change of (desired, running), oldest first. */
  samples: AvailabilitySample[];
  /** Time with fewer tasks running than desired, ms, from when it first ran whole. */
  degradedMs: number;
  /** Time with tasks desired but none running, ms. */
  downMs: number;
  recoveries: FaultRecovery[];
}

/** Availability of every service in the log, measured up to `untilMs` (default: last event). */
export function availabilityFromLog(
  events: readonly LoggedEvent[],
  untilMs?: SimTime,
): ServiceAvailability[] {
  const state = emptyClusterState();
  const samples: Record<string, AvailabilitySample[]> = {};
  const names: Record<string, string> = {};
  const order: string[] = [];
  const faults: { faultId: string; kind: FaultKind; at: SimTime }[] = [];
  const lostAt: Record<string, SimTime> = {};
  for (const event of events) {
    const touched = touchedServices(state, event);
    applyEvent(state, event);
    if (event.type === 'fault/injected') {
      faults.push({ faultId: event.faultId, kind: event.fault.kind, at: event.t });
      if (isHostFault(event.fault)) lostAt[event.fault.nodeId] = event.t;
    }
    for (const serviceId of touched ?? state.serviceIds) {
      const service = state.services[serviceId];
      if (!service) continue;
      if (!samples[serviceId]) {
        samples[serviceId] = [];
        names[serviceId] = service.spec.name;
        order.push(serviceId);
      }
      record(samples[serviceId]!, { t: event.t, ...counts(state, service, lostAt) });
    }
  }
  const end = untilMs ?? events.at(-1)?.t ?? 0;
  return order.map((serviceId) => summarise(names[serviceId]!, samples[serviceId]!, faults, end));
}

/** The services an event can change; null for events that may change any (nodes, faults). */
function touchedServices(state: ClusterState, event: LoggedEvent): string[] | null {
  switch (event.type) {
    case 'service/created':
      return [event.service.id];
    case 'service/updated':
    case 'service/removed':
      return [event.serviceId];
    case 'task/created':
      return [event.task.serviceId];
    case 'task/stateChanged':
    case 'task/assigned':
    case 'task/desiredStateChanged':
    case 'task/removed': {
      const task = state.tasks[event.taskId];
      return task ? [task.serviceId] : [];
    }
    case 'task/logged':
    case 'task/unschedulable':
    case 'scenario/stepRan':
    case 'scenario/expectationChecked':
    case 'shell/commandRan':
      return [];
    default:
      return null;
  }
}

/**
 * Desired as `docker service ls` counts it; running counts only containers that live: observed
 * RUNNING, on a host that is up and has not lost its containers since the task started.
 */
function counts(
  state: ClusterState,
  service: Service,
  lostAt: Readonly<Record<string, SimTime>>,
): { desired: number; running: number } {
  const { desired } = replicaCount(state, service);
  let running = 0;
  for (const taskId of state.tasksByService[service.id] ?? []) {
    const task = state.tasks[taskId]!;
    if (task.status.state !== 'running' || isHostDown(state.world, task.nodeId)) continue;
    if ((lostAt[task.nodeId] ?? -1) >= task.status.timestamp) continue;
    running += 1;
  }
  return { desired, running };
}

function record(list: AvailabilitySample[], sample: AvailabilitySample): void {
  const last = list.at(-1);
  if (last && last.desired === sample.desired && last.running === sample.running) return;
  if (last && last.t === sample.t) list.pop();
  list.push(sample);
}

function summarise(
  service: string,
  samples: AvailabilitySample[],
  faults: readonly { faultId: string; kind: FaultKind; at: SimTime }[],
  end: SimTime,
): ServiceAvailability {
  let degradedMs = 0;
  let downMs = 0;
  /** Stretches with running < desired: [from, to), to null while it lasts to the end. */
  const short: { from: SimTime; to: SimTime | null }[] = [];
  // A service is measured from the moment it first ran whole: starting up is not an outage.
  const whole = samples.findIndex((sample) => sample.running >= sample.desired);
  samples.forEach((sample, index) => {
    if (whole < 0 || index < whole) return;
    const until = Math.min(samples[index + 1]?.t ?? end, end);
    const lacking = sample.running < sample.desired;
    if (lacking) degradedMs += Math.max(0, until - sample.t);
    if (sample.desired > 0 && sample.running === 0) downMs += Math.max(0, until - sample.t);
    const open = short.at(-1);
    if (lacking && (!open || open.to !== null)) short.push({ from: sample.t, to: null });
    if (!lacking && open && open.to === null) open.to = sample.t;
  });
  const recoveries = faults.map((fault, index) => {
    const next = faults[index + 1]?.at ?? Infinity;
    const hit = short.find(
      (stretch) => (stretch.to === null || stretch.to > fault.at) && stretch.from < next,
    );
    if (!hit) return { ...fault, impacted: false, recoveredAt: fault.at, recoveryMs: 0 };
    const recoveredAt = hit.to;
    const recoveryMs = recoveredAt === null ? null : recoveredAt - fault.at;
    return { ...fault, impacted: true, recoveredAt, recoveryMs };
  });
  return { service, samples, degradedMs, downMs, recoveries };
}
