import { stemmer } from '@orama/stemmers/german';
import { type FoundNumber, findNumbers } from './numbers.js';
import { type Token, fold, readTokens } from './text.js';
import { typoDistance } from './typos.js';
import {
  NEEDS,
  type NeedId,
  SIZE_CLASSES,
  type Size,
  type SizeClassId,
  type Slot,
  TARGET_GROUPS,
  type TargetGroupId,
  sizeClassFor,
} from './taxonomy.js';

/** What one message says about the three slots; an empty list or null means "not mentioned". */
export interface Recognition {
  needs: NeedId[];
  targetGroups: TargetGroupId[];
  size: Size | null;
  /** Said not to be wanted ("nicht Frauen"): to be removed from an earlier answer. */
  excluded: { needs: NeedId[]; targetGroups: TargetGroupId[] };
  /** Guesses too weak to use without asking back ("Meinten Sie …?"). */
  unsure: { needs: NeedId[]; targetGroups: TargetGroupId[] };
}

type ListSlot = 'needs' | 'targetGroups';
type Term = { slot: 'needs'; id: NeedId } | { slot: 'targetGroups'; id: TargetGroupId } | { slot: 'size'; id: SizeClassId } | { slot: null };

export const emptyRecognition = (): Recognition => ({ needs: [], targetGroups: [], size: null, excluded: { needs: [], targetGroups: [] }, unsure: { needs: [], targetGroups: [] } });

/** True when the recognition says anything that changes a search. */
export const saysAnything = (recognition: Recognition): boolean =>
  recognition.needs.length > 0 ||
  recognition.targetGroups.length > 0 ||
  recognition.size !== null ||
  recognition.excluded.needs.length > 0 ||
  recognition.excluded.targetGroups.length > 0;

// =============================================================================================
// Vocabulary: the taxonomy's words, folded and reduced to German Snowball stems once.

/** Remembers a function's answers for the last many words: the same words come up in message after message. */
function remembered<T>(compute: (word: string) => T, capacity = 20_000): (word: string) => T {
  const known = new Map<string, T>();
  return (word) => {
    if (known.has(word)) return known.get(word) as T;
    if (known.size >= capacity) known.clear();
    const value = compute(word);
    known.set(word, value);
    return value;
  };
}

const stem = remembered((word) => (word.length <= 3 ? word : stemmer(word)));

/** Words that contain a keyword without meaning it; matched so that the keyword inside is not. */
const NEUTRAL_WORDS = [
  'Einwohner', 'Bewohner', 'kreisangehörig', 'Kreisstadt', 'Arbeitskreis', 'Kirchengemeinde', 'Kommunales Integrationszentrum', 'Integrationszentrum',
  'Ausländerbehörde', 'Transport', 'allein', 'alles', 'allem', 'vor allem', 'Deutschland', 'Stellenwert', 'vorstellen', 'herstellen', 'bereitstellen',
  'sicherstellen', 'Fortbildung', 'Schulung', 'Weiterbildung', 'leichte Sprache', 'einfache Sprache', 'mehreren Sprachen', 'verschiedenen Sprachen',
  'vielen Sprachen', 'Bildungsministerium', 'Bürgerbüro', 'Bürgermeister', 'ausbilden', 'qualifizieren', 'Jugendhilfe', 'Jugendamt',
  'Gespräch', 'Ansprache', 'Absprache', 'Rücksprache', 'ansprechen', 'arbeite', 'arbeiten', 'arbeitet', 'Sozialarbeit',
];

/** Matched only as a whole word: they also occur inside unrelated words ("Beratungsstelle", "Sporthalle" for "alle"). */
const WHOLE_WORDS = new Set(['stell', 'alle', 'kind', 'frau', 'job', 'fest', 'dorf', 'asyl', 'kim', 'vhs', 'daz', 'mso', 'uma', 'umf', 'reag', 'garp', 'kita', 'migration', 'migrant', 'burg', 'burger', 'gemeind', 'jung']);
/** Matched only at the start of a word: as the head of a compound they mean something else ("Elternarbeit" is no job). */
const PREFIX_ONLY = new Set(['arbeit', 'deutsch', 'beruf']);

interface Keyword {
  /** Stems of the keyword's words, in order (a phrase has several). */
  stems: string[];
  /** The folded words it was made from, for comparing a misspelt word letter by letter. */
  surfaces: string[];
  terms: Term[];
  kind: 'whole' | 'prefix' | 'inside';
}

const INFLECTIONS = ['', 's', 'e', 'n', 'en', 'er', 'es', 'innen', 'in'];
const lightStem = (word: string) => (word.length > 5 ? word.replace(/(?:innen|en|n|e|s)$/, '') : word);

function buildVocabulary(): Keyword[] {
  const entries: { surface: string; stems: string[]; term: Term }[] = [];
  const add = (phrase: string, term: Term) => {
    const surface = fold(phrase);
    // Neutral words are exact words; stemming would make "alles" the same as "alle".
    const stems = surface
      .split(' ')
      .filter((word) => word !== '')
      .map((word) => (term.slot === null ? word : stem(word)));
    if (stems.length > 0 && stems.every((part) => part !== '')) entries.push({ surface, stems, term });
  };
  for (const need of NEEDS) for (const word of [need.label, need.short, ...need.words]) add(word, { slot: 'needs', id: need.id });
  for (const group of TARGET_GROUPS) for (const word of [group.label, group.short, ...group.words]) add(word, { slot: 'targetGroups', id: group.id });
  for (const size of SIZE_CLASSES) for (const word of size.words) add(word, { slot: 'size', id: size.id });
  for (const word of NEUTRAL_WORDS) add(word, { slot: null });

  // Snowball gives "Schule" and "Schüler" one stem; where such words mean different things, keep them apart.
  const meaningsByStem = new Map<string, Set<string>>();
  for (const entry of entries) {
    const key = entry.stems.join(' ');
    meaningsByStem.set(key, (meaningsByStem.get(key) ?? new Set()).add(JSON.stringify(entry.term)));
  }
  const byKey = new Map<string, Keyword>();
  for (const entry of entries) {
    const stemKey = entry.stems.join(' ');
    const clash = entry.stems.length === 1 && (meaningsByStem.get(stemKey)?.size ?? 0) > 1 && lightStem(entry.surface) !== stemKey;
    // A stem of three letters ("Paten" → "pat") is too short to find inside words; the word itself is not.
    const tooShort = entry.stems.length === 1 && stemKey.length <= 3 && entry.surface.length > 3 && !WHOLE_WORDS.has(entry.surface);
    const stems = clash || tooShort ? [lightStem(entry.surface)] : entry.stems;
    const key = stems.join(' ');
    const kind = stems.length > 1 ? 'inside' : WHOLE_WORDS.has(key) || key.length <= 3 ? 'whole' : PREFIX_ONLY.has(key) ? 'prefix' : 'inside';
    const keyword = byKey.get(key) ?? { stems, surfaces: [], terms: [], kind };
    if (!keyword.surfaces.includes(entry.surface)) keyword.surfaces.push(entry.surface);
    if (!keyword.terms.some((known) => JSON.stringify(known) === JSON.stringify(entry.term))) keyword.terms.push(entry.term);
    byKey.set(key, keyword);
  }
  return [...byKey.values()];
}

const VOCABULARY = buildVocabulary();
const NEUTRAL_SURFACES = new Set(VOCABULARY.filter((keyword) => keyword.terms.every((term) => term.slot === null)).flatMap((keyword) => keyword.surfaces));
/** Whole-word keywords by every inflected form people write (unless that form is a neutral word of its own). */
const WHOLE_WORD_INDEX = new Map<string, Keyword>();
for (const keyword of VOCABULARY.filter((candidate) => candidate.kind === 'whole')) {
  for (const base of [keyword.stems[0] ?? '', ...keyword.surfaces]) {
    for (const ending of INFLECTIONS) if (!NEUTRAL_SURFACES.has(`${base}${ending}`)) WHOLE_WORD_INDEX.set(`${base}${ending}`, keyword);
  }
}
/** The other keywords by their first three letters, so a word is only compared with plausible ones. */
const PREFIX_INDEX = new Map<string, Keyword[]>();
for (const keyword of VOCABULARY.filter((candidate) => candidate.kind !== 'whole')) {
  const head = (keyword.stems[0] ?? '').slice(0, 3);
  PREFIX_INDEX.set(head, [...(PREFIX_INDEX.get(head) ?? []), keyword]);
}
/** Single-word keywords that carry meaning, for typo matching, by first letter (typos rarely hit it). */
const TYPO_CANDIDATES = new Map<string, Keyword[]>();
for (const keyword of VOCABULARY) {
  if (keyword.stems.length !== 1 || Math.max(...keyword.surfaces.map((surface) => surface.length)) < 5 || keyword.terms.every((term) => term.slot === null)) continue;
  const initial = keyword.stems[0]?.[0] ?? '';
  TYPO_CANDIDATES.set(initial, [...(TYPO_CANDIDATES.get(initial) ?? []), keyword]);
}

// =============================================================================================
// Finding terms in a message.

interface Match {
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
function exactMatches(tokens: readonly Token[]): Match[] {
  const candidates: Match[] = [];
  tokens.forEach((token, index) => {
    const whole = WHOLE_WORD_INDEX.get(token.text) ?? (NEUTRAL_SURFACES.has(token.text) ? undefined : WHOLE_WORD_INDEX.get(stem(token.text)));
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
  'unsere', 'unser', 'unserer', 'welche', 'haben', 'suchen', 'brauchen', 'mochten', 'werden', 'wurde', 'konnen', 'konnte', 'sollen', 'wollen', 'planen',
  'diese', 'dieser', 'einem', 'einer', 'einen', 'keine', 'nicht', 'schon', 'immer', 'bitte', 'danke', 'hallo', 'guten', 'morgen', 'gerne', 'projekt',
  'projekte', 'forderung', 'programm', 'programme', 'mittel', 'stadt', 'kommune', 'landkreis', 'sowie', 'damit', 'dafur', 'fragen', 'thema', 'bereich',
  'angebot', 'angebote', 'aktuell', 'zudem', 'etwas', 'gesucht', 'finden', 'welches', 'moglich', 'viele', 'vielen', 'weitere', 'unter', 'wahrend',
  'neben', 'ebenfalls', 'insbesondere', 'gemeinsam', 'starken', 'fordern', 'fordermittel', 'zuschuss', 'antrag', 'stadte', 'gemeinden', 'kommunen',
  'leben', 'menschen', 'sollte', 'hatten', 'waren', 'zwischen', 'rahmen', 'arbeiten', 'umsetzen', 'helfen', 'helfer', 'beraten', 'schulen', 'lernen',
  'kosten', 'fahrtkosten', 'ausbauen', 'aufbauen', 'schaffen', 'fordergeld', 'gefragt', 'zusammen', 'stehen', 'gehen', 'leider', 'einfach', 'machen', 'sachen',
]);

// A linking element between compound parts ("Flüchtlings|unterkunft").
const LINKING = /^(?:s|es)(?=[a-z]{5,})/;

/** The closest keywords to a word with a typo: one letter off in shorter words, two in longer ones. */
const closestKeywords = remembered(searchClosestKeywords);

function searchClosestKeywords(word: string): { keywords: Keyword[]; off: number } | null {
  const wordStem = stem(word);
  let best: { keywords: Keyword[]; off: number } | null = null;
  const within = (a: string, b: string) => {
    if (a[0] !== b[0] || Math.abs(a.length - b.length) > 2) return Infinity;
    const allowed = Math.min(a.length, b.length) >= 8 ? 2 : 1;
    const off = typoDistance(a, b, allowed);
    return off > allowed ? Infinity : off;
  };
  for (const keyword of TYPO_CANDIDATES.get(word[0] ?? '') ?? []) {
    // Stem against stem catches inflected typos; word against word catches typos the stemmer cuts differently.
    const off = Math.min(within(wordStem, keyword.stems[0] ?? ''), ...keyword.surfaces.map((surface) => within(word, surface)));
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
function withTypos(tokens: readonly Token[], exact: readonly Match[]): Match[] {
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
    const untouched = (candidate: Token) => !/\d/.test(candidate.text) && !matches.some((match) => match.start < candidate.end && candidate.start < match.end);
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
    if (match.start > cursor) pieces.push({ ...token, text: token.text.slice(cursor - token.start, match.start - token.start), start: cursor, end: match.start });
    cursor = Math.max(cursor, match.end);
  }
  return pieces;
}

/** "Sprach- und Kulturmittler" means "Sprachmittler und Kulturmittler": the shared head is added to the first word. */
function expandElisions(text: string): string {
  return text.replace(/([A-Za-zÄÖÜäöüß]+)-\s+(und|oder|bzw\.?|sowie)\s+([A-Za-zÄÖÜäöüß]+)/g, (whole, first: string, joiner: string, second: string) => {
    const folded = fold(second);
    const modifier = VOCABULARY.map((keyword) => keyword.stems[0] ?? '')
      .filter((candidate) => candidate.length >= 4 && folded.startsWith(candidate) && folded.length > candidate.length + 3)
      .sort((a, b) => b.length - a.length)[0];
    return modifier === undefined ? whole : `${first}${folded.slice(modifier.length)} ${joiner} ${second}`;
  });
}

// =============================================================================================
// Negation ("nicht Frauen"), corrections ("Sprache, ach nein, eigentlich Wohnen"), self-descriptions.

const NEGATIONS = new Set(['nicht', 'kein', 'keine', 'keinen', 'keiner', 'ohne', 'statt', 'anstatt', 'anstelle', 'ausser']);
const NEGATION_REACH = 3;
/** A later part of the message that replaces what an earlier part said for the same question. */
const CORRECTIONS = new Set(['sondern', 'eigentlich', 'eher', 'lieber', 'stattdessen', 'vielmehr', 'korrektur', 'meinte', 'nein', 'nee', 'ah', 'ahm', 'quatsch']);

function isNegated(tokens: readonly Token[], index: number): boolean {
  for (let back = 1; back <= NEGATION_REACH && index - back >= 0; back += 1) {
    if (tokens[index - back + 1]?.clauseStart) return false;
    const word = tokens[index - back]?.text ?? '';
    if (CORRECTIONS.has(word)) return false;
    // "nicht nur Frauen" includes them.
    if (NEGATIONS.has(word)) return tokens[index - back + 1]?.text !== 'nur';
  }
  return false;
}

/** Which part of a corrected message a token is in; "nicht nur …, sondern auch …" adds rather than corrects. */
function segmentStarts(tokens: readonly Token[]): number[] {
  const starts: number[] = [];
  tokens.forEach((token, index) => {
    if (!CORRECTIONS.has(token.text)) return;
    const additive = token.text === 'sondern' && tokens.slice(0, index).some((earlier, position) => earlier.text === 'nicht' && tokens[position + 1]?.text === 'nur');
    if (!additive) starts.push(index);
  });
  return starts;
}

const segmentOf = (starts: readonly number[], index: number) => starts.filter((start) => start < index).length;

/** "Ich bin Integrationsbeauftragte", "wir sind Ehrenamtliche": who writes is not whom the project is for. */
function describesWriter(tokens: readonly Token[], index: number): boolean {
  for (let back = 1; back <= 2 && index - back >= 0; back += 1) {
    if (tokens[index - back + 1]?.clauseStart) return false;
    if (['bin', 'sind'].includes(tokens[index - back]?.text ?? '')) return true;
  }
  return false;
}

// =============================================================================================
// Size: inhabitants from numbers in context, or a size word.

const INHABITANT_WORDS = /^(?:einwohn\w*|einw|ew|bewohn\w*|menschen|leute\w*|burger\w*|seelen)$/;
/** "Einwohner", also misspelt ("Einwohnenr"). */
const isInhabitantWord = (word: string) => INHABITANT_WORDS.test(word) || (word.length >= 8 && typoDistance(word.slice(0, 9), 'einwohner', 2) <= 2);
const TOWN_WORDS = new Set(['gemeinde', 'stadt', 'kommune', 'kreis', 'landkreis', 'ort', 'dorf', 'einwohnerzahl', 'grosse', 'kleinstadt', 'mittelstadt', 'grossstadt']);
/** Words a number counts when it is not inhabitants ("3 Ortsteilen", "14 Grundschulen", "50.000 Euro"). */
const COUNTED = /^(?:euro|eur|€|t€|teur|prozent|%|stelle\w*|vza|vze|vzä|jahr\w*|monat\w*|woch\w*|tag\w*|stund\w*|minut\w*|mal|plat\w*|kurs\w*|teilnehm\w*|person\w*|mitarbeit\w*|fall\w*|fallen|orts?teil\w*|stadtteil\w*|\w*schul\w*|nation\w*|kita\w*|einrichtung\w*|standort\w*|unterkunf\w*|quartier\w*|dorf\w*|dorfer|ortschaft\w*|gemeinden|kommunen|stadte|sprachen|lander\w*|team\w*|gruppe\w*|klass\w*|kolleg\w*|ehrenamtlich\w*|angebot\w*|projekt\w*|stuck|exemplar\w*)$/;
/** No municipality in NRW has fewer inhabitants; a smaller number counts something else ("ein Team von 4 Leuten"). */
const FEWEST_INHABITANTS = 500;
const LOWER_BOUND = new Set(['uber', 'ab', 'mindestens']);
const UPPER_BOUND = new Set(['unter', 'bis', 'knapp']);
const YEAR = /^(?:19|20)\d\d$/;

/** Every number that reads as a count of inhabitants (or a bound on it), with where it stands. */
function sizesFromNumbers(tokens: readonly Token[], numbers: readonly FoundNumber[], countedNouns: ReadonlySet<number>, expecting: Slot | undefined): { size: Size; token: number }[] {
  const found: { size: Size; token: number }[] = [];
  for (const number of numbers) {
    const after = tokens[number.to]?.text;
    const before = tokens.slice(Math.max(0, number.from - 3), number.from).map((token) => token.text);
    const namedAfter = after !== undefined && isInhabitantWord(after);
    if (after !== undefined && !namedAfter && (COUNTED.test(after) || countedNouns.has(number.to))) continue;
    if (number.value < FEWEST_INHABITANTS) continue;
    if (YEAR.test(tokens[number.from]?.text ?? '') && !namedAfter) continue;
    const named = namedAfter || before.some((word) => TOWN_WORDS.has(word) || isInhabitantWord(word));
    if (!named && expecting !== 'size') continue;

    const previous = before.at(-1) ?? '';
    const beforePrevious = before.at(-2) ?? '';
    let size: Size = { class: sizeClassFor(number.value), inhabitants: number.value };
    if (UPPER_BOUND.has(previous) || (previous === 'als' && beforePrevious === 'weniger')) size = { class: sizeClassFor(number.value - 1) };
    else if (LOWER_BOUND.has(previous) || (previous === 'als' && beforePrevious === 'mehr')) size = { class: sizeClassFor(number.value) };
    else if (previous === 'zwischen') {
      const upper = numbers.find((other) => other.from === number.to + 1 && tokens[number.to]?.text === 'und');
      size = { class: sizeClassFor(upper === undefined ? number.value : (number.value + upper.value) / 2) };
    }
    found.push({ size, token: number.from });
  }
  return found;
}

// "im Kreis Lippe" says where a town lies, not that the user works for the Kreis.
const LOCATION = new Set(['im', 'in', 'aus']);
const ARTICLES_AFTER_LOCATION = new Set(['der', 'dem', 'den']);

/** "im Kreis", "in der StädteRegion", "im Rhein-Sieg-Kreis": the words before a name, the name joined by hyphens. */
function isLocation(tokens: readonly Token[], index: number): boolean {
  let first = index;
  while (first > 0 && tokens[first]?.afterHyphen) first -= 1;
  if (tokens[first]?.clauseStart) return false;
  const before = tokens[first - 1]?.text ?? '';
  if (LOCATION.has(before)) return true;
  return ARTICLES_AFTER_LOCATION.has(before) && !tokens[first - 1]?.clauseStart && LOCATION.has(tokens[first - 2]?.text ?? '');
}

function sizeFromWords(matches: readonly Match[], tokens: readonly Token[]): { id: SizeClassId; token: number }[] {
  return matches.flatMap((match) => {
    const located = isLocation(tokens, match.token);
    return match.terms.flatMap((term) => (term.slot === 'size' && !(term.id === 'kreis' && located) ? [{ id: term.id, token: match.token }] : []));
  });
}

/** Kreis beats a town word; "Gemeinde" is said of any town, so a more specific class wins over "klein". */
function strongestSizeWord(words: readonly { id: SizeClassId }[]): SizeClassId | null {
  const ids = words.map((word) => word.id);
  if (ids.includes('kreis')) return 'kreis';
  return ids.find((id) => id !== 'klein') ?? (ids.includes('klein') ? 'klein' : null);
}

// =============================================================================================
// Answers to a question with choices: "2", "Nummer 3", "die zweite", "zwei", "2 und 3", "die letzte".

const ORDINALS = ['erst', 'zweit', 'dritt', 'viert', 'funft', 'sechst', 'siebt', 'acht', 'neunt', 'zehnt', 'elft', 'zwolft'];
const CARDINALS = ['eins', 'zwei', 'drei', 'vier', 'funf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwolf'];
const CHOICE_FILLERS = new Set(['die', 'der', 'das', 'den', 'nummer', 'nr', 'bitte', 'option', 'punkt', 'auswahl', 'ich', 'nehme', 'wahle']);
const LAST = -1;

function choiceWord(word: string): number | null {
  if (/^\d{1,2}$/.test(word)) return Number(word) - 1;
  if (/^letzte[nrs]?$/.test(word)) return LAST;
  const ordinal = ORDINALS.findIndex((prefix) => new RegExp(`^${prefix}(?:e|er|es|en)$`).test(word));
  if (ordinal >= 0) return ordinal;
  const cardinal = CARDINALS.indexOf(word === 'eine' || word === 'ein' ? 'eins' : word);
  return cardinal >= 0 ? cardinal : null;
}

/** The positions (from 0; -1 for "die letzte") a short reply picks, and what it says besides. */
function readChoices(message: string): { indices: number[]; rest: string } | null {
  // A separator must end the list: "3 Stellen" counts posts, "3 – wir sind ein Kreis" picks the third.
  const [head = '', ...tail] = message.split(/\s[-–—]\s|[,;:]\s*(?=[a-zäöüß])/i);
  const words = fold(head)
    .split(' ')
    .filter((word) => word !== '' && !CHOICE_FILLERS.has(word));
  const indices: number[] = [];
  for (const [position, word] of words.entries()) {
    if ((word === 'und' || word === 'oder') && position % 2 === 1) continue;
    const index = choiceWord(word);
    if (index === null || position % 2 === 1) return null;
    indices.push(index);
  }
  return indices.length === 0 ? null : { indices, rest: tail.join(' ') };
}

/** The position (from 0) a short reply picks in a list of choices, or null. */
export function readChoiceIndex(message: string): number | null {
  const choice = readChoices(message);
  return choice !== null && choice.indices.length === 1 && choice.rest === '' && (choice.indices[0] ?? LAST) >= 0 ? (choice.indices[0] ?? null) : null;
}

const CHOICES = { needs: NEEDS, targetGroups: TARGET_GROUPS, size: SIZE_CLASSES } as const;

function chosen(message: string, expecting: Slot): Recognition | null {
  const choices = CHOICES[expecting];
  const folded = fold(message);
  const labelled = choices.find((option) => fold(option.label) === folded || fold(option.short) === folded);
  const picked = readChoices(message);
  const ids = labelled !== undefined ? [labelled.id] : (picked?.indices.map((index) => choices.at(index)?.id) ?? []);
  if (ids.length === 0 || ids.some((id) => id === undefined)) return null;
  const recognition = picked !== null && picked.rest !== '' ? recognize(picked.rest) : emptyRecognition();
  if (expecting === 'size') recognition.size = { class: ids[0] as SizeClassId };
  else if (expecting === 'needs') recognition.needs = ids as NeedId[];
  else recognition.targetGroups = ids as TargetGroupId[];
  return recognition;
}

// =============================================================================================

/** A search request fits in a few sentences; reading further only costs time on pasted documents. */
const MAX_MESSAGE_CHARS = 2000;

const unique = <T>(items: T[]) => [...new Set(items)];

/**
 * Reads the slots from a German message. `expecting` is the question the message answers, so that
 * "2" picks the second choice there, a bare number counts as inhabitants, and a word that could
 * answer two questions ("Ehrenamtliche") answers the one asked.
 */
export function recognize(message: string, expecting?: Slot): Recognition {
  const text = expandElisions(message.slice(0, MAX_MESSAGE_CHARS));
  if (expecting !== undefined) {
    const choice = chosen(text, expecting);
    if (choice !== null) return choice;
  }

  const tokens = readTokens(text);
  const numbers = findNumbers(tokens);
  // "52.000 Bürger" counts inhabitants; it does not name a target group.
  const inhabitantWords = new Set([
    ...numbers.filter((number) => isInhabitantWord(tokens[number.to]?.text ?? '')).map((number) => number.to),
    ...tokens.flatMap((token, index) => (token.text.startsWith('einw') && isInhabitantWord(token.text) ? [index] : [])),
  ]);
  // "in 8 Sprachen" says how many languages, not that language learning is the need.
  const counted = (match: Match) => /^\d/.test(tokens[match.token - 1]?.text ?? '') && tokens[match.token]?.text === 'sprachen';
  const matches = withTypos(tokens, exactMatches(tokens)).filter((match) => !inhabitantWords.has(match.token) && !counted(match));
  const starts = segmentStarts(tokens);

  const result = emptyRecognition();
  const said: { slot: ListSlot; id: string; segment: number }[] = [];
  for (const match of matches) {
    const negated = isNegated(tokens, match.token);
    const segment = segmentOf(starts, match.token);
    const answersQuestion = expecting !== undefined && match.terms.some((term) => term.slot === expecting);
    for (const term of match.terms) {
      if (term.slot !== 'needs' && term.slot !== 'targetGroups') continue;
      if (answersQuestion && term.slot !== expecting) continue;
      if (describesWriter(tokens, match.token)) continue;
      if (negated) (result.excluded[term.slot] as string[]).push(term.id);
      else if (match.certainty === 'guess') (result.unsure[term.slot] as string[]).push(term.id);
      else said.push({ slot: term.slot, id: term.id, segment });
    }
  }
  // A correction replaces what was said before it for the same question.
  for (const slot of ['needs', 'targetGroups'] as const) {
    const latest = Math.max(-1, ...said.filter((entry) => entry.slot === slot).map((entry) => entry.segment));
    (result[slot] as string[]) = unique(said.filter((entry) => entry.slot === slot && entry.segment === latest).map((entry) => entry.id));
    (result.excluded[slot] as string[]) = unique(result.excluded[slot]).filter((id) => !(result[slot] as string[]).includes(id));
    (result.unsure[slot] as string[]) = unique(result.unsure[slot]).filter((id) => !(result[slot] as string[]).includes(id));
  }

  result.size = sizeOf(tokens, matches, numbers, starts, expecting);
  return result;
}

/**
 * The size from the last part of the message that speaks of it ("Kreis – nein, ich schreibe für die
 * Stadt" has none): there a count of inhabitants, else the strongest size word.
 */
function sizeOf(tokens: readonly Token[], matches: readonly Match[], numbers: readonly FoundNumber[], starts: readonly number[], expecting: Slot | undefined): Size | null {
  const words = sizeFromWords(
    matches.filter((match) => !isNegated(tokens, match.token)),
    tokens,
  );
  // A number right before a word the search knows counts that ("30 Kinder", "200 Geflüchtete").
  const countedNouns = new Set(matches.filter((match) => match.terms.some((term) => term.slot === 'needs' || term.slot === 'targetGroups')).map((match) => match.token));
  const counts = sizesFromNumbers(tokens, numbers, countedNouns, expecting);
  const towns = tokens.flatMap((token, index) => (TOWN_WORDS.has(token.text) ? [index] : []));
  const mentioned = [...words.map((word) => word.token), ...counts.map((count) => count.token), ...(starts.length > 0 ? towns : [])];
  if (mentioned.length === 0) return null;
  const segment = Math.max(...mentioned.map((token) => segmentOf(starts, token)));
  const count = counts.find((candidate) => segmentOf(starts, candidate.token) === segment);
  const word = strongestSizeWord(words.filter((candidate) => segmentOf(starts, candidate.token) === segment));
  if (word === 'kreis') return count?.size.inhabitants === undefined ? { class: 'kreis' } : { class: 'kreis', inhabitants: count.size.inhabitants };
  return count?.size ?? (word === null ? null : { class: word });
}
