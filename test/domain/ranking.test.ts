import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyRanking, selectSmallest } from '../../src/domain/ranking.js';

const distinctKeys = fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 400, size: 'max' });

describe('selectSmallest', () => {
  it('moves the smallest keys to the front, whatever the order and count', () => {
    fc.assert(
      fc.property(distinctKeys, fc.nat(), (values, seed) => {
        const keys = Float64Array.from(values);
        const count = values.length === 0 ? 0 : (seed % values.length) + 1;
        selectSmallest(keys, count);
        const sorted = [...values].sort((a, b) => a - b);
        expect([...keys.subarray(0, count)].sort((a, b) => a - b)).toEqual(sorted.slice(0, count));
        expect([...keys].sort((a, b) => a - b)).toEqual(sorted);
      }),
    );
  });
});

describe('KeyRanking', () => {
  it('gives every slice in order, in any sequence of reads, like slicing the sorted list', () => {
    // Mostly short slices near the front (a page), where only part of the list gets sorted.
    const position = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: -450, max: 450 }));
    const slice = fc.tuple(position, fc.option(position, { nil: undefined }));
    fc.assert(
      fc.property(distinctKeys, fc.array(slice, { minLength: 1, maxLength: 8 }), (values, reads) => {
        const ranking = new KeyRanking(Float64Array.from(values), (key) => `#${key}`);
        const sorted = [...values].sort((a, b) => a - b).map((key) => `#${key}`);
        expect(ranking.length).toBe(values.length);
        for (const [start, end] of reads) expect(ranking.slice(start, end)).toEqual(sorted.slice(start, end));
        expect([...ranking]).toEqual(sorted);
      }),
      // Shrinking lists of hundreds of keys takes minutes; the failing case as found is enough.
      { endOnFailure: true },
    );
  });

  it('makes items only for the slice read', () => {
    const made: number[] = [];
    const ranking = new KeyRanking(
      Float64Array.from({ length: 1000 }, (_, index) => (index * 7919) % 1000),
      (key) => made.push(key),
    );
    ranking.slice(5, 10);
    expect(made).toEqual([5, 6, 7, 8, 9]);
  });
});
