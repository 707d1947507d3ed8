/**
 * The charts' data: per service, desired and running over time exactly as src/metrics measures
 * them (the numbers `run --timeline` and the availability summary print), and the faults to mark
 * on the timeline.
 */
import { availabilityFromLog, type AvailabilitySample } from '../../../src/metrics/availability.js';
import type { LoggedEvent } from '../../../src/model/events.js';
import type { FaultKind } from '../../../src/model/world.js';
import { faultWords } from './describe.js';
import type { Names } from './names.js';

/** One service's chart. */
export interface ServiceSeries {
  service: string;
  /** Each sample holds from its `t` until the next one (a step chart). */
  samples: AvailabilitySample[];
  degradedMs: number;
  downMs: number;
  /** The most replicas desired or running at any time: the chart's height. */
  peak: number;
}

/** Every service's chart, in the order the metrics list them (first seen in the log). */
export function serviceSeries(events: readonly LoggedEvent[]): ServiceSeries[] {
  return availabilityFromLog(events).map((service) => ({
    service: service.service,
    samples: service.samples,
    degradedMs: service.degradedMs,
    downMs: service.downMs,
    peak: Math.max(0, ...service.samples.map((sample) => Math.max(sample.desired, sample.running))),
  }));
}

/** The sample in effect at `time`, or null before the service existed. */
export function sampleAt(series: ServiceSeries, time: number): AvailabilitySample | null {
  let found: AvailabilitySample | null = null;
  for (const sample of series.samples) {
    if (sample.t > time) break;
    found = sample;
  }
  return found;
}

/** A fault on the timeline: a band from injection to heal, or a tick for an instant one. */
export interface FaultMark {
  faultId: string;
  kind: FaultKind;
  /** `nodeCrash worker2`. */
  label: string;
  at: number;
  /** When it was healed; null while it lasts to the end of the log or when it is instant. */
  healedAt: number | null;
  /** Index of the injecting event, to jump to it. */
  eventIndex: number;
}

/** When a mark's band ends: its heal, the log's end while it lasts, its start if instant. */
export function faultEnd(mark: FaultMark, logEnd: number): number {
  if (mark.kind === 'containerCrash' || mark.kind === 'oomKill') return mark.at;
  return mark.healedAt ?? logEnd;
}

/** The faults injected in the log, in injection order. */
export function faultMarks(events: readonly LoggedEvent[], names: Names): FaultMark[] {
  const marks: FaultMark[] = [];
  const open = new Map<string, FaultMark>();
  events.forEach((event, eventIndex) => {
    if (event.type === 'fault/injected') {
      const label = `${event.faultId} ${faultWords(event.fault, names)}`;
      const mark = { faultId: event.faultId, kind: event.fault.kind, label, at: event.t };
      marks.push({ ...mark, healedAt: null, eventIndex });
      open.set(event.faultId, marks.at(-1)!);
    } else if (event.type === 'fault/healed') {
      const mark = open.get(event.faultId);
      if (mark) mark.healedAt = event.t;
    }
  });
  return marks;
}
