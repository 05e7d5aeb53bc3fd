import {
  type Keyword,
  PREFIX_INDEX,
  TYPO_CANDIDATES,
  type Term,
  VOCABULARY,
  WHOLE_WORD_INDEX,
  NEUTRAL_SURFACES,
  remembered,
  stem,
} from './vocabulary.js';
import { type Token, fold } from './text.js';
import { typoDistance } from './typos.js';

/** Finding the vocabulary's keywords in the words of a message: exactly, inside compounds, or misspelt. */

export interface Match {
  /** Character span in the folded text. */
  start: number;
  end: number;
  /** Index of the token it starts in (for negation and correction scopes). */
  token: number;
  terms: Term[];
  certainty: 'exact' | 'typo' | 'guess';
  /** Letters off, for a typo. */
  off?: number;
}

/** Exact matches: whole words, word starts, anywhere inside a compound, and phrases across words. */
export function exactMatches(tokens: readonly Token[]): Match[] {
  const candidates: Match[] = [];
  tokens.forEach((token, index) => {
    const whole =
      WHOLE_WORD_INDEX.get(token.text) ?? (NEUTRAL_SURFACES.has(token.text) ? undefined : WHOLE_WORD_INDEX.get(stem(token.text)));
    if (whole !== undefined) candidates.push({ start: token.start, end: token.end, token: index, terms: whole.terms, certainty: 'exact' });
    for (let offset = 0; offset === 0 || offset + 3 <= token.text.length; offset += 1) {
      for (const keyword of PREFIX_INDEX.get(token.text.slice(offset, offset + 3)) ?? []) {
        // A word-start keyword as the head of a compound ("Kita-Sozialarbeit") means something else.
        if (keyword.kind === 'prefix' && (offset > 0 || token.afterHyphen)) continue;
        const end = keywordEnd(keyword, tokens, index, offset);
        if (end !== null) candidates.push({ start: token.start + offset, end, token: index, terms: keyword.terms, certainty: 'exact' });
      }
    }
  });
  return longestFirst(candidates);
}

/** Where a keyword that starts at `offset` in token `index` ends, or null when it is not there. */
function keywordEnd(keyword: Keyword, tokens: readonly Token[], index: number, offset: number): number | null {
  const [first = '', ...rest] = keyword.stems;
  const token = tokens[index];
  if (token === undefined || !token.text.startsWith(first, offset)) return null;
  if (rest.length === 0) return token.start + offset + first.length;
  // In a phrase every later word may be inflected: "kreisfreien Stadt", "sozialen Zusammenhalt".
  for (const [step, part] of rest.entries()) {
    if (!(tokens[index + step + 1]?.text.startsWith(part) ?? false)) return null;
  }
  return tokens[index + rest.length]?.end ?? null;
}

/** Keeps the longest of overlapping matches, so "Kulturmittler" is not also "Kultur" and "Einwohner" is no "Wohnen". */
function longestFirst(candidates: Match[]): Match[] {
  const kept: Match[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((other) => candidate.start < other.end && other.start < candidate.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Words too common to be read as a typo of a keyword. */
const NOT_TYPOS = new Set([
  'uber',
  'unsere',
  'unser',
  'unserer',
  'welche',
  'haben',
  'suchen',
  'brauchen',
  'mochten',
  'werden',
  'wurde',
  'konnen',
  'konnte',
  'sollen',
  'wollen',
  'planen',
  'diese',
  'dieser',
  'einem',
  'einer',
  'einen',
  'keine',
  'nicht',
  'schon',
  'immer',
  'bitte',
  'danke',
  'hallo',
  'guten',
  'morgen',
  'gerne',
  'projekt',
  'projekte',
  'forderung',
  'programm',
  'programme',
  'mittel',
  'stadt',
  'kommune',
  'landkreis',
  'sowie',
  'damit',
  'dafur',
  'fragen',
  'thema',
  'bereich',
  'angebot',
  'angebote',
  'aktuell',
  'zudem',
  'etwas',
  'gesucht',
  'finden',
  'welches',
  'moglich',
  'viele',
  'vielen',
  'weitere',
  'unter',
  'wahrend',
  'neben',
  'ebenfalls',
  'insbesondere',
  'gemeinsam',
  'starken',
  'fordern',
  'fordermittel',
  'zuschuss',
  'antrag',
  'stadte',
  'gemeinden',
  'kommunen',
  'leben',
  'menschen',
  'sollte',
  'hatten',
  'waren',
  'zwischen',
  'rahmen',
  'arbeiten',
  'umsetzen',
  'helfen',
  'helfer',
  'beraten',
  'schulen',
  'lernen',
  'kosten',
  'fahrtkosten',
  'ausbauen',
  'aufbauen',
  'schaffen',
  'fordergeld',
  'gefragt',
  'zusammen',
  'stehen',
  'gehen',
  'leider',
  'einfach',
  'machen',
  'sachen',
]);

// A linking element between compound parts ("Flüchtlings|unterkunft").
const LINKING = /^(?:s|es)(?=[a-z]{5,})/;

/** The closest keywords to a word with a typo: one letter off in shorter words, two in longer ones. */
const closestKeywords = remembered(searchClosestKeywords);

/** Letters apart, one for shorter words and two for longer ones; Infinity beyond that. */
function lettersApart(a: string, b: string): number {
  if (a.charCodeAt(0) !== b.charCodeAt(0) || Math.abs(a.length - b.length) > 2) return Infinity;
  const allowed = Math.min(a.length, b.length) >= 8 ? 2 : 1;
  const off = typoDistance(a, b, allowed);
  return off > allowed ? Infinity : off;
}

function searchClosestKeywords(word: string): { keywords: Keyword[]; off: number } | null {
  const wordStem = stem(word);
  let best: { keywords: Keyword[]; off: number } | null = null;
  for (const keyword of TYPO_CANDIDATES.get(word[0] ?? '') ?? []) {
    // Stem against stem catches inflected typos; word against word catches typos the stemmer cuts differently.
    let off = lettersApart(wordStem, keyword.stems[0] ?? '');
    for (const surface of keyword.surfaces) off = Math.min(off, lettersApart(word, surface));
    if (off === 0 || off === Infinity) continue;
    if (best === null || off < best.off) best = { keywords: [keyword], off };
    else if (off === best.off) best.keywords.push(keyword);
  }
  return best;
}

/** A typo of one clear meaning is read as that; a close call between meanings, or a short word, is a guess. */
function typoMatch(piece: Token, index: number, startsWord: boolean): Match | null {
  const word = startsWord ? piece.text : piece.text.replace(LINKING, '');
  if (word.length < 5 || NOT_TYPOS.has(word)) return null;
  const found = closestKeywords(word);
  if (found === null) return null;
  const terms = found.keywords.flatMap((keyword) => keyword.terms).filter((term) => term.slot !== null);
  const meanings = new Set(terms.map((term) => JSON.stringify(term)));
  const oneMeaning = found.keywords.length === 1 || meanings.size === (found.keywords[0]?.terms.length ?? 0);
  const clear = oneMeaning && (found.off === 1 ? word.length >= 6 : word.length >= 9);
  return { start: piece.start, end: piece.end, token: index, terms, certainty: clear ? 'typo' : 'guess', off: found.off };
}

/**
 * Typos: a word whose exact matches explain only part of it is compared as a whole with the
 * keywords ("Migrationsbertung"); otherwise its unexplained rest is ("Flüchtlingsunterkümfte").
 */
export function withTypos(tokens: readonly Token[], exact: readonly Match[]): Match[] {
  const matches = [...exact];
  tokens.forEach((token, index) => {
    if (/\d/.test(token.text) || NOT_TYPOS.has(token.text)) return;
    // A word explained by one match (up to an ending) has no typo to look for.
    if (exact.some((match) => match.start <= token.start && match.end >= token.end - 2)) return;
    const inside = exact.filter((match) => match.start >= token.start && match.end <= token.end);
    const longestInside = Math.max(0, ...inside.map((match) => match.end - match.start));
    const whole = token.text.length >= 7 ? typoMatch(token, index, true) : null;
    // Only a near-certain reading of the whole word replaces exact parts of it ("Kinderärzte" stays "Ärzte").
    if (whole !== null && whole.certainty === 'typo' && whole.off === 1 && token.text.length - longestInside > 2) {
      for (const match of inside) matches.splice(matches.indexOf(match), 1);
      matches.push(whole);
      return;
    }
    for (const piece of uncoveredPieces(token, exact)) {
      const typo = typoMatch(piece, index, piece.start === token.start);
      if (typo !== null) matches.push(typo);
    }
  });
  // "case managment": a two-word spelling of a one-word keyword, misspelt.
  tokens.forEach((token, index) => {
    const next = tokens[index + 1];
    const untouched = (candidate: Token) =>
      !/\d/.test(candidate.text) && !matches.some((match) => match.start < candidate.end && candidate.start < match.end);
    if (next === undefined || next.clauseStart || !untouched(token) || !untouched(next)) return;
    const joined = typoMatch({ ...token, text: `${token.text}${next.text}`, end: next.end }, index, true);
    if (joined !== null && joined.certainty === 'typo') matches.push(joined);
  });
  return matches.sort((a, b) => a.start - b.start);
}

function uncoveredPieces(token: Token, matches: readonly Match[]): Token[] {
  const covering = matches.filter((match) => match.start < token.end && token.start < match.end).sort((a, b) => a.start - b.start);
  const pieces: Token[] = [];
  let cursor = token.start;
  for (const match of [...covering, { start: token.end, end: token.end }]) {
    if (match.start > cursor)
      pieces.push({ ...token, text: token.text.slice(cursor - token.start, match.start - token.start), start: cursor, end: match.start });
    cursor = Math.max(cursor, match.end);
  }
  return pieces;
}

/** "Sprach- und Kulturmittler" means "Sprachmittler und Kulturmittler": the shared head is added to the first word. */
export function expandElisions(text: string): string {
  return text.replace(
    /([A-Za-zÄÖÜäöüß]+)-\s+(und|oder|bzw\.?|sowie)\s+([A-Za-zÄÖÜäöüß]+)/g,
    (whole, first: string, joiner: string, second: string) => {
      const folded = fold(second);
      const modifier = VOCABULARY.map((keyword) => keyword.stems[0] ?? '')
        .filter((candidate) => candidate.length >= 4 && folded.startsWith(candidate) && folded.length > candidate.length + 3)
        .sort((a, b) => b.length - a.length)[0];
      return modifier === undefined ? whole : `${first}${folded.slice(modifier.length)} ${joiner} ${second}`;
    },
  );
}
