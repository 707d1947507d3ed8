/**
 * The log folded once, with a checkpoint of the state every K events, so the state at any time is
 * a checkpoint plus at most K-1 events. Checkpoints are immer snapshots: each shares with the one
 * before everything its K events did not touch, so a long log does not hold N full copies.
 * The fold is the engine's own (`applyEvent`), so what the viewer shows is what a replay folds.
 */
import { Immer } from 'immer';
import type { LoggedEvent } from '../../../src/model/events.js';
import { applyEvent } from '../../../src/model/reduce.js';
import { emptyClusterState, type ClusterState } from '../../../src/model/state.js';
import { LogError } from './log.js';

/**
 * Immer without auto-freeze: freezing each result made seeking about a third slower, and nothing
 * writes to a checkpoint anyway (every fold drafts a copy).
 */
const immer = new Immer({ autoFreeze: false });
const produce = immer.produce.bind(immer);

/** Events between two checkpoints. */
export const CHECKPOINT_EVERY = 200;

/** A folded log that answers "what was the state after n events / at time t". */
export class Timeline {
  /** checkpoints[k] is the state after k * every events. */
  private readonly checkpoints: ClusterState[] = [];
  /** The last state asked for, so playing forward folds only the new events. */
  private cached: { count: number; state: ClusterState } | null = null;

  /** Folds `events`; throws LogError (line numbers as in the file) when the fold refuses one. */
  constructor(
    readonly events: readonly LoggedEvent[],
    readonly every: number = CHECKPOINT_EVERY,
  ) {
    for (const event of events) deepFreeze(event);
    let state = emptyClusterState();
    this.checkpoints.push(produce(state, () => undefined));
    for (let from = 0; from < events.length; from += every) {
      state = foldRange(state, events, from, Math.min(from + every, events.length));
      if (from + every <= events.length) this.checkpoints.push(state);
    }
  }

  /** Virtual time of the first event (ms); 0 for an empty log. */
  get start(): number {
    return this.events[0]?.t ?? 0;
  }

  /** Virtual time of the last event (ms): a log does not record the run's horizon. */
  get end(): number {
    return this.events.at(-1)?.t ?? 0;
  }

  /** How many events happened at or before `time`. */
  countAt(time: number): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.events[middle]!.t <= time) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The state after the first `count` events (frozen: never mutate it). */
  stateAfter(count: number): ClusterState {
    const clamped = Math.max(0, Math.min(count, this.events.length));
    const slot = Math.floor(clamped / this.every);
    const cached = this.cached;
    const from =
      cached && cached.count <= clamped && Math.floor(cached.count / this.every) === slot
        ? cached
        : { count: slot * this.every, state: this.checkpoints[slot]! };
    const state =
      from.count === clamped ? from.state : foldRange(from.state, this.events, from.count, clamped);
    this.cached = { count: clamped, state };
    return state;
  }

  /** The state at virtual time `time`: every event stamped at or before it applied. */
  stateAt(time: number): ClusterState {
    return this.stateAfter(this.countAt(time));
  }
}

/** Applies events [from, to) to a copy of `state`. */
function foldRange(
  state: ClusterState,
  events: readonly LoggedEvent[],
  from: number,
  to: number,
): ClusterState {
  return produce(state, (draft) => {
    for (let index = from; index < to; index += 1) {
      try {
        applyEvent(draft, events[index]!);
      } catch (error) {
        // The header is line 1, so event i (0-based) is on line i + 2.
        throw new LogError((error as Error).message, index + 2);
      }
    }
  });
}

/**
 * Freezes an event and everything in it. Events are facts, never changed; and immer does not
 * walk frozen objects when it finishes a draft, so the specs a task shares with its event cost
 * nothing per fold (walking them made folding ~20 times slower).
 */
function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}
