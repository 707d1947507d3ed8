/**
 * A binary heap with the WORST item on top, used to keep the best N candidate nodes of a leaf
 * while walking every node once (swarmkit's `nodeMaxHeap`): a newcomer only has to beat the
 * current worst to get in. O(log N) per offer, so building stays O(nodes log N).
 */
export class WorstHeap<T> {
  private readonly items: T[] = [];

  /** `compare` is negative when its first argument is better. */
  constructor(private readonly compare: (a: T, b: T) => number) {}

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
    this.siftUp(this.items.length - 1);
  }

  /** Replaces the worst item with `item`. */
  replaceWorst(item: T): void {
    this.items[0] = item;
    this.siftDown(0);
  }

  /** The items, best first; the heap is left empty. */
  drainBestFirst(): T[] {
    const sorted = this.items.splice(0, this.items.length);
    return sorted.sort(this.compare);
  }

  /** True when `a` should sit above `b`: it is worse. */
  private above(a: T, b: T): boolean {
    return this.compare(a, b) > 0;
  }

  private siftUp(index: number): void {
    const items = this.items;
    let child = index;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.above(items[child]!, items[parent]!)) return;
      [items[child], items[parent]] = [items[parent]!, items[child]!];
      child = parent;
    }
  }

  private siftDown(index: number): void {
    const items = this.items;
    let parent = index;
    for (;;) {
      const left = parent * 2 + 1;
      const right = left + 1;
      let top = parent;
      if (left < items.length && this.above(items[left]!, items[top]!)) top = left;
      if (right < items.length && this.above(items[right]!, items[top]!)) top = right;
      if (top === parent) return;
      [items[top], items[parent]] = [items[parent]!, items[top]!];
      parent = top;
    }
  }
}
