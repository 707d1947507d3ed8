import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorstHeap } from '../../src/scheduler/worst-heap.js';

describe('WorstHeap', () => {
  it('keeps the best N offered items, drained best first', () => {
    const values = fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 });
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 10 }), (offered, keep) => {
        const heap = new WorstHeap<number>((a, b) => a - b);
        for (const value of offered) {
          if (heap.size < keep) heap.push(value);
          else if (value < heap.peekWorst()!) heap.replaceWorst(value);
        }
        const best = [...offered].sort((a, b) => a - b).slice(0, keep);
        expect(heap.drainBestFirst()).toEqual(best);
        expect(heap.size).toBe(0);
      }),
    );
  });
});
