/**
 * The two moves of an array-backed binary heap, shared by the event queue and the scheduler's
 * candidate heap. `above(a, b)` is true when `a` must sit nearer the top than `b`; only a
 * strict `above` moves an item, so a deterministic `above` gives a deterministic heap.
 */

/** Moves the item at `index` up until its parent is not below it. */
export function siftUp<T>(items: T[], index: number, above: (a: T, b: T) => boolean): void {
  let child = index;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!above(items[child]!, items[parent]!)) return;
    [items[child], items[parent]] = [items[parent]!, items[child]!];
    child = parent;
  }
}

/** Moves the item at `index` down until neither child belongs above it. */
export function siftDown<T>(items: T[], index: number, above: (a: T, b: T) => boolean): void {
  let parent = index;
  for (;;) {
    const left = 2 * parent + 1;
    const right = left + 1;
    let top = parent;
    if (left < items.length && above(items[left]!, items[top]!)) top = left;
    if (right < items.length && above(items[right]!, items[top]!)) top = right;
    if (top === parent) return;
    [items[parent], items[top]] = [items[top]!, items[parent]!];
    parent = top;
  }
}
