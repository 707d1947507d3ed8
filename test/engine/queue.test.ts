import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimedQueue } from '../../src/engine/queue.js';

describe('TimedQueue', () => {
  it('pops by time, and in scheduling order when times tie', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }), (times) => {
        const queue = new TimedQueue<number>();
        times.forEach((time, index) => queue.push(time, index));
        const popped: { at: number; item: number }[] = [];
        for (let next = queue.pop(); next; next = queue.pop()) popped.push(next);
        const expected = times
          .map((at, item) => ({ at, item }))
          .sort((a, b) => a.at - b.at || a.item - b.item);
        expect(popped).toEqual(expected);
      }),
    );
  });
});
