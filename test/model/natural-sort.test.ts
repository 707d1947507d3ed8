/**
 * Natural order (docker's sortorder.NaturalLess), shared by docker's listings, the scenario's
 * node order and the scheduler's tie-break.
 */
import { describe, expect, it } from 'vitest';
import { compareNatural, naturalLess } from '../../src/model/natural-sort.js';

describe('natural sort (sortorder.NaturalLess)', () => {
  it('orders numbers by value, digits first, fewer leading zeros first', () => {
    const names = ['web.10', 'web.2', 'web.1', 'Web', 'web', 'web.01', 'a10b', 'a9b', '1x', 'x'];
    expect([...names].sort(compareNatural)).toEqual([
      '1x',
      'Web',
      'a9b',
      'a10b',
      'web',
      'web.1',
      'web.01',
      'web.2',
      'web.10',
      'x',
    ]);
  });

  it('compares digit runs as numbers and the rest by code units', () => {
    const hostnames = ['node-10', 'node-2', 'node-1', 'manager', 'node-02b', 'Node-3'];
    const sorted = hostnames.sort(compareNatural);
    expect(sorted).toEqual(['Node-3', 'manager', 'node-1', 'node-2', 'node-02b', 'node-10']);
  });

  it('puts worker10 after worker9', () => {
    expect(['b2', 'a10', 'a9', 'a'].sort(compareNatural)).toEqual(['a', 'a9', 'a10', 'b2']);
  });

  it('sorts a digit before any other character, even ones below 0 in ASCII', () => {
    expect(['-a', '.a', '1a', ' a'].sort(compareNatural)).toEqual(['1a', ' a', '-a', '.a']);
  });

  it('decides equal numbers by leading zeros before looking further', () => {
    expect(['a1b', 'a01a', 'a001'].sort(compareNatural)).toEqual(['a1b', 'a01a', 'a001']);
  });

  it('compares numbers longer than a double holds exactly', () => {
    const big = ['n12345678901234567891', 'n012345678901234567890', 'n99'];
    expect(big.sort(compareNatural)).toEqual([
      'n99',
      'n012345678901234567890',
      'n12345678901234567891',
    ]);
  });

  it('orders other characters by code point, as UTF-8 bytes would', () => {
    // U+1F600 is a surrogate pair in UTF-16, which code units would put before U+FFE0.
    expect(['a\u{1F600}', 'a\uffe0', 'a\u00e9', 'az'].sort(compareNatural)).toEqual([
      'az',
      'a\u00e9',
      'a\uffe0',
      'a\u{1F600}',
    ]);
  });

  it('is a total order: only equal strings compare equal', () => {
    expect(compareNatural('web.01', 'web.01')).toBe(0);
    expect(compareNatural('web.01', 'web.1')).not.toBe(0);
    expect(naturalLess('web.1', 'web.01')).toBe(true);
    expect(naturalLess('web.01', 'web.1')).toBe(false);
    expect(naturalLess('web', 'web')).toBe(false);
  });
});
