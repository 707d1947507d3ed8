/**
 * One opened log on screen: the cursor, playback (virtual seconds per real second), keyboard
 * shortcuts, and the redraw of every view when the cursor moves.
 */
import { formatDuration } from '../../../src/scenario/units.js';
import { cursorAfterEvent, cursorAt, stepEvent, type Cursor } from '../data/cursor.js';
import { lanesOf } from '../data/lanes.js';
import { servicesOf } from '../data/services.js';
import { taskDetail } from '../data/task-detail.js';
import type { ViewerData } from '../data/viewer-data.js';
import { Charts } from './charts.js';
import { byId } from './dom.js';
import { drawEvents } from './events.js';
import { drawLanes, drawLegend } from './lanes.js';
import { Scrubber } from './scrubber.js';
import { drawTask } from './task.js';

/** Playback speeds: virtual time per real time. */
const SPEEDS = [0.5, 1, 2, 5, 10, 30, 60, 120];
const DEFAULT_SPEED = 10;

/** The viewer for one log. */
export class App {
  private cursor: Cursor;
  private selected: string | null = null;
  private playing = false;
  private speed = DEFAULT_SPEED;
  private lastFrame = 0;
  private readonly scrubber: Scrubber;
  private readonly charts: Charts;
  /** Aborts the window and document listeners when another log replaces this one. */
  private readonly listening = new AbortController();

  constructor(private readonly data: ViewerData) {
    this.cursor = cursorAt(data.timeline, 0);
    this.scrubber = new Scrubber(data, (time) => this.seek(cursorAt(data.timeline, time)));
    this.charts = new Charts(data);
    drawLegend();
    this.wireControls();
    const signal = this.listening.signal;
    window.addEventListener('resize', () => this.render(), { signal });
    this.render();
  }

  /** Stops playback and drops the listeners outside the viewer's own elements. */
  dispose(): void {
    this.setPlaying(false);
    this.listening.abort();
  }

  /** Moves the cursor and redraws; stops playback unless `keepPlaying`. */
  seek(cursor: Cursor, keepPlaying = false): void {
    if (!keepPlaying) this.setPlaying(false);
    this.cursor = cursor;
    this.render();
  }

  /** Handles a key; true when it was one of the viewer's shortcuts. */
  key(event: KeyboardEvent): boolean {
    const { timeline } = this.data;
    // Shift moves by a virtual second instead of by an event.
    const byTime = (ms: number) => cursorAt(timeline, this.cursor.time + ms);
    switch (event.key) {
      case ' ':
        this.setPlaying(!this.playing);
        return true;
      case 'ArrowRight':
        this.seek(event.shiftKey ? byTime(1000) : stepEvent(timeline, this.cursor, 1));
        return true;
      case 'ArrowLeft':
        this.seek(event.shiftKey ? byTime(-1000) : stepEvent(timeline, this.cursor, -1));
        return true;
      case 'Home':
        this.seek(cursorAt(timeline, 0));
        return true;
      case 'End':
        this.seek(cursorAt(timeline, timeline.end));
        return true;
      case '+':
      case '=':
      case '-':
        this.setSpeed(event.key === '-' ? -1 : 1);
        return true;
      default:
        return false;
    }
  }

  private wireControls(): void {
    const { timeline } = this.data;
    const click = (id: string, action: () => void) => byId(id).addEventListener('click', action);
    click('first', () => this.seek(cursorAt(timeline, 0)));
    click('last', () => this.seek(cursorAt(timeline, timeline.end)));
    click('prev', () => this.seek(stepEvent(timeline, this.cursor, -1)));
    click('next', () => this.seek(stepEvent(timeline, this.cursor, 1)));
    click('play', () => this.setPlaying(!this.playing));
    const speed = byId<HTMLSelectElement>('speed');
    const option = (value: number) => `<option value="${value}">${value}×</option>`;
    speed.innerHTML = SPEEDS.map(option).join('');
    speed.value = String(this.speed);
    speed.addEventListener('change', () => (this.speed = Number(speed.value)));
    const keydown = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLSelectElement || event.ctrlKey || event.metaKey) return;
      if (this.key(event)) event.preventDefault();
    };
    document.addEventListener('keydown', keydown, { signal: this.listening.signal });
  }

  private setSpeed(direction: 1 | -1): void {
    const index = SPEEDS.indexOf(this.speed) + direction;
    this.speed = SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, index))]!;
    byId<HTMLSelectElement>('speed').value = String(this.speed);
  }

  private setPlaying(playing: boolean): void {
    if (playing === this.playing) return;
    this.playing = playing;
    byId('play').textContent = playing ? '■ pause' : '▶ play';
    if (!playing) return;
    if (this.cursor.time >= this.data.timeline.end) this.cursor = cursorAt(this.data.timeline, 0);
    this.lastFrame = performance.now();
    requestAnimationFrame((now) => this.frame(now));
  }

  private frame(now: number): void {
    if (!this.playing) return;
    const elapsed = now - this.lastFrame;
    this.lastFrame = now;
    const time = this.cursor.time + elapsed * this.speed;
    this.seek(cursorAt(this.data.timeline, time), true);
    if (time >= this.data.timeline.end) this.setPlaying(false);
    else requestAnimationFrame((next) => this.frame(next));
  }

  private render(): void {
    const { data, cursor } = this;
    const state = data.timeline.stateAfter(cursor.count);
    const total = data.log.events.length;
    byId('clock').textContent =
      `${formatDuration(Math.round(cursor.time))} / ${formatDuration(data.timeline.end)}`;
    byId('position').textContent = `event ${cursor.count} of ${total}`;
    this.scrubber.update(cursor);
    drawLanes(lanesOf(state), this.selected, (id) => this.select(id));
    drawEvents(data, cursor, (index) => this.seek(cursorAfterEvent(data.timeline, index)));
    drawTask(this.selected ? taskDetail(state, data.names, this.selected) : null, this.selected);
    this.charts.update(cursor.time, servicesOf(state));
  }

  private select(taskId: string): void {
    this.selected = this.selected === taskId ? null : taskId;
    this.render();
  }
}
