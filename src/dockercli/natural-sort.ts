/**
 * Natural order as docker sorts names (`github.com/fvbommel/sortorder` NaturalLess): runs of
 * digits compare as numbers (`web.2` < `web.10`), digits sort before other characters, other
 * bytes compare as UTF-8 bytes, and of equal numbers the one with fewer leading zeros is first.
 */

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

/** True when `a` sorts before `b`. */
export function naturalLess(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const digitLeft = isDigit(left[i]);
    const digitRight = isDigit(right[j]);
    if (digitLeft !== digitRight) return digitLeft;
    if (!digitLeft) {
      if (left[i] !== right[j]) return left[i]! < right[j]!;
      i += 1;
      j += 1;
      continue;
    }
    while (i < left.length && left[i] === 0x30) i += 1;
    while (j < right.length && right[j] === 0x30) j += 1;
    const startLeft = i;
    const startRight = j;
    while (i < left.length && isDigit(left[i])) i += 1;
    while (j < right.length && isDigit(right[j])) j += 1;
    if (i - startLeft !== j - startRight) return i - startLeft < j - startRight;
    const numberLeft = left.subarray(startLeft, i).toString('latin1');
    const numberRight = right.subarray(startRight, j).toString('latin1');
    if (numberLeft !== numberRight) return numberLeft < numberRight;
    if (startLeft !== startRight) return startLeft < startRight;
  }
  return left.length < right.length;
}

/** A comparator for Array.prototype.sort (stable in JavaScript) in natural order. */
export function compareNatural(a: string, b: string): number {
  if (naturalLess(a, b)) return -1;
  return naturalLess(b, a) ? 1 : 0;
}
