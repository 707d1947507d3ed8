/** Durations and memory sizes as scenarios write them. */
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseMemorySize } from '../../src/scenario/units.js';

describe('durations', () => {
  it('reads Go-style durations into integer ms', () => {
    const cases: [string, number][] = [
      ['500ms', 500],
      ['90s', 90_000],
      ['2m', 120_000],
      ['1h30m', 5_400_000],
      ['1.5s', 1500],
      ['1m30s250ms', 90_250],
      ['0', 0],
      ['0s', 0],
    ];
    for (const [text, ms] of cases) expect(parseDuration(text), text).toBe(ms);
  });

  it('refuses text without a unit, unknown units, negatives and sub-millisecond precision', () => {
    for (const text of ['', '90', '10x', '-5s', '1d', 's', '1.0005s', '5 s', 'm5']) {
      expect(parseDuration(text), text).toBeNull();
    }
  });

  it('formats ms back compactly and exactly, in a form it reads back', () => {
    const values = [0, 1500, 90_000, 5_400_000, 3_600_500, 17_160, 61_001];
    const texts = values.map(formatDuration);
    expect(texts).toEqual(['0s', '1.5s', '1m30s', '1h30m', '1h0.5s', '17.16s', '1m1.001s']);
    expect(texts.map(parseDuration)).toEqual(values);
  });
});

describe('memory sizes', () => {
  it('reads binary units the way docker does, including its single letters', () => {
    const cases: [string | number, number][] = [
      ['2GiB', 2 * 1024 ** 3],
      ['512MiB', 512 * 1024 ** 2],
      ['512m', 512 * 1024 ** 2],
      ['1G', 1024 ** 3],
      ['1.5g', 1.5 * 1024 ** 3],
      ['64k', 65_536],
      ['100', 100],
      [4096, 4096],
    ];
    for (const [text, bytes] of cases) expect(parseMemorySize(text), String(text)).toBe(bytes);
  });

  it('refuses words, negative numbers and unknown units', () => {
    for (const text of ['lots', '-1G', '2XB', '', 1.5, -3]) {
      expect(parseMemorySize(text), String(text)).toBeNull();
    }
  });
});
