/**
 * A binary min-heap of timed items ordered by (time, sequence): items due at the same instant
 * come out in the order they were scheduled, which makes same-time ties FIFO and reproducible.
 */
import type { SimTime } from '../model/types.js';
import { siftDown, siftUp } from './heap.js';

interface Entry<T> {
  at: SimTime;
  seq: number;
  item: T;
}

export class TimedQueue<T> {
  private readonly heap: Entry<T>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: SimTime, item: T): void {
    this.heap.push({ at, seq: this.nextSeq++, item });
    siftUp(this.heap, this.heap.length - 1, before);
  }

  /** The time of the earliest item, or undefined when empty. */
  peekTime(): SimTime | undefined {
    return this.heap[0]?.at;
  }

  pop(): { at: SimTime; item: T } | undefined {
    const top = this.heap[0];
    if (!top) return undefined;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      siftDown(this.heap, 0, before);
    }
    return { at: top.at, item: top.item };
  }
}

/** Earlier time first; same time, scheduled first. */
function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
