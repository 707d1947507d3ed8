/**
 * Assembles a simulated swarm: the engine plus every swarm component in a fixed order, and the
 * initial cluster (swarm init, then each node joining) recorded as the log's first events.
 *
 * Component order is part of the determinism contract: when one event interests several
 * components, they react in this order. It follows the flow of a task through swarmkit:
 * allocator, orchestrators, enforcer, reaper, scheduler, then the agents on the nodes.
 */
import { createAgent, type AgentOptions } from './agent/agent.js';
import { createCsiManager } from './csi/manager.js';
import { createDispatcher } from './dispatcher/dispatcher.js';
import { createFaultEffects } from './faults/effects.js';
import type { LogWriter } from './engine/log.js';
import { Simulation, type Observer } from './engine/simulation.js';
import { DEFAULT_HEARTBEAT_PERIOD_MS, DEFAULT_TASK_HISTORY_RETENTION_LIMIT } from './model/defaults.js';
import { buildNode, type NodeOptions } from './model/factory.js';
import { createIngressNetwork } from './network/networks.js';
import { createAllocator } from './orchestrator/allocator.js';
import { createConstraintEnforcer } from './orchestrator/constraint-enforcer.js';
import { createGlobalOrchestrator } from './orchestrator/global.js';
import { createJobsOrchestrator } from './orchestrator/jobs.js';
import { createTaskReaper } from './orchestrator/reaper.js';
import { createReplicatedOrchestrator } from './orchestrator/replicated.js';
import { leaderOnly } from './raft/leader-only.js';
import { createRaft } from './raft/raft.js';
import { createTaskInit } from './raft/task-init.js';
import { parseNodeGenericResources } from './scheduler/generic.js';
import { createScheduler } from './scheduler/scheduler.js';

/**
 * One machine of the initial cluster: buildNode's options without what createSwarm assigns
 * (id, address, leadership), and with CPUs as a count instead of nano-CPUs.
 */
export interface NodeDefinition extends Omit<NodeOptions, 'id' | 'addr' | 'nanoCPUs' | 'leader'> {
  /** CPUs the engine reports (NCPU); default 2. */
  cpus?: number;
  /** Generic resources the engine advertises, `KIND=COUNT` or `KIND=NAME` (SWARM.md 5.10). */
  genericResources?: string[];
}

export interface SwarmOptions {
  seed: number;
  /** Streams seeded apart from `seed`, by stream name (RandomStreams); default none. */
  streamSeeds?: Readonly<Record<string, number>>;
  /** The nodes at start; the first manager initialised the swarm and leads it. */
  nodes: NodeDefinition[];
  /** Tasks kept per slot (`--task-history-limit`), default 5. */
  taskHistoryRetentionLimit?: number;
  heartbeatPeriodMs?: number;
  agent?: AgentOptions;
  log?: LogWriter;
  observers?: Observer[];
  /**
   * false: machines not yet in a swarm (`swarmsim shell`): no cluster and no node until a
   * `docker swarm init` emits them; `nodes` is then ignored. Default true.
   */
  initialized?: boolean;
}

/** Node addresses: 192.168.0.11, .12, ... in definition order, as on Play with Docker. */
export function nodeAddress(index: number): string {
  return `192.168.0.${11 + index}`;
}

export function createSwarm(options: SwarmOptions): Simulation {
  const initialized = options.initialized ?? true;
  if (initialized && !options.nodes.some((node) => node.role === 'manager')) {
    throw new RangeError('a swarm needs at least one manager');
  }
  const sim = new Simulation({
    seed: options.seed,
    streamSeeds: options.streamSeeds,
    log: options.log,
    observers: options.observers,
    components: [
      // Leadership first, so every other component reacts to a settled leader; then the
      // dispatcher (node status), then the manager components, which run on the leader only.
      createRaft(),
      createDispatcher(),
      createTaskInit(),
      leaderOnly(createAllocator()),
      leaderOnly(createReplicatedOrchestrator()),
      leaderOnly(createGlobalOrchestrator()),
      leaderOnly(createJobsOrchestrator()),
      leaderOnly(createConstraintEnforcer()),
      leaderOnly(createTaskReaper()),
      leaderOnly(createScheduler()),
      leaderOnly(createCsiManager()),
      createAgent(options.agent),
      createFaultEffects(),
    ],
  });
  const ctx = sim.ctx;
  if (!initialized) return sim;
  sim.emit({
    type: 'cluster/initialized',
    clusterId: ctx.newId('cluster'),
    taskHistoryRetentionLimit:
      options.taskHistoryRetentionLimit ?? DEFAULT_TASK_HISTORY_RETENTION_LIMIT,
    heartbeatPeriodMs: options.heartbeatPeriodMs ?? DEFAULT_HEARTBEAT_PERIOD_MS,
  });
  createIngressNetwork(ctx);
  const leader = options.nodes.find((node) => node.role === 'manager');
  options.nodes.forEach((definition, index) => {
    const { genericResources, ...nodeOptions } = definition;
    const node = buildNode(
      {
        ...nodeOptions,
        id: ctx.newId('node'),
        addr: nodeAddress(index),
        nanoCPUs: definition.cpus === undefined ? undefined : Math.round(definition.cpus * 1e9),
        leader: definition === leader,
      },
      sim.now,
    );
    if (genericResources?.length) {
      node.description.resources.generic = parseNodeGenericResources(genericResources);
    }
    sim.emit({ type: 'node/joined', node });
  });
  return sim;
}
