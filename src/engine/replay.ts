/**
 * Re-folds a log: checks its header, applies every event with the same reducer the engine used,
 * and verifies the footer hash. It needs no generator and no component, only `model/`.
 */
import type { LoggedEvent } from '../model/events.js';
import { applyEvent } from '../model/reduce.js';
import { emptyClusterState, type ClusterState } from '../model/state.js';
import { hashLogLines, type LogFooter, type LogHeader } from './log.js';
import { LogFormatError, parseLog } from './log-parse.js';

export { LogFormatError } from './log-parse.js';

export interface ReplayResult {
  header: LogHeader;
  footer: LogFooter;
  events: LoggedEvent[];
  state: ClusterState;
  /** The hash recomputed from the lines; equals `footer.hash` when the log is intact. */
  computedHash: string;
}

export function replayLog(text: string): ReplayResult {
  const { header, footer, events, hashedLines } = parseLog(text);
  const state = emptyClusterState();
  events.forEach((event, index) => {
    try {
      applyEvent(state, event);
    } catch (error) {
      throw new LogFormatError((error as Error).message, index + 2);
    }
  });
  return { header, footer, events, state, computedHash: hashLogLines(hashedLines) };
}
