/**
 * Where the viewer stands: a virtual time and how many events are applied. They usually agree
 * (every event stamped at or before the time), but stepping through events that share an
 * instant applies them one at a time, so the count is what the picture is drawn from.
 */
import type { Timeline } from './timeline.js';

/** A position in the log. */
export interface Cursor {
  /** Virtual time, ms. */
  time: number;
  /** Events applied: the state drawn is `timeline.stateAfter(count)`. */
  count: number;
}

/** The cursor at `time` (clamped to the log), every event up to it applied. */
export function cursorAt(timeline: Timeline, time: number): Cursor {
  const clamped = Math.max(0, Math.min(time, timeline.end));
  return { time: clamped, count: timeline.countAt(clamped) };
}

/** Just after the event at `index`: it and every one before it applied. */
export function cursorAfterEvent(timeline: Timeline, index: number): Cursor {
  const count = Math.max(0, Math.min(index + 1, timeline.events.length));
  return { time: timeline.events[count - 1]?.t ?? 0, count };
}

/** One event forward (`+1`) or back (`-1`). */
export function stepEvent(timeline: Timeline, cursor: Cursor, delta: 1 | -1): Cursor {
  return cursorAfterEvent(timeline, cursor.count - 1 + delta);
}
