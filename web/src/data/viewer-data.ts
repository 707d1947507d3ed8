/**
 * Everything the viewer derives from one log, computed once when it is opened: the folded
 * timeline, names, every event in words, the charts' series and the fault marks.
 */
import { describeEvent, type DescribedEvent } from './describe.js';
import { parseLog, type ParsedLog } from './log.js';
import { Names } from './names.js';
import { faultMarks, serviceSeries, type FaultMark, type ServiceSeries } from './series.js';
import { Timeline } from './timeline.js';

/** A log opened in the viewer. */
export interface ViewerData {
  log: ParsedLog;
  timeline: Timeline;
  names: Names;
  /** described[i] is events[i] in words. */
  described: DescribedEvent[];
  series: ServiceSeries[];
  faults: FaultMark[];
}

/** Parses and folds a log's text; throws LogError with the line of the first problem. */
export function openLog(text: string): ViewerData {
  const log = parseLog(text);
  const timeline = new Timeline(log.events);
  const names = new Names(log.events);
  return {
    log,
    timeline,
    names,
    described: log.events.map((event) => describeEvent(event, names)),
    series: serviceSeries(log.events),
    faults: faultMarks(log.events, names),
  };
}

/** The indexes of up to `before` events before the cursor and `after` from it on. */
export function eventsAround(
  data: ViewerData,
  count: number,
  before: number,
  after: number,
): number[] {
  const from = Math.max(0, count - before);
  const to = Math.min(data.log.events.length, count + after);
  return Array.from({ length: to - from }, (_, offset) => from + offset);
}
