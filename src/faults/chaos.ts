/**
 * Chaos: faults drawn from the seed (STYLE.md 11-14, TigerBeetle's swarm testing). Each fault
 * kind has a knob pair: a probability per second (an integer ratio) and a stability time, the
 * shortest a lasting fault stays in effect and the shortest a node stays healthy between two
 * faults, so faults do not flap faster than the swarm can notice them. Every decision is drawn
 * from the `chaos` stream and lands in the log as `fault/injected` / `fault/healed`, so a log
 * replays without the generator.
 */
import type { Rng } from '../engine/rng.js';
import type { SimContext } from '../engine/simulation.js';
import type { SimTime } from '../model/types.js';
import { isHostDown, type Fault, type FaultKind } from '../model/world.js';
import { healFault, injectFault } from './inject.js';

/** A probability as an integer ratio (TigerBeetle's Ratio): numerator out of denominator. */
export interface Ratio {
  numerator: number;
  denominator: number;
}

/** `numerator` in `denominator`. */
export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator };
}

/** The kinds chaos draws (a node leaving is permanent, so chaos never draws it). */
export type ChaosKind = Exclude<FaultKind, 'managerLoss' | 'nodeLeave'>;

/** One kind's knob pair. */
export interface ChaosKnob {
  /** Chance per second that one fault of this kind starts (per swarm, not per node). */
  probability: Ratio;
  /** Shortest time it lasts, and shortest quiet time of its node afterwards, ms. */
  stabilityMs: number;
}

/** Knobs per kind; a kind left out is never drawn. */
export type ChaosOptions = Partial<Record<ChaosKind, ChaosKnob>>;

/** A moderate mix of every kind, for tests and the chaos command's default. */
export const DEFAULT_CHAOS: Readonly<ChaosOptions> = {
  nodeCrash: { probability: ratio(1, 60), stabilityMs: 20_000 },
  nodeRestart: { probability: ratio(1, 60), stabilityMs: 5_000 },
  partition: { probability: ratio(1, 60), stabilityMs: 20_000 },
  containerCrash: { probability: ratio(1, 20), stabilityMs: 1_000 },
  oomKill: { probability: ratio(1, 40), stabilityMs: 1_000 },
  pullFailure: { probability: ratio(1, 60), stabilityMs: 15_000 },
  slowPull: { probability: ratio(1, 60), stabilityMs: 15_000 },
  startFailure: { probability: ratio(1, 60), stabilityMs: 15_000 },
};

const KIND_ORDER: readonly ChaosKind[] = [
  'nodeCrash', 'nodeRestart', 'partition', 'containerCrash', 'oomKill',
  'pullFailure', 'slowPull', 'startFailure',
];

/**
 * Starts drawing faults every second from now until `untilMs`; lasting faults heal themselves
 * after their stability time (up to twice it). What is still in effect at `untilMs` is left for
 * the caller to heal.
 */
export function startChaos(ctx: SimContext, options: ChaosOptions, untilMs: SimTime): void {
  const quietUntil: Record<string, SimTime> = {};
  const tick = (now: SimContext): void => {
    if (now.now >= untilMs) return;
    for (const kind of KIND_ORDER) {
      const knob = options[kind];
      if (!knob || !chance(now.rng('chaos'), knob.probability)) continue;
      const fault = drawFault(now, kind, quietUntil);
      if (!fault) continue;
      const faultId = injectFault(now, fault);
      if (typeof faultId !== 'string') continue;
      const stableMs = knob.stabilityMs + now.rng('chaos').int(0, knob.stabilityMs + 1);
      for (const nodeId of faultNodes(fault)) quietUntil[nodeId] = now.now + 2 * stableMs;
      if (healsItself(fault)) {
        const healAt = Math.min(now.now + stableMs, untilMs);
        now.at(healAt, 'chaos: heal', (later) => void healFault(later, faultId));
      }
    }
    now.at(now.now + 1000, 'chaos: tick', tick);
  };
  ctx.at(ctx.now, 'chaos: tick', tick);
}

function chance(rng: Rng, probability: Ratio): boolean {
  return rng.int(0, probability.denominator) < probability.numerator;
}

/** A fault of `kind` on a target drawn among those quiet now; null when there is none. */
function drawFault(ctx: SimContext, kind: ChaosKind, quietUntil: Record<string, SimTime>) {
  const { state } = ctx;
  const rng = ctx.rng('chaos');
  const quiet = state.nodeIds.filter(
    (id) => (quietUntil[id] ?? 0) <= ctx.now && !isHostDown(state.world, id),
  );
  const pick = <T>(items: readonly T[]): T | undefined =>
    items.length === 0 ? undefined : items[rng.int(0, items.length)];
  if (kind === 'containerCrash' || kind === 'oomKill') {
    const taskId = pick(runningTaskIds(ctx));
    if (taskId === undefined) return null;
    const exitCode = rng.int(1, 4);
    return kind === 'oomKill' ? { kind, taskId } : { kind, taskId, exitCode };
  }
  const nodeId = pick(quiet);
  if (nodeId === undefined) return null;
  switch (kind) {
    case 'nodeCrash':
      return { kind, nodeId };
    case 'nodeRestart':
      return { kind, nodeId, downMs: rng.int(2_000, 10_001) };
    case 'partition':
      return drawPartition(ctx, nodeId);
    case 'slowPull':
      return { kind, nodeId, image: '', extraMs: rng.int(5_000, 30_001) };
    case 'pullFailure':
    case 'startFailure':
      return { kind, nodeId, image: '' };
  }
}

/** Isolates the node from all others, sometimes one way only, sometimes with a companion. */
function drawPartition(ctx: SimContext, nodeId: string): Fault {
  const rng = ctx.rng('chaos');
  const others = ctx.state.nodeIds.filter((id) => id !== nodeId);
  const from = [nodeId];
  if (others.length > 2 && rng.int(0, 3) === 0) {
    from.push(others.splice(rng.int(0, others.length), 1)[0]!);
  }
  return { kind: 'partition', from, to: others, oneWay: rng.int(0, 4) === 0 };
}

/** Running tasks in service then creation order (a defined order to draw from). */
function runningTaskIds(ctx: SimContext): string[] {
  const ids: string[] = [];
  for (const serviceId of ctx.state.serviceIds) {
    for (const taskId of ctx.state.tasksByService[serviceId] ?? []) {
      if (ctx.state.tasks[taskId]!.status.state === 'running') ids.push(taskId);
    }
  }
  return ids;
}

/** Lasting faults that chaos must heal (a restart heals itself, crashes are instant). */
function healsItself(fault: Fault): boolean {
  const instantOrSelfHealing = ['nodeRestart', 'containerCrash', 'oomKill'];
  return !instantOrSelfHealing.includes(fault.kind);
}

function faultNodes(fault: Fault): string[] {
  if (fault.kind === 'partition') return fault.from;
  return 'nodeId' in fault ? [fault.nodeId] : [];
}
