/**
 * A binary min-heap of timed items ordered by (time, sequence): items due at the same instant
 * come out in the order they were scheduled, which makes same-time ties FIFO and reproducible.
 */
import type { SimTime } from '../model/types.js';

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
    this.siftUp(this.heap.length - 1);
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
      this.siftDown(0);
    }
    return { at: top.at, item: top.item };
  }

  private before(a: Entry<T>, b: Entry<T>): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(heap[child]!, heap[parent]!)) return;
      [heap[child], heap[parent]] = [heap[parent]!, heap[child]!];
      child = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    let parent = index;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let smallest = parent;
      if (left < heap.length && this.before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && this.before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === parent) return;
      [heap[parent], heap[smallest]] = [heap[smallest]!, heap[parent]!];
      parent = smallest;
    }
  }
}
