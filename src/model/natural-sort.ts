/**
 * Natural order, the one docker sorts names by in its listings (`sortorder.NaturalLess`): runs
 * of ASCII digits compare as numbers of any length (`web.2` before `web.10`), a digit sorts
 * before any other character, other characters compare by code point (the order of the UTF-8
 * bytes docker compares), and of two equal numbers the one with fewer leading zeros is first.
 * Locale-free and total: only equal strings compare equal. Works on UTF-16 code units without
 * allocating, because the scheduler ranks every node with it.
 */

const ZERO = 0x30;
const NINE = 0x39;

/** True when `a` sorts before `b` in natural order. */
export function naturalLess(a: string, b: string): boolean {
  return compareNatural(a, b) < 0;
}

/** Comparator for Array.prototype.sort in natural order: negative when `a` comes first. */
export function compareNatural(a: string, b: string): number {
  // Everything before the cursor is identical in both strings, so one cursor serves both.
  let at = 0;
  while (at < a.length && at < b.length) {
    const unitA = a.charCodeAt(at);
    const unitB = b.charCodeAt(at);
    const digitA = isDigit(unitA);
    if (digitA !== isDigit(unitB)) return digitA ? -1 : 1;
    if (digitA) {
      const number = compareNumbers(a, b, at);
      if (number.order !== 0) return number.order;
      at = number.end;
    } else {
      if (unitA !== unitB) return codePointRank(unitA) - codePointRank(unitB);
      at += 1;
    }
  }
  // Identical so far: the one that ended is first.
  return a.length - b.length;
}

/**
 * Compares the digit runs that start at `at` in both strings: shorter significant part first,
 * then digit by digit, then fewer leading zeros. `end` is where both runs end when they tie
 * (they are then identical).
 */
function compareNumbers(a: string, b: string, at: number): { order: number; end: number } {
  const startA = skipZeros(a, at);
  const startB = skipZeros(b, at);
  const endA = skipDigits(a, startA);
  const endB = skipDigits(b, startB);
  const lengthA = endA - startA;
  if (lengthA !== endB - startB) return { order: lengthA - (endB - startB), end: at };
  for (let offset = 0; offset < lengthA; offset += 1) {
    const order = a.charCodeAt(startA + offset) - b.charCodeAt(startB + offset);
    if (order !== 0) return { order, end: at };
  }
  return { order: startA - startB, end: endA };
}

function isDigit(unit: number): boolean {
  return unit >= ZERO && unit <= NINE;
}

function skipZeros(text: string, from: number): number {
  let at = from;
  while (at < text.length && text.charCodeAt(at) === ZERO) at += 1;
  return at;
}

function skipDigits(text: string, from: number): number {
  let at = from;
  while (at < text.length && isDigit(text.charCodeAt(at))) at += 1;
  return at;
}

/**
 * A UTF-16 code unit mapped so that comparing ranks of the first differing units orders by
 * code point: surrogates (characters past U+FFFF) move above U+E000..U+FFFF.
 */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
