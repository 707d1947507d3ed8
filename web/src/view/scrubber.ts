/**
 * The timeline under the controls: fault bands (injection to heal; a tick for an instant fault),
 * scenario steps and failed checks as ticks, the cursor, and a range input to drag through time.
 */
import { axisBottom, scaleLinear, select } from 'd3';
import { formatDuration } from '../../../src/scenario/units.js';
import type { Cursor } from '../data/cursor.js';
import { faultEnd, type FaultMark } from '../data/series.js';
import type { ViewerData } from '../data/viewer-data.js';
import { byId } from './dom.js';

const HEIGHT = 46;
/** A generous width of one character of a fault label (10 px sans-serif). */
const LABEL_CHAR_PX = 6;
const AXIS_AT = 26;

/** Draws the timeline strip and reports seeks to `onSeek` (virtual ms). */
export class Scrubber {
  private readonly svg = select(byId('track') as unknown as SVGSVGElement);
  private readonly input = byId<HTMLInputElement>('scrub');
  private width = 0;

  constructor(
    private readonly data: ViewerData,
    onSeek: (time: number) => void,
  ) {
    this.input.min = '0';
    this.input.max = String(data.timeline.end);
    this.input.addEventListener('input', () => onSeek(Number(this.input.value)));
    this.svg.on('click', (event: MouseEvent) => {
      const box = (this.svg.node() as SVGSVGElement).getBoundingClientRect();
      onSeek(this.scale().invert(event.clientX - box.left));
    });
  }

  /** Moves the cursor mark and the range input; redraws everything when the width changed. */
  update(cursor: Cursor): void {
    const width = (this.svg.node() as SVGSVGElement).clientWidth || 800;
    if (width !== this.width) this.draw(width);
    this.input.value = String(Math.round(cursor.time));
    const x = this.scale()(cursor.time);
    this.svg.select('.cursor').attr('x1', x).attr('x2', x);
  }

  /** The time scale the charts share: 0 .. the last event, inside 8 px margins. */
  scale() {
    return scaleLinear()
      .domain([0, Math.max(1, this.data.timeline.end)])
      .range([8, Math.max(9, (this.width || 800) - 8)])
      .clamp(true);
  }

  private draw(width: number): void {
    this.width = width;
    const x = this.scale();
    const svg = this.svg.attr('viewBox', `0 0 ${width} ${HEIGHT}`).attr('height', HEIGHT);
    svg.selectAll('*').remove();
    const end = this.data.timeline.end;
    svg
      .append('g')
      .selectAll('rect')
      .data(this.data.faults)
      .join('rect')
      .attr('class', (mark) => `fault fault-${mark.kind}`)
      .attr('x', (mark) => x(mark.at))
      .attr('y', 2)
      .attr('width', (mark) => Math.max(2, x(faultEnd(mark, end)) - x(mark.at)))
      .attr('height', AXIS_AT - 6)
      .append('title')
      .text((mark) => `${mark.label} at ${formatDuration(mark.at)}` +
        (mark.healedAt === null ? '' : `, healed at ${formatDuration(mark.healedAt)}`));
    svg
      .append('g')
      .selectAll('text')
      .data(labelled(this.data.faults, x))
      .join('text')
      .attr('class', 'fault-label')
      .attr('x', (mark) => x(mark.at) + 3)
      .attr('y', 12)
      .text((mark) => mark.label);
    const ticks = this.data.log.events.flatMap((event, index) => {
      const said = this.data.described[index]!;
      return said.category === 'step' || (said.category === 'check' && said.bad)
        ? [{ t: event.t, bad: said.bad, text: said.text }]
        : [];
    });
    svg
      .append('g')
      .selectAll('line')
      .data(ticks)
      .join('line')
      .attr('class', (tick) => (tick.bad ? 'tick bad' : 'tick'))
      .attr('x1', (tick) => x(tick.t))
      .attr('x2', (tick) => x(tick.t))
      .attr('y1', AXIS_AT - 8)
      .attr('y2', AXIS_AT)
      .append('title')
      .text((tick) => `${formatDuration(tick.t)} ${tick.text}`);
    svg
      .append('g')
      .attr('class', 'axis')
      .attr('transform', `translate(0,${AXIS_AT})`)
      .call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickFormat((value) =>
        formatDuration(Math.round(Number(value)))));
    svg.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', HEIGHT);
  }
}

/** Fault labels that fit: left to right, each one only where the one before it has ended. */
function labelled(marks: readonly FaultMark[], x: (time: number) => number): FaultMark[] {
  let free = -Infinity;
  return marks.filter((mark) => {
    if (x(mark.at) < free) return false;
    free = x(mark.at) + LABEL_CHAR_PX * mark.label.length + 8;
    return true;
  });
}
