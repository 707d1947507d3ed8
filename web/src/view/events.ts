/**
 * The events around the cursor, oldest first: applied ones, the last applied one highlighted,
 * then those to come. A click jumps just after that event.
 */
import { select } from 'd3';
import { formatDuration } from '../../../src/scenario/units.js';
import type { Cursor } from '../data/cursor.js';
import { eventsAround, type ViewerData } from '../data/viewer-data.js';
import { byId } from './dom.js';

const BEFORE = 14;
const AFTER = 14;

/** Redraws the events list for `cursor`; `onJump` gets the index of a clicked event. */
export function drawEvents(
  data: ViewerData,
  cursor: Cursor,
  onJump: (index: number) => void,
): void {
  const indexes = eventsAround(data, cursor.count, BEFORE, AFTER);
  const list = select(byId('events'));
  list
    .selectAll<HTMLLIElement, number>('li')
    .data(indexes, (index) => String(index))
    .join((enter) => {
      const item = enter.append('li');
      item.append('span').attr('class', 'at');
      item.append('span').attr('class', 'what');
      return item;
    })
    .attr('class', (index) => {
      const said = data.described[index]!;
      const last = cursor.count - 1;
      const when = index === last ? 'current' : index < last ? 'past' : 'future';
      return `ev c-${said.category} ${when}${said.bad ? ' bad' : ''}`;
    })
    .attr('data-index', (index) => index)
    .attr('title', (index) => data.described[index]!.output ?? null)
    .on('click', (_event, index) => onJump(index))
    .call((item) => {
      item.select('.at').text((index) => formatDuration(data.log.events[index]!.t));
      item.select('.what').text((index) => data.described[index]!.text);
    });
  // Keep the current event in the middle of the list without scrolling the page.
  const box = list.node() as HTMLElement;
  const current = box.querySelector<HTMLElement>('li.current');
  if (current) box.scrollTop = current.offsetTop - box.offsetTop - box.clientHeight / 2;
}
