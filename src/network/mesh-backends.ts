/**
 * What stands behind a published port: a service's IPVS backends, a task's or standalone
 * container's server, and the hostname its process sees. Pure reads of the state.
 *
 * A backend is a task observed RUNNING whose desired state is still RUNNING: the orchestrator's
 * desired-state change takes it out of the balancer before its container is told to stop
 * (SWARM.md 9), and a task still starting serves nothing. Its host must be up, and must not have
 * lost its containers since the task started: a crashed node's tasks stay RUNNING in the store
 * until the node is Down or its agent reports them, but the node's peers drop its endpoints as
 * soon as gossip misses it (swarmsim: at once). The order is the one they became RUNNING in, ties
 * by task id; IPVS appends a destination when it is added, so this is its list order.
 */
import { pid1Program } from '../agent/command-model.js';
import { effectiveArgv } from '../agent/image-catalogue.js';
import { imageConfigFor } from '../agent/image-config.js';
import { processSpec } from '../agent/standalone.js';
import { containerId } from '../dockercli/engine-ids.js';
import { containerAlive, runningSince } from '../model/reduce-traffic.js';
import type { ClusterState } from '../model/state.js';
import type { StandaloneContainer, Task } from '../model/types.js';
import { isHostDown } from '../model/world.js';
import { serverOf, type HttpServer } from './http-servers.js';

/** The service's backends in IPVS order. */
export function serviceBackends(state: ClusterState, serviceId: string): Task[] {
  const live = (state.tasksByService[serviceId] ?? [])
    .map((id) => state.tasks[id]!)
    .filter((task) => task.desiredState === 'running' && containerAlive(state, task))
    .filter((task) => !isHostDown(state.world, task.nodeId));
  return live.sort(
    (a, b) => runningSince(a)! - runningSince(b)! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * The backend `nodeId`'s IPVS table picks next for the service: the first after its last pick
 * in backend order, wrapping around; the first backend when it never picked one.
 */
export function nextBackend(state: ClusterState, nodeId: string, serviceId: string): Task | null {
  const backends = serviceBackends(state, serviceId);
  const last = state.ipvs?.[nodeId]?.[serviceId];
  if (!last) return backends[0] ?? null;
  const after = backends.find((task) => {
    const since = runningSince(task)!;
    return since > last.runningAt || (since === last.runningAt && task.id > last.taskId);
  });
  return after ?? backends[0] ?? null;
}

/** The server the task's container runs, or null when it listens on nothing known. */
export function taskServer(state: ClusterState, task: Task): HttpServer | null {
  const container = task.spec.container;
  const image = imageConfigFor(state, task.nodeId, container.image);
  const argv = effectiveArgv(container.image, container.command, container.args, image) ?? [];
  return serverOf(container.image, pid1Program(container, image), argv);
}

/** The server a standalone container runs, or null. */
export function containerServer(container: StandaloneContainer): HttpServer | null {
  const argv = container.process ?? [];
  return serverOf(container.image, pid1Program(processSpec(container)), argv);
}

/**
 * The task container's hostname: `--hostname` with its templates filled in (swarmkit expands
 * `.Service.*`, `.Node.*`, `.Task.*`), else the first 12 hex digits of its container ID.
 */
export function taskHostname(state: ClusterState, task: Task): string {
  const wanted = task.spec.container.hostname;
  if (wanted === '') return containerId(task.id).slice(0, 12);
  const service = state.services[task.serviceId];
  const serviceName = task.serviceName ?? service?.spec.name ?? '';
  const node = state.nodes[task.nodeId];
  const slot = task.slot === 0 ? task.nodeId : String(task.slot);
  const fields: Readonly<Record<string, string>> = {
    'Service.ID': task.serviceId,
    'Service.Name': serviceName,
    'Node.ID': task.nodeId,
    'Node.Hostname': node?.description.hostname ?? '',
    'Task.ID': task.id,
    'Task.Name': `${serviceName}.${slot}.${task.id}`,
    'Task.Slot': slot,
  };
  return wanted.replace(/\{\{\s*\.([A-Za-z.]+)\s*\}\}/g, (text, field: string) =>
    Object.hasOwn(fields, field) ? fields[field]! : text,
  );
}

/** A standalone container's hostname: the first 12 hex digits of its ID. */
export function containerHostname(container: StandaloneContainer): string {
  return container.id.slice(0, 12);
}
