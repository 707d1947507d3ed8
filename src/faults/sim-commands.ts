/**
 * Fault injection as scenario steps (`run: sim crash worker2`, or the structured `crash: worker2`)
 * and as `swarmsim shell` lines (src/shell/sim-commands.ts words the output for people): each
 * command names nodes by hostname and services by name, resolves them when it runs, and prints
 * the id of the fault it injected (or of those it healed), like a command would.
 */
import type { CommandOutput } from '../dockercli/command.js';
import type { SimContext } from '../engine/simulation.js';
import { nodeByHostname, serviceByName } from '../model/state.js';
import { isLeave, type Fault } from '../model/world.js';
import { parseDuration } from '../scenario/units.js';
import { hasLeft, healAllFaults, healFault, injectFault, leaveSwarm } from './inject.js';
import { RESTART_USAGE, restartArgs } from './restart-args.js';

/** A simulator-only command (same shape as the scenario's SimCommand). */
export interface FaultCommand {
  usage: string;
  check(args: readonly string[]): string | null;
  run(ctx: SimContext, args: readonly string[]): CommandOutput;
}

/** How many words a node command takes after its hostname. */
const NO_MORE = { min: 0, max: 0 };
const ONE_MORE = { min: 0, max: 1 };
const ONE_OR_TWO = { min: 1, max: 2 };

const ok = (stdout: string): CommandOutput => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string): CommandOutput => ({
  stdout: '',
  stderr: `${stderr}\n`,
  exitCode: 1,
});

/**
 * Resolves hostnames (comma-separated) to node ids, or says which one is unknown. A machine that
 * left and joined again has two nodes of its name: the one still in the swarm is meant.
 */
function nodeIds(ctx: SimContext, list: string): string[] | string {
  const ids: string[] = [];
  for (const host of list.split(',').filter((word) => word !== '')) {
    const member = ctx.state.nodeIds.find((id) => {
      const node = ctx.state.nodes[id]!;
      return node.description.hostname === host && !hasLeft(ctx, id);
    });
    const node = member ?? nodeByHostname(ctx.state, host)?.id;
    if (node === undefined) return `no node ${host}`;
    ids.push(node);
  }
  return ids;
}

function inject(ctx: SimContext, fault: Fault | string): CommandOutput {
  if (typeof fault === 'string') return fail(fault);
  const faultId = injectFault(ctx, fault);
  return typeof faultId === 'string' ? ok(`${faultId}\n`) : fail(faultId.refused);
}

/** A command acting on one node: `sim NAME HOST [args]`. */
function onNode(
  usage: string,
  extra: { min: number; max: number },
  build: (nodeId: string, args: readonly string[]) => Fault | string,
): FaultCommand {
  return {
    usage,
    check: (args) => {
      const count = args.length - 1;
      return args.length === 0 || count < extra.min || count > extra.max ? `usage: ${usage}` : null;
    },
    run: (ctx, [host, ...rest]) => {
      const ids = nodeIds(ctx, host!);
      if (typeof ids === 'string') return fail(ids);
      return inject(ctx, build(ids[0]!, rest));
    },
  };
}

/** The running task of SERVICE[.SLOT] (the first running one when no slot is given). */
function runningTask(ctx: SimContext, target: string): string | { error: string } {
  const [name, slot] = target.split('.');
  const service = serviceByName(ctx.state, name!);
  if (!service) return { error: `no service ${name}` };
  for (const taskId of ctx.state.tasksByService[service.id] ?? []) {
    const task = ctx.state.tasks[taskId]!;
    if (task.status.state !== 'running') continue;
    if (slot === undefined || String(task.slot) === slot) return taskId;
  }
  return { error: `no running task of ${target}` };
}

function durationOrDefault(word: string | undefined, fallback: number): number | string {
  if (word === undefined) return fallback;
  return parseDuration(word) ?? `bad duration '${word}'`;
}

/** Every fault command by name. */
export const FAULT_COMMANDS: Readonly<Record<string, FaultCommand>> = {
  crash: onNode('sim crash HOSTNAME', NO_MORE, (nodeId) => ({ kind: 'nodeCrash', nodeId })),
  restart: {
    usage: RESTART_USAGE,
    check: (args) => {
      if (args.length === 0) return `usage: ${RESTART_USAGE}`;
      const parsed = restartArgs(args.slice(1));
      return typeof parsed === 'string' ? parsed : null;
    },
    run: (ctx, [host, ...rest]) => {
      const ids = nodeIds(ctx, host!);
      if (typeof ids === 'string') return fail(ids);
      const parsed = restartArgs(rest);
      if (typeof parsed === 'string') return fail(parsed);
      return inject(ctx, { kind: 'nodeRestart', nodeId: ids[0]!, ...parsed });
    },
  },
  leave: {
    usage: 'sim leave HOSTNAME',
    check: (args) => (args.length !== 1 ? 'usage: sim leave HOSTNAME' : null),
    run: (ctx, [host]) => {
      const ids = nodeIds(ctx, host!);
      if (typeof ids === 'string') return fail(ids);
      const faultId = leaveSwarm(ctx, ids[0]!);
      return typeof faultId === 'string' ? ok(`${faultId}\n`) : fail(faultId.refused);
    },
  },
  'pull-fail': onNode('sim pull-fail HOSTNAME [IMAGE]', ONE_MORE, (nodeId, [image]) => ({
    kind: 'pullFailure',
    nodeId,
    image: image ?? '',
  })),
  'slow-pull': onNode('sim slow-pull HOSTNAME EXTRA [IMAGE]', ONE_OR_TWO, (nodeId, args) => {
    const extraMs = durationOrDefault(args[0], 0);
    if (typeof extraMs === 'string') return extraMs;
    return { kind: 'slowPull', nodeId, image: args[1] ?? '', extraMs };
  }),
  'start-fail': onNode('sim start-fail HOSTNAME [IMAGE]', ONE_MORE, (nodeId, [image]) => ({
    kind: 'startFailure',
    nodeId,
    image: image ?? '',
  })),
  partition: {
    usage: 'sim partition HOSTNAME[,HOSTNAME...] [HOSTNAME[,HOSTNAME...]] [--one-way]',
    check: (args) => {
      const lists = args.filter((word) => word !== '--one-way');
      return lists.length < 1 || lists.length > 2 ? 'name one or two groups of nodes' : null;
    },
    run: (ctx, args) => {
      const [first, second] = args.filter((word) => word !== '--one-way');
      const from = nodeIds(ctx, first!);
      if (typeof from === 'string') return fail(from);
      const to = second === undefined
        ? ctx.state.nodeIds.filter((id) => !from.includes(id))
        : nodeIds(ctx, second);
      if (typeof to === 'string') return fail(to);
      return inject(ctx, { kind: 'partition', from, to, oneWay: args.includes('--one-way') });
    },
  },
  kill: {
    usage: 'sim kill SERVICE[.SLOT] [EXIT-CODE]',
    check: (args) => (args.length < 1 || args.length > 2 ? 'name SERVICE[.SLOT] [EXIT]' : null),
    run: (ctx, [target, code]) => {
      const taskId = runningTask(ctx, target!);
      if (typeof taskId !== 'string') return fail(taskId.error);
      return inject(ctx, { kind: 'containerCrash', taskId, exitCode: Number(code ?? 1) });
    },
  },
  oom: {
    usage: 'sim oom SERVICE[.SLOT]',
    check: (args) => (args.length !== 1 ? 'usage: sim oom SERVICE[.SLOT]' : null),
    run: (ctx, [target]) => {
      const taskId = runningTask(ctx, target!);
      if (typeof taskId !== 'string') return fail(taskId.error);
      return inject(ctx, { kind: 'oomKill', taskId });
    },
  },
  heal: {
    usage: 'sim heal [all|HOSTNAME|FAULT-ID]',
    check: (args) => (args.length > 1 ? 'usage: sim heal [all|HOSTNAME|FAULT-ID]' : null),
    run: (ctx, [target]) => ok(healed(ctx, target ?? 'all').map((id) => `${id}\n`).join('')),
  },
};

/** Heals every fault, one fault by id, or every fault that involves a host; never a leave. */
function healed(ctx: SimContext, target: string): string[] {
  if (target === 'all') return healAllFaults(ctx);
  const hosts = nodeIds(ctx, target);
  const nodeId = typeof hosts === 'string' ? undefined : hosts[0];
  const ids = ctx.state.world.faults
    .filter(({ id, fault }) => {
      if (isLeave(fault)) return false;
      if (id === target) return true;
      if (nodeId === undefined) return false;
      if (fault.kind === 'partition') return [...fault.from, ...fault.to].includes(nodeId);
      return 'nodeId' in fault && fault.nodeId === nodeId;
    })
    .map(({ id }) => id);
  return ids.filter((id) => healFault(ctx, id));
}
