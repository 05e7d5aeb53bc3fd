import type { Token } from './text.js';

/** A number found in folded text, with the tokens it spans. */
export interface FoundNumber {
  value: number;
  /** Index of its first and one past its last token. */
  from: number;
  to: number;
}

const UNITS: Record<string, number> = {
  ein: 1,
  eins: 1,
  eine: 1,
  einen: 1,
  einer: 1,
  zwei: 2,
  zwo: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
};
const TEENS: Record<string, number> = {
  zehn: 10,
  elf: 11,
  zwolf: 12,
  dreizehn: 13,
  vierzehn: 14,
  funfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
};
const TENS: Record<string, number> = {
  zwanzig: 20,
  dreissig: 30,
  dreizig: 30,
  vierzig: 40,
  funfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
};

const alternatives = (words: string[]) => words.sort((a, b) => b.length - a.length).join('|');
const UNIT = `(?:${alternatives(Object.keys(UNITS).filter((word) => !['einen', 'einer'].includes(word)))})`;
const BELOW_HUNDRED = `(?:${alternatives(Object.keys(TEENS))}|(?:${UNIT}und)?(?:${alternatives(Object.keys(TENS))})|${UNIT})`;
const BELOW_THOUSAND = `(?:(?:${UNIT})?hundert(?:und)?(?:${BELOW_HUNDRED})?|${BELOW_HUNDRED})`;
const NUMBER_WORD = new RegExp(`^(?:(?:${BELOW_THOUSAND})?tausend(?:und)?(?:${BELOW_THOUSAND})?|${BELOW_THOUSAND})$`);

function belowThousand(word: string): number {
  if (word === '') return 0;
  const hundred = word.indexOf('hundert');
  if (hundred >= 0)
    return (hundred === 0 ? 1 : (UNITS[word.slice(0, hundred)] ?? 0)) * 100 + belowThousand(word.slice(hundred + 7).replace(/^und/, ''));
  if (word in TEENS) return TEENS[word] ?? 0;
  if (word in UNITS) return UNITS[word] ?? 0;
  const tens = Object.keys(TENS).find((ten) => word.endsWith(ten));
  if (tens === undefined) return 0;
  const unit = word.slice(0, -tens.length).replace(/und$/, '');
  return (TENS[tens] ?? 0) + (unit === '' ? 0 : (UNITS[unit] ?? 0));
}

/** "zwolftausend" → 12000, "achttausendfunfhundert" → 8500 (folded spelling); null for anything else. */
export function parseNumberWord(word: string): number | null {
  if (!NUMBER_WORD.test(word)) return null;
  const thousand = word.indexOf('tausend');
  if (thousand < 0) return belowThousand(word);
  const head = word.slice(0, thousand);
  return (head === '' ? 1 : belowThousand(head)) * 1000 + belowThousand(word.slice(thousand + 7).replace(/^und/, ''));
}

const GROUPED = /^\d{1,3}(?:\.\d{3})+$/;
const DECIMAL = /^\d+(?:,\d+)?$/;

/** "45.000" → 45000, "1,1" → 1.1, "8000" → 8000. Thousands groups use dots; a comma is the decimal mark. */
function parseDigits(text: string): number | null {
  if (GROUPED.test(text)) return Number(text.replace(/\./g, ''));
  if (DECIMAL.test(text)) return Number(text.replace(',', '.'));
  if (/^\d+\.\d{1,2}$/.test(text)) return Number(text);
  return null;
}

const THOUSAND_WORDS = new Set(['tsd', 'tausend', 'k']);
const MILLION_WORDS = new Set(['mio', 'million', 'millionen', 'mill']);
const HALF_WORDS = new Set(['halbe', 'halb']);
const ARTICLES = new Set(['ein', 'eine', 'einen', 'einer', 'eins']);

/**
 * Every number in the tokens, in any of the forms people write: 8000, 8.000, 8 000, 12 Tsd.,
 * 12 Tausend, zwölftausend, zwölf tausend, 1,1 Mio., eine halbe Million.
 */
export function findNumbers(tokens: readonly Token[]): FoundNumber[] {
  const found: FoundNumber[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const word = tokens[index]?.text ?? '';
    const next = tokens[index + 1]?.text ?? '';
    // "eine Gemeinde" is an article, "eine Million" a number.
    if (ARTICLES.has(word) && !THOUSAND_WORDS.has(next) && !MILLION_WORDS.has(next) && !HALF_WORDS.has(next)) continue;
    const kilo = /^(\d+)k$/.exec(word);
    let value = kilo ? Number(kilo[1]) * 1000 : (parseDigits(word) ?? parseNumberWord(word));
    let to = index + 1;
    if (value === null) continue;
    // "8 000": groups of three digits written with spaces.
    while (/^\d{1,3}$/.test(word) && /^\d{3}$/.test(tokens[to]?.text ?? '') && Number.isInteger(value)) {
      value = value * 1000 + Number(tokens[to]?.text);
      to += 1;
    }
    if (HALF_WORDS.has(tokens[to]?.text ?? '') && MILLION_WORDS.has(tokens[to + 1]?.text ?? '')) {
      value = value * 500_000;
      to += 2;
    }
    const unit = tokens[to]?.text ?? '';
    if (THOUSAND_WORDS.has(unit)) {
      value *= 1_000;
      to += 1;
    } else if (MILLION_WORDS.has(unit)) {
      value *= 1_000_000;
      to += 1;
      // "eine Million zweihunderttausend"
      const rest = parseNumberWord(tokens[to]?.text ?? '');
      if (rest !== null && rest < 1_000_000 && /tausend|hundert/.test(tokens[to]?.text ?? '')) {
        value += rest;
        to += 1;
      }
    }
    found.push({ value: Math.round(value), from: index, to });
    index = to - 1;
  }
  return found;
}
