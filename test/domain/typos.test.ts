import { describe, expect, it } from 'vitest';
import { typoDistance } from '../../src/domain/typos.js';

describe('typoDistance', () => {
  it.each([
    ['sprachkurs', 'sprachkurs', 0],
    ['sprachkus', 'sprachkurs', 1],
    ['familein', 'familien', 1],
    ['sprahckurs', 'sprachkurs', 1],
    ['wohnraummanagment', 'wohnraummanagement', 1],
    ['jugentlich', 'jugendlich', 1],
    ['mentroing', 'mentoring', 1],
    ['beratnug', 'beratung', 1],
    ['frauen', 'bauern', 3],
  ])('%s ~ %s = %i', (a, b, expected) => {
    expect(typoDistance(a as string, b as string, 3)).toBe(expected);
  });

  it('stops early beyond the limit', () => {
    expect(typoDistance('integrationskurs', 'wohnraum', 2)).toBe(3);
  });
});
