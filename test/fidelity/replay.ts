/**
 * Replays a recorded case on the simulator: the same single node (the real manager1's CPUs and
 * memory), the case's state-changing docker commands at the times the real cluster received them
 * (their recorded store writes, store-writes.ts), and a log of what happened to every task, in
 * seconds since T0 like the recording.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AgentOptions } from '../../src/agent/agent.js';
import { REPORT_STREAM } from '../../src/agent/reporter.js';
import { splitShellWords } from '../../src/dockercli/shlex.js';
import { runDockerCommand, type CommandOutput } from '../../src/dockercli/run.js';
import type { Simulation } from '../../src/engine/simulation.js';
import type { LoggedEvent } from '../../src/model/events.js';
import { UPDATER_STREAM } from '../../src/orchestrator/update-slot.js';
import { createSwarm } from '../../src/swarm.js';
import type { RecordedCommand, Recording } from './recording.js';
import { storeWriteTimes } from './store-writes.js';

/** The image ID the recording used; the simulation runs `busybox` in its place. */
export const RECORDED_IMAGE =
  'sha256:ffb7e347f4363d366cbdbc94b0a540ef7d8a97b6555154e6d572c87754a5b5bc';

/** The image was loaded on the real node beforehand (`--no-resolve-image`, no registry). */
export const NO_PULL: AgentOptions = { pullMsByImage: { busybox: 0 } };

/** Commands that change the swarm; the others (ls, ps, inspect) only read and are not replayed. */
const MUTATING = [
  'service create', 'service scale', 'service update', 'service rollback', 'service rm',
  'node update',
];

/** One task as the simulation lived it, times in s since T0. */
export interface SimTask {
  id: string;
  service: string;
  /** Null for a global task. */
  slot: number | null;
  createdT: number;
  /**
   * Every observed state with when it was entered (Status.Timestamp), when the store got it
   * (`storedT`), and the status that came with it.
   */
  states: {
    state: string; t: number; storedT: number; message: string; err: string;
    exitCode: number | null;
  }[];
  /** Every desired state with when it was set, the first at creation. */
  desired: { state: string; t: number }[];
  /** Status re-reports without a state change (new Status.Timestamp). */
  refreshes: { t: number; exitCode: number | null }[];
  /** When the task left the store, null if it is still there. */
  removedT: number | null;
}

/** A replayed case: the simulation, each replayed command's output, and every task's story. */
export interface Replay {
  sim: Simulation;
  /** Output of each replayed command, keyed by the recorded command text. */
  outputs: { cmd: string; t: number; output: CommandOutput }[];
  tasks: SimTask[];
  /** Runs the simulation on to `t` seconds since T0. */
  runTo(t: number): void;
}

interface NodeJson {
  Description: { Hostname: string; Resources: { NanoCPUs: number; MemoryBytes: number } };
}

/** The real node (node.json): a 2-CPU manager with 23.5 GiB. */
export function realNode(): { hostname: string; cpus: number; memoryBytes: number } {
  const path = fileURLToPath(new URL('../fixtures/real-docker/node.json', import.meta.url));
  const [node] = JSON.parse(readFileSync(path, 'utf8')) as NodeJson[];
  const { Hostname, Resources } = node!.Description;
  return { hostname: Hostname, cpus: Resources.NanoCPUs / 1e9, memoryBytes: Resources.MemoryBytes };
}

/**
 * The seed a case replays with, when not 1 (the default): a recording is one draw among those the
 * real swarm could make (Go map order, races), and a case whose draw swarmsim reproduces only for
 * some seeds names one here, chosen from the recorded facts, never by trying seeds until a test
 * passes.
 */
export const CASE_SEEDS: Readonly<Record<string, number>> = {};

/**
 * The seed of the updater's stream alone (the order it takes dirty slots in, known difference 9)
 * for the cases with several updates, so that every update and rollback goes in the recorded
 * order whatever the other streams draw. Chosen from the recorded orders as
 * cli-snapshots-slot-order.ts describes; cli-snapshots-slot-order.test.ts checks them.
 */
export const SLOT_ORDER_SEEDS: Readonly<Record<string, number>> = {
  'manual-rollback-twice': 2,
  'update-auto-rollback': 374,
  'update-continue': 2,
  'update-pause-on-failure': 7,
};

/**
 * The seed of the agent's report stream alone (`agent.report`, src/agent/reporter.ts: whether a
 * RUNNING soon followed by an exit reaches the store, known difference 14, and the status
 * batch's phase): the seed whose draws reproduce the recorded races, the smallest whose stored
 * and lost RUNNING statuses fit every one the recording shows (the poll saw it, or the updater
 * acted as if it had not), whatever the other streams draw. Found with
 * `npx tsx test/fidelity/report-race-seeds.ts CASE`. The status writes a recording pins are not
 * seeded but replayed (recorded-writes.ts).
 */
export const REPORT_SEEDS: Readonly<Record<string, number>> = {
  'create-no-command': 2,
  'update-immediate-exit': 112,
};

/** The options of `replayCase`. */
export interface ReplayOptions {
  agent?: AgentOptions;
  only?: (cmd: string) => boolean;
  /** The simulation's seed; by default the case's entry in CASE_SEEDS, else 1. */
  seed?: number;
  /** The updater stream's seed; by default the case's entry in SLOT_ORDER_SEEDS, else `seed`. */
  updaterSeed?: number;
  /** The agent.report stream's seed; by default the case's entry in REPORT_SEEDS, else `seed`. */
  reportSeed?: number;
  /** Runs each command at its recorded start, not at its recorded store write (store-writes.ts). */
  atCommandStart?: boolean;
}

/**
 * Builds the case's swarm and schedules every state-changing command of `recording` (or those
 * for which `only` holds) at the time the real cluster received it: its recorded store write, or
 * its start when it wrote nothing (store-writes.ts). Nothing runs until `runTo`.
 */
export function replayCase(recording: Recording, options: ReplayOptions = {}): Replay {
  const tasks = new Map<string, SimTask>();
  const serviceNames = new Map<string, string>();
  const updaterSeed = options.updaterSeed ?? SLOT_ORDER_SEEDS[recording.name];
  const reportSeed = options.reportSeed ?? REPORT_SEEDS[recording.name];
  const sim = createSwarm({
    seed: options.seed ?? CASE_SEEDS[recording.name] ?? 1,
    streamSeeds: {
      ...(updaterSeed === undefined ? {} : { [UPDATER_STREAM]: updaterSeed }),
      ...(reportSeed === undefined ? {} : { [REPORT_STREAM]: reportSeed }),
    },
    nodes: [{ ...realNode(), role: 'manager' }],
    agent: options.agent ?? NO_PULL,
    observers: [(_state, event) => record(event, tasks, serviceNames)],
  });
  const session = { nodeId: sim.state.nodeIds[0]! };
  const outputs: Replay['outputs'] = [];
  const writes = options.atCommandStart
    ? new Map<RecordedCommand, number>()
    : storeWriteTimes(recording);
  for (const command of recording.commands) {
    if (!isMutating(command.cmd) || (options.only && !options.only(command.cmd))) continue;
    const argv = commandWords(command.cmd);
    const received = writes.get(command) ?? command.t;
    sim.at(Math.round(received * 1000), `replay: ${command.cmd}`, (ctx) => {
      const output = runDockerCommand(ctx, argv, session);
      outputs.push({ cmd: command.cmd, t: command.t, output });
    });
  }
  return {
    sim,
    outputs,
    get tasks() {
      return [...tasks.values()];
    },
    runTo: (t) => sim.runUntil(Math.round(t * 1000)),
  };
}

function isMutating(cmd: string): boolean {
  return MUTATING.some((prefix) => cmd.startsWith(`docker ${prefix} `));
}

/** The recorded command line as argv, with the recorded image replaced by busybox. */
export function commandWords(cmd: string): string[] {
  const words = splitShellWords(cmd);
  if ('error' in words) throw new Error(`cannot split ${cmd}: ${words.error}`);
  return words.value.map((word) => (word === RECORDED_IMAGE ? 'busybox' : word));
}

function record(event: LoggedEvent, tasks: Map<string, SimTask>, names: Map<string, string>) {
  const t = event.t / 1000;
  switch (event.type) {
    case 'service/created':
      names.set(event.service.id, event.service.spec.name);
      return;
    case 'task/created': {
      const { task } = event;
      tasks.set(task.id, {
        id: task.id,
        service: names.get(task.serviceId) ?? task.serviceId,
        slot: task.slot === 0 ? null : task.slot,
        createdT: t,
        states: [
          { state: task.status.state, t, storedT: t, message: task.status.message, err: '',
            exitCode: null },
        ],
        desired: [{ state: task.desiredState, t }],
        refreshes: [],
        removedT: null,
      });
      return;
    }
    default:
      recordTaskEvent(event, t, tasks);
  }
}

function recordTaskEvent(event: LoggedEvent, t: number, tasks: Map<string, SimTask>): void {
  if (!('taskId' in event)) return;
  const task = tasks.get(event.taskId);
  if (!task) return;
  switch (event.type) {
    case 'task/stateChanged':
      // Status.Timestamp: the agent's time, which a batched write carries (as the recording's).
      task.states.push({
        state: event.state,
        t: event.reportedAt === undefined ? t : event.reportedAt / 1000,
        storedT: t,
        message: event.message,
        err: event.err,
        exitCode: event.exitCode,
      });
      return;
    case 'task/assigned':
      task.states.push({
        state: 'assigned', t, storedT: t, message: event.message, err: '', exitCode: null,
      });
      return;
    case 'task/unschedulable': {
      const last = task.states[task.states.length - 1]!;
      last.err = event.err;
      return;
    }
    case 'task/desiredStateChanged':
      task.desired.push({ state: event.desiredState, t });
      return;
    case 'task/statusRefreshed':
      task.refreshes.push({
        t: event.reportedAt === undefined ? t : event.reportedAt / 1000,
        exitCode: event.exitCode,
      });
      return;
    case 'task/removed':
      task.removedT = t;
      return;
    default:
      return;
  }
}
