/**
 * The discrete-event loop. Virtual time only moves here: it jumps from one due timer to the next.
 *
 * Within an instant, work is ordered like this:
 * 1. the earliest timer (ties: the order they were scheduled) runs and may emit events;
 * 2. each emitted event is stamped, logged and applied to the state at once, then queued for
 *    notification;
 * 3. queued events are handed to every component in registration order, FIFO; their reactions
 *    emit more events, which join the back of the same queue;
 * 4. when the queue is empty the next timer runs (possibly at the same instant).
 * A component therefore always reads the current state, which may already be ahead of the event
 * it is being told about, exactly like a swarmkit component reading the store after a watch event.
 */
import type { LoggedEvent, SimEvent } from '../model/events.js';
import { applyEvent } from '../model/reduce.js';
import { emptyClusterState, type ClusterState } from '../model/state.js';
import type { SimTime } from '../model/types.js';
import { newId, type IdKind } from './ids.js';
import type { LogWriter } from './log.js';
import { TimedQueue } from './queue.js';
import { RandomStreams, type Rng } from './rng.js';

/** What a component may do: read state, emit facts, ask to be woken, draw from its stream. */
export interface SimContext {
  /** The live state; treat it as read-only and change it only through `emit`. */
  readonly state: ClusterState;
  readonly now: SimTime;
  /**
   * Records a fact: stamped with `now` (the object itself gains `t`, so emit a fresh object),
   * logged, applied, then announced to every component.
   */
  emit(event: SimEvent): void;
  /** Runs `action` at virtual time `at` (not before now). `label` names it in errors. */
  at(at: SimTime, label: string, action: (ctx: SimContext) => void): void;
  /** The named random stream (see `RandomStreams`). */
  rng(stream: string): Rng;
  /** A fresh docker-looking id of the given kind. */
  newId(kind: IdKind): string;
}

/** A part of the swarm (scheduler, orchestrator, agent...): reacts to events, never calls peers. */
export interface Component {
  readonly name: string;
  /** Called once when the run starts, before any timer. */
  start?(ctx: SimContext): void;
  /** Called for every applied event, in log order. */
  onEvent?(ctx: SimContext, event: LoggedEvent): void;
}

/** Watches every applied event without acting: invariant checkers, metrics. */
export type Observer = (state: ClusterState, event: LoggedEvent) => void;

export interface SimulationOptions {
  seed: number;
  /** Streams seeded apart from `seed`, by stream name (RandomStreams). */
  streamSeeds?: Readonly<Record<string, number>>;
  components: Component[];
  /** Where events are written; omit for a run that only needs the final state. */
  log?: LogWriter;
  observers?: Observer[];
  /** Events allowed within one instant before the run is declared stuck in a loop. */
  eventsPerInstantMax?: number;
}

/** Thrown when components keep reacting to each other without time moving. */
export class NoQuiescenceError extends Error {
  override name = 'NoQuiescenceError';
}

interface Timer {
  label: string;
  action: (ctx: SimContext) => void;
}

export class Simulation {
  readonly state: ClusterState = emptyClusterState();
  readonly random: RandomStreams;
  private clock: SimTime = 0;
  private readonly timers = new TimedQueue<Timer>();
  private readonly pending: LoggedEvent[] = [];
  private pendingHead = 0;
  private eventsThisInstant = 0;
  private instant: SimTime = -1;
  private started = false;
  private readonly context: SimContext;
  private readonly components: Component[];
  private readonly observers: Observer[];
  private readonly eventsPerInstantMax: number;
  /** Events applied so far. */
  eventCount = 0;

  constructor(private readonly options: SimulationOptions) {
    this.random = new RandomStreams(options.seed, options.streamSeeds);
    this.components = options.components;
    this.observers = options.observers ?? [];
    this.eventsPerInstantMax = options.eventsPerInstantMax ?? 5_000_000;
    const sim = this;
    this.context = {
      // A plain field, not a getter: the state object is never replaced (events change it in
      // place), and components read it several times per event.
      state: this.state,
      get now() {
        return sim.clock;
      },
      emit: (event) => sim.emit(event),
      at: (at, label, action) => sim.at(at, label, action),
      rng: (stream) => sim.random.stream(stream),
      newId: (kind) => newId(sim.random, kind),
    };
  }

  /** Current virtual time. */
  get now(): SimTime {
    return this.clock;
  }

  /** The context components see; scenario drivers use it to act from outside. */
  get ctx(): SimContext {
    return this.context;
  }

  /** Schedules `action` at virtual time `at`. */
  at(at: SimTime, label: string, action: (ctx: SimContext) => void): void {
    if (!Number.isInteger(at) || at < this.clock) {
      throw new RangeError(`${label}: cannot schedule at ${at} ms (now ${this.clock} ms)`);
    }
    this.timers.push(at, { label, action });
  }

  /** Emits an event from outside any timer (e.g. at set-up) and settles its consequences. */
  emit(event: SimEvent): void {
    // Serialise before applying: the reducer may keep parts of the event in the live state.
    // The line is built by hand so `t` leads it, without copying the event (a hot path).
    const line = this.options.log ? `{"t":${this.clock},${JSON.stringify(event).slice(1)}` : '';
    const logged = event as LoggedEvent;
    logged.t = this.clock;
    applyEvent(this.state, logged);
    this.eventCount += 1;
    this.options.log?.append(logged, line);
    for (const observe of this.observers) observe(this.state, logged);
    this.pending.push(logged);
    this.countInstantEvent();
  }

  /** Runs every timer due at or before `until`, then leaves the clock at `until`. */
  runUntil(until: SimTime): void {
    this.start();
    this.settle();
    for (;;) {
      const next = this.timers.peekTime();
      if (next === undefined || next > until) break;
      const { at, item } = this.timers.pop()!;
      this.clock = at;
      item.action(this.context);
      this.settle();
    }
    if (until > this.clock) this.clock = until;
  }

  /** Time of the next scheduled timer, if any. */
  nextTimerAt(): SimTime | undefined {
    return this.timers.peekTime();
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    for (const component of this.components) component.start?.(this.context);
  }

  /** Announces queued events to every component until none are left. */
  private settle(): void {
    while (this.pendingHead < this.pending.length) {
      const event = this.pending[this.pendingHead++]!;
      for (const component of this.components) component.onEvent?.(this.context, event);
    }
    this.pending.length = 0;
    this.pendingHead = 0;
  }

  private countInstantEvent(): void {
    if (this.instant !== this.clock) {
      this.instant = this.clock;
      this.eventsThisInstant = 0;
    }
    this.eventsThisInstant += 1;
    if (this.eventsThisInstant > this.eventsPerInstantMax) {
      const limit = this.eventsPerInstantMax;
      throw new NoQuiescenceError(
        `more than ${limit} events at ${this.clock} ms: components keep reacting`,
      );
    }
  }
}
