/**
 * The two moves of an array-backed binary heap, shared by the event queue and the scheduler's
 * candidate heap. `above(a, b)` is true when `a` must sit nearer the top than `b`; only a
 * strict `above` moves an item, so a deterministic `above` gives a deterministic heap.
 */

/**
 * Moves the item at `index` up until its parent is not below it. The item is held aside and the
 * parents it passes move down into the hole: the same result as swapping, with half the writes
 * (the event queue sifts on every timer).
 */
export function siftUp<T>(items: T[], index: number, above: (a: T, b: T) => boolean): void {
  const item = items[index]!;
  let child = index;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    const parentItem = items[parent]!;
    if (!above(item, parentItem)) break;
    items[child] = parentItem;
    child = parent;
  }
  items[child] = item;
}

/** Moves the item at `index` down until neither child belongs above it (a hole, as siftUp). */
export function siftDown<T>(items: T[], index: number, above: (a: T, b: T) => boolean): void {
  const item = items[index]!;
  let parent = index;
  for (;;) {
    const left = 2 * parent + 1;
    const right = left + 1;
    let top = item;
    let topIndex = parent;
    if (left < items.length && above(items[left]!, top)) {
      top = items[left]!;
      topIndex = left;
    }
    if (right < items.length && above(items[right]!, top)) {
      top = items[right]!;
      topIndex = right;
    }
    if (topIndex === parent) break;
    items[parent] = top;
    parent = topIndex;
  }
  items[parent] = item;
}
