/**
 * What `run --check` adds at the end of a run beyond the per-event invariants: the liveness
 * judge (src/check/convergence.ts) that chaos and the property test use. Each slot left short
 * without an acceptable reason becomes one line, placed at the step that created its service.
 */
import { ConvergenceWatch, convergenceFailures } from '../check/convergence.js';
import type { Observer } from '../engine/simulation.js';
import type { LoggedEvent } from '../model/events.js';
import type { ClusterState } from '../model/state.js';
import { formatDuration } from '../scenario/units.js';

/** The convergence half of `--check`: watch the run, then judge its end. */
export class RunConvergenceCheck {
  readonly watch = new ConvergenceWatch();
  /** The state the last event left and that event's time, for callers that see no more. */
  last: { state: ClusterState; at: number } | null = null;

  /** Watches every event; also keeps the latest state (a lesson's session is out of reach). */
  readonly observe: Observer = (state, event) => {
    this.watch.observe(state, event);
    this.last = { state, at: event.t };
  };

  /**
   * One line per unexplained slot at `now` (ms), `file:line:col: what (when)`, or none. The
   * judge sees the final state; `events` (the run's log) only locate each service's creation.
   */
  failures(file: string, state: ClusterState, now: number, events: readonly LoggedEvent[] = []) {
    const when = `judged at the end, ${formatDuration(now)} of virtual time`;
    return convergenceFailures(state, { now, watch: this.watch }).map(({ service, problem }) => {
      return `${creationSource(events, service) ?? file}: ${problem} (${when})`;
    });
  }
}

/**
 * Where the step that created `service` is written: the first step logged after the service
 * appeared (a step is logged once its command returns), or null for a service made otherwise.
 */
function creationSource(events: readonly LoggedEvent[], service: string): string | null {
  const created = events.findIndex(
    (event) => event.type === 'service/created' && event.service.spec.name === service,
  );
  if (created < 0) return null;
  const step = events.slice(created).find((event) => event.type === 'scenario/stepRan');
  return step?.type === 'scenario/stepRan' ? step.source : null;
}
