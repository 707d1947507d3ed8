/**
 * A binary heap with the WORST item on top, used to keep the best N candidate nodes of a leaf
 * while walking every node once (swarmkit's `nodeMaxHeap`): a newcomer only has to beat the
 * current worst to get in. O(log N) per offer, so building stays O(nodes log N).
 */
import { siftDown, siftUp } from '../engine/heap.js';

export class WorstHeap<T> {
  private readonly items: T[] = [];

  /** True when `a` should sit above `b`: it is worse. */
  private readonly above: (a: T, b: T) => boolean;

  /** `compare` is negative when its first argument is better. */
  constructor(private readonly compare: (a: T, b: T) => number) {
    this.above = (a, b) => compare(a, b) > 0;
  }

  /** Items kept. */
  get size(): number {
    return this.items.length;
  }

  /** The worst item kept; undefined when empty. */
  peekWorst(): T | undefined {
    return this.items[0];
  }

  /** Adds an item. */
  push(item: T): void {
    this.items.push(item);
    siftUp(this.items, this.items.length - 1, this.above);
  }

  /** Replaces the worst item with `item`. */
  replaceWorst(item: T): void {
    this.items[0] = item;
    siftDown(this.items, 0, this.above);
  }

  /** The items, best first; the heap is left empty. */
  drainBestFirst(): T[] {
    const sorted = this.items.splice(0, this.items.length);
    return sorted.sort(this.compare);
  }
}
