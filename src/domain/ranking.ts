/**
 * A list in rank order that is put in order only as far as someone reads it. A search may fit tens
 * of thousands of programmes while a page shows five: sorting them all, and making an object for
 * each, would cost far more than the search itself.
 */
export interface Ranking<T> extends Iterable<T> {
  readonly length: number;
  /** The items from `start` up to (not including) `end`, best first, like `Array.prototype.slice`. */
  slice(start?: number, end?: number): T[];
}

/**
 * Items identified by numeric rank keys (smaller comes first; keys are distinct). `slice` brings
 * just the keys it needs to the front with a selection pass, then sorts only those.
 */
export class KeyRanking<T> implements Ranking<T> {
  /** keys[0, ordered) are the smallest keys, in order; the rest are in no particular order. */
  private ordered = 0;

  constructor(
    private readonly keys: Float64Array,
    private readonly itemFor: (key: number) => T,
  ) {}

  get length(): number {
    return this.keys.length;
  }

  slice(start = 0, end = this.keys.length): T[] {
    const from = clampIndex(start, this.length);
    const to = clampIndex(end, this.length);
    if (to <= from) return [];
    this.orderUpTo(to);
    return Array.from(this.keys.subarray(from, to), this.itemFor);
  }

  [Symbol.iterator](): Iterator<T> {
    return this.slice()[Symbol.iterator]();
  }

  private orderUpTo(end: number): void {
    if (end <= this.ordered) return;
    const rest = this.keys.subarray(this.ordered);
    const wanted = end - this.ordered;
    // Selecting pays off while the part wanted is small against the rest; otherwise sort it all.
    if (wanted * 8 < rest.length) {
      selectSmallest(rest, wanted);
      rest.subarray(0, wanted).sort();
      this.ordered = end;
    } else {
      rest.sort();
      this.ordered = this.keys.length;
    }
  }
}

/** Like `slice`'s own arguments: negative counts from the end. */
function clampIndex(index: number, length: number): number {
  const whole = Math.trunc(index);
  return whole < 0 ? Math.max(0, length + whole) : Math.min(whole, length);
}

/**
 * Moves the `count` smallest keys to the front of `keys`, in no particular order (quickselect with
 * a median-of-three pivot: linear time on average).
 */
export function selectSmallest(keys: Float64Array, count: number): void {
  let low = 0;
  let high = keys.length - 1;
  const target = count - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const pivot = medianOfThree(keys[low] as number, keys[middle] as number, keys[high] as number);
    let left = low;
    let right = high;
    while (left <= right) {
      while ((keys[left] as number) < pivot) left += 1;
      while ((keys[right] as number) > pivot) right -= 1;
      if (left <= right) {
        const swap = keys[left] as number;
        keys[left] = keys[right] as number;
        keys[right] = swap;
        left += 1;
        right -= 1;
      }
    }
    if (target <= right) high = right;
    else if (target >= left) low = left;
    else return;
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}
