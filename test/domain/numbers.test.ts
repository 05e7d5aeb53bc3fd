import { numToWord } from 'num-words-de';
import { describe, expect, it } from 'vitest';
import { findNumbers, parseNumberWord } from '../../src/domain/numbers.js';
import { fold, readTokens } from '../../src/domain/text.js';

const numbersIn = (text: string) => findNumbers(readTokens(text)).map((number) => number.value);

describe('German number words', () => {
  it('reads every number word up to a million as written by another library', () => {
    const misread: string[] = [];
    for (let value = 1; value < 1_000_000; value += value < 2_000 ? 1 : 97) {
      const word = fold(numToWord(value, { uppercase: false })).replace(/ /g, '');
      if (parseNumberWord(word) !== value) misread.push(`${value}: ${word}`);
    }
    expect(misread).toEqual([]);
  });

  it.each(['gemeinde', 'tausendfach', 'einundzwanzigste', ''])('"%s" is no number', (word) => {
    expect(parseNumberWord(word)).toBeNull();
  });
});

describe('numbers in text', () => {
  it.each([
    ['8000', [8000]],
    ['8.000', [8000]],
    ['8 000 Einwohner', [8000]],
    ['ca. 8 Tsd.', [8000]],
    ['12 Tausend', [12000]],
    ['zwölftausend', [12000]],
    ['zwölf tausend', [12000]],
    ['achttausendfünfhundert', [8500]],
    ['1,1 Mio.', [1_100_000]],
    ['eine halbe Million', [500_000]],
    ['eine Million zweihunderttausend', [1_200_000]],
    ['45k', [45000]],
    ['eine Gemeinde', []],
    ['Stand 2024, 2 Stellen', [2024, 2]],
  ])('%s → %j', (text, values) => {
    expect(numbersIn(text as string)).toEqual(values);
  });
});
