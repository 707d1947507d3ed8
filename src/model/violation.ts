/**
 * The error of the fold. It has its own module so that reduce.ts and the per-family reducers it
 * dispatches to (reduce-*.ts) can all throw it without importing one another in a cycle.
 */
import type { LoggedEvent } from './events.js';

/** An event that cannot apply to the state it was emitted against. */
export class ModelViolation extends Error {
  constructor(
    message: string,
    readonly event: LoggedEvent,
  ) {
    super(message);
    this.name = 'ModelViolation';
  }
}
