/**
 * A simulation with only the agent: tests play the manager's part by emitting its events by hand.
 */
import { createAgent, type AgentOptions } from '../../src/agent/agent.js';
import type { AgentTimings } from '../../src/agent/timings.js';
import { Simulation } from '../../src/engine/simulation.js';
import type { LoggedEvent } from '../../src/model/events.js';
import { buildNode, buildTask, defaultServiceSpec } from '../../src/model/factory.js';
import type { TaskState } from '../../src/model/task-state.js';
import type {
  Mount,
  NodeCsiPlugin,
  PortConfig,
  Service,
  VolumeAttachment,
} from '../../src/model/types.js';

export const NODE = 'node-1';

export interface AgentHarness {
  sim: Simulation;
  events: LoggedEvent[];
}

/**
 * These tests check the agent's mechanisms, not its calibration (test/fidelity compares that
 * with a real swarm), so they pin round step durations and no report latency or batching, exec
 * time, start contention or stop back-off. A test can still override any of them through
 * `options.timings`.
 */
export const MECHANISM_TIMINGS: Partial<AgentTimings> = {
  createMs: 200,
  startMs: 300,
  startContentionMs: 0,
  processStartMs: 0,
  exitReportMs: 0,
  statusBatchMs: 0,
  runningReportMaxMs: 0,
  stopBackoffMs: 0,
  stopReportMs: 0,
};

/**
 * A one-node cluster whose only component is the agent; `events` records everything applied.
 * The node runs `csiPlugins` (none by default).
 */
export function agentHarness(
  options: AgentOptions = {},
  seed = 1,
  csiPlugins: NodeCsiPlugin[] = [],
): AgentHarness {
  const events: LoggedEvent[] = [];
  const sim = new Simulation({
    seed,
    components: [
      createAgent({ ...options, timings: { ...MECHANISM_TIMINGS, ...options.timings } }),
    ],
    observers: [(_state, event) => void events.push(event)],
  });
  sim.emit({
    type: 'cluster/initialized',
    clusterId: 'cluster-1',
    taskHistoryRetentionLimit: 5,
    heartbeatPeriodMs: 5000,
  });
  const node = buildNode(
    { id: NODE, hostname: 'worker-1', role: 'worker', addr: '10.0.0.1', csiPlugins },
    0,
  );
  sim.emit({ type: 'node/joined', node });
  return { sim, events };
}

export interface TaskSetup {
  image: string;
  args?: string[];
  command?: string[];
  desiredState?: TaskState;
  stopGracePeriodMs?: number;
  ports?: PortConfig[];
  /** How the task reaches ASSIGNED: the scheduler's `task/assigned` (default) or a state change. */
  assignVia?: 'assigned' | 'stateChanged';
  /** The task id; `task-N` by default. */
  taskId?: string;
  mounts?: Mount[];
  /** The cluster volumes the scheduler attached (sent with `task/assigned`). */
  volumes?: VolumeAttachment[];
}

let serviceCount = 0;

/** Creates a service and one task for it, then assigns the task to NODE now. Returns its id. */
export function assignTask(sim: Simulation, setup: TaskSetup): string {
  serviceCount += 1;
  const serviceId = `service-${serviceCount}`;
  const spec = defaultServiceSpec(`svc${serviceCount}`, setup.image);
  spec.task.container.args = setup.args ?? [];
  spec.task.container.command = setup.command ?? [];
  if (setup.stopGracePeriodMs !== undefined) {
    spec.task.container.stopGracePeriodMs = setup.stopGracePeriodMs;
  }
  spec.endpoint.ports = setup.ports ?? [];
  if (setup.mounts) spec.task.container.mounts = setup.mounts;
  const service: Service = {
    id: serviceId,
    version: 0,
    createdAt: sim.now,
    updatedAt: sim.now,
    spec,
    specVersion: 1,
    previousSpec: null,
    previousSpecVersion: null,
    updateStatus: null,
    endpointPorts: spec.endpoint.ports,
  };
  sim.emit({ type: 'service/created', service });
  const taskId = setup.taskId ?? `task-${serviceCount}`;
  const task = buildTask(
    {
      id: taskId,
      serviceId,
      spec,
      specVersion: 1,
      slot: 1,
      nodeId: NODE,
      desiredState: setup.desiredState ?? 'running',
      origin: 'orchestrator',
    },
    sim.now,
  );
  sim.emit({ type: 'task/created', task });
  const pending = { message: 'pending task scheduling', err: '', exitCode: null };
  sim.emit({ type: 'task/stateChanged', taskId, state: 'pending', ...pending });
  const message = 'scheduler assigned task to node';
  if (setup.assignVia === 'stateChanged') {
    const status = { message, err: '', exitCode: null };
    sim.emit({ type: 'task/stateChanged', taskId, state: 'assigned', ...status });
  } else {
    const volumes = setup.volumes ? { volumes: setup.volumes } : {};
    sim.emit({ type: 'task/assigned', taskId, nodeId: NODE, message, ...volumes });
  }
  return taskId;
}

/** Marks `image` as already pulled on NODE. */
export function cacheImage(sim: Simulation, image: string): void {
  sim.emit({ type: 'node/imagePulled', nodeId: NODE, image });
}

/** The task's observed transitions as `state@ms`, from ASSIGNED on. */
export function timeline(sim: Simulation, taskId: string): string[] {
  const task = sim.state.tasks[taskId]!;
  return task.transitions.filter((t) => t.state !== 'new' && t.state !== 'pending').map(
    (t) => `${t.state}@${t.at}`,
  );
}

/** The lines a task logged, as `ms stream line`. */
export function logLines(events: readonly LoggedEvent[], taskId: string): string[] {
  return events.flatMap((event) =>
    event.type === 'task/logged' && event.taskId === taskId
      ? [`${event.t} ${event.stream} ${event.line}`]
      : [],
  );
}

/** Marks NODE down (heartbeat failure) or ready again, now. */
export function setNodeStatus(sim: Simulation, state: 'down' | 'ready'): void {
  const message = state === 'down' ? 'heartbeat failure' : '';
  sim.emit({ type: 'node/statusChanged', nodeId: NODE, state, message });
}

/** Changes the desired state of a task now. */
export function setDesired(sim: Simulation, taskId: string, desiredState: TaskState): void {
  sim.emit({ type: 'task/desiredStateChanged', taskId, desiredState });
}
