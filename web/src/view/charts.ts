/**
 * One step chart per service: running as an area, desired as a line, over the same time axis as
 * the scrubber, with the fault bands behind and the cursor in front. The numbers are those of
 * src/metrics (a crashed host's tasks stop counting at the crash), so they match `--timeline`.
 */
import { area, axisLeft, curveStepAfter, line, scaleLinear, select, type Selection } from 'd3';
import type { AvailabilitySample } from '../../../src/metrics/availability.js';
import { formatDuration } from '../../../src/scenario/units.js';
import { faultEnd, sampleAt, type ServiceSeries } from '../data/series.js';
import type { ServiceRow } from '../data/services.js';
import type { ViewerData } from '../data/viewer-data.js';
import { byId } from './dom.js';

const HEIGHT = 90;
const LEFT = 30;

/** The charts, drawn once per width; `update` moves the cursor and the headings. */
export class Charts {
  private width = 0;

  constructor(private readonly data: ViewerData) {}

  /** Moves the cursor to `time` and writes each service's numbers at that time. */
  update(time: number, services: readonly ServiceRow[]): void {
    const root = byId('charts');
    // A chart's content box is the list's width less its padding and border (style.css).
    const width = Math.max(200, (root.clientWidth || 800) - 14);
    if (width !== this.width) this.draw(width);
    const x = this.scale();
    const charts = select(root).selectAll<HTMLDivElement, ServiceSeries>('div.chart');
    charts.select('.cursor').attr('x1', x(time)).attr('x2', x(time));
    charts.select('.numbers').text((series) => {
      const sample = sampleAt(series, time);
      const row = services.find((service) => service.name === series.service);
      const counts = sample ? `running ${sample.running} of ${sample.desired} desired` : 'not yet';
      const replicas = row ? ` · REPLICAS ${row.replicas}` : ' · removed';
      const update = row?.update ? ` · update ${row.update}` : '';
      return `${counts}${replicas}${update}`;
    });
  }

  private scale() {
    return scaleLinear()
      .domain([0, Math.max(1, this.data.timeline.end)])
      .range([LEFT, Math.max(LEFT + 1, this.width - 8)])
      .clamp(true);
  }

  private draw(width: number): void {
    this.width = width;
    const root = select(byId('charts'));
    root.selectAll('*').remove();
    if (this.data.series.length === 0) {
      root.append('p').attr('class', 'hint').text('No service in this log.');
      return;
    }
    const chart = root
      .selectAll('div.chart')
      .data(this.data.series)
      .join('div')
      .attr('class', 'chart')
      .attr('data-service', (series) => series.service);
    const title = chart.append('div').attr('class', 'chart-title');
    title.append('strong').text((series) => series.service);
    title.append('span').attr('class', 'numbers');
    title.append('span').attr('class', 'totals').text((series) =>
      `short of replicas ${formatDuration(series.degradedMs)}, ` +
      `nothing running ${formatDuration(series.downMs)}`);
    chart.append('svg').each((series, index, nodes) => {
      this.drawOne(select(nodes[index] as SVGSVGElement), series);
    });
  }

  private drawOne(svg: Selection<SVGSVGElement, unknown, null, undefined>, series: ServiceSeries) {
    const x = this.scale();
    const y = scaleLinear().domain([0, Math.max(1, series.peak)]).range([HEIGHT - 6, 6]).nice();
    const end = this.data.timeline.end;
    // The last sample holds until the end of the log: repeat it there so the step reaches it.
    const last = series.samples.at(-1);
    const points: AvailabilitySample[] = last ? [...series.samples, { ...last, t: end }] : [];
    svg.attr('viewBox', `0 0 ${this.width} ${HEIGHT}`).attr('height', HEIGHT);
    svg.append('g').selectAll('rect').data(this.data.faults).join('rect')
      .attr('class', (mark) => `fault fault-${mark.kind}`)
      .attr('x', (mark) => x(mark.at))
      .attr('width', (mark) => Math.max(1, x(faultEnd(mark, end)) - x(mark.at)))
      .attr('y', 0)
      .attr('height', HEIGHT);
    const running = area<AvailabilitySample>().curve(curveStepAfter)
      .x((sample) => x(sample.t)).y0(y(0)).y1((sample) => y(sample.running));
    const desired = line<AvailabilitySample>().curve(curveStepAfter)
      .x((sample) => x(sample.t)).y((sample) => y(sample.desired));
    svg.append('path').attr('class', 'running').attr('d', running(points));
    svg.append('path').attr('class', 'desired').attr('d', desired(points));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${LEFT},0)`)
      .call(axisLeft(y).ticks(Math.min(4, Math.max(1, series.peak))).tickFormat((v) => String(v)));
    svg.append('line').attr('class', 'cursor').attr('y1', 0).attr('y2', HEIGHT);
  }
}
