/**
 * `leaderOnly(component)`: the manager components (allocator, orchestrators, scheduler, reaper)
 * run on the raft leader only, so while the swarm has no leader, or its leader reaches no quorum
 * and so commits nothing, nothing is reconciled (SWARM.md 8: no rescheduling, no restarts). One
 * wrapper in swarm.ts does it for all of them, rather than a check in each: while leaderless
 * (or without a quorum), events addressed to the component are held and its timers
 * that come due are held too; when a leader is elected, the held events are handed over in their
 * order, then the held timers run, so the component catches up on everything before it sees the
 * election. The component never notices it was paused, and its own memory stays consistent.
 */
import type { Component, SimContext } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import { cannotCommit } from './quorum.js';

type Held =
  | { kind: 'event'; event: LoggedEvent }
  | { kind: 'timer'; action: (ctx: SimContext) => void };

/** Wraps `component` so it acts only while the swarm has a leader. */
export function leaderOnly(component: Component): Component {
  const held: Held[] = [];
  let gated: SimContext | null = null;
  // A leader that reaches no quorum commits nothing either: it waits like a leaderless swarm.
  const leaderless = (ctx: SimContext): boolean => cannotCommit(ctx.state);

  /** The context the component sees: the same, except that its timers wait for a leader. */
  const wrap = (ctx: SimContext): SimContext => {
    if (gated) return gated;
    const context: SimContext = {
      // The engine's state object is never replaced, so a plain field (read on every event).
      state: ctx.state,
      get now() {
        return ctx.now;
      },
      emit: (event) => ctx.emit(event),
      at: (at, label, action) =>
        ctx.at(at, label, (later) => {
          if (leaderless(later)) held.push({ kind: 'timer', action });
          else action(wrap(later));
        }),
      rng: (stream) => ctx.rng(stream),
      newId: (kind) => ctx.newId(kind),
    };
    gated = context;
    return context;
  };

  const catchUp = (ctx: SimContext): void => {
    // Held work may itself be held again if leadership is lost while catching up.
    const pending = held.splice(0, held.length);
    for (let index = 0; index < pending.length; index += 1) {
      if (leaderless(ctx)) {
        held.push(...pending.slice(index));
        return;
      }
      const item = pending[index]!;
      if (item.kind === 'event') component.onEvent?.(wrap(ctx), item.event);
      else item.action(wrap(ctx));
    }
  };

  return {
    name: component.name,
    start: component.start ? (ctx) => component.start!(wrap(ctx)) : undefined,
    onEvent(ctx, event) {
      if (leaderless(ctx)) {
        held.push({ kind: 'event', event });
        return;
      }
      if (held.length > 0) catchUp(ctx);
      component.onEvent?.(wrap(ctx), event);
    },
  };
}
