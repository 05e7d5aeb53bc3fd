import { stemmer } from '@orama/stemmers/german';
import { distance } from 'fastest-levenshtein';
import { type FoundNumber, findNumbers } from './numbers.js';
import { type Token, fold, tokenize } from './text.js';
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

// ---------------------------------------------------------------------------------------------
// Vocabulary: the taxonomy's words, folded and stemmed once (German Snowball stemmer).

const stem = (word: string) => (word.length <= 3 ? word : stemmer(word));

/** Abbreviations and words the taxonomy leaves implicit, with what they mean here. */
const EXTRA_TERMS: [string, Term[]][] = [
  // Words that contain a keyword without meaning it: matched so that the keyword inside is not.
  ['kreisangehorig', [{ slot: null }]],
  ['einwohner', [{ slot: null }]],
  ['bewohner', [{ slot: null }]],
  ['kreisstadt', [{ slot: null }]],
  ['kommunales integrationszentrum', [{ slot: null }]],
  ['integrationszentrum', [{ slot: null }]],
  ['transport', [{ slot: null }]],
  ['allein', [{ slot: null }]],
  ['deutschland', [{ slot: null }]],
  ['stellenwert', [{ slot: null }]],
  ['vorstellen', [{ slot: null }]],
  ['herstellen', [{ slot: null }]],
  ['bereitstellen', [{ slot: null }]],
  ['sicherstellen', [{ slot: null }]],
  ['bildungsministerium', [{ slot: null }]],
];

/** Matched only as a whole word: they also occur inside unrelated words ("Beratungsstelle", "Deutschland"). */
const WHOLE_WORDS = new Set(['stell', 'stel', 'deutsch', 'alle', 'kind', 'frau', 'job', 'fest', 'paten', 'pat', 'asyl', 'kim', 'vhs', 'daz', 'mso', 'uma', 'umf', 'reag', 'garp', 'kita', 'arzt', 'jugend']);

interface Keyword {
  /** Stems of the keyword's words, in order. */
  stems: string[];
  terms: Term[];
  wholeWord: boolean;
}

function buildVocabulary(): Keyword[] {
  const byKey = new Map<string, Keyword>();
  const add = (phrase: string, term: Term) => {
    const stems = fold(phrase)
      .split(' ')
      .filter((word) => word !== '')
      .map(stem);
    const key = stems.join(' ');
    const keyword = byKey.get(key) ?? { stems, terms: [], wholeWord: stems.length === 1 && (WHOLE_WORDS.has(key) || key.length <= 3) };
    if (!keyword.terms.some((known) => JSON.stringify(known) === JSON.stringify(term))) keyword.terms.push(term);
    byKey.set(key, keyword);
  };
  for (const need of NEEDS) for (const word of [need.label, need.short, ...need.words]) add(word, { slot: 'needs', id: need.id });
  for (const group of TARGET_GROUPS) for (const word of [group.label, group.short, ...group.words]) add(word, { slot: 'targetGroups', id: group.id });
  for (const size of SIZE_CLASSES) for (const word of size.words) add(word, { slot: 'size', id: size.id });
  for (const [phrase, terms] of EXTRA_TERMS) for (const term of terms) add(phrase, term);
  // Labels such as "Arbeit & Ausbildung" fold to phrases of their own: the single words carry the meaning.
  return [...byKey.values()].filter((keyword) => keyword.stems.every((part) => part.length > 0));
}

const VOCABULARY = buildVocabulary();
const WHOLE_WORD_INDEX = new Map(VOCABULARY.filter((keyword) => keyword.wholeWord).map((keyword) => [keyword.stems[0] ?? '', keyword]));
/** Substring keywords by their first three letters, so a token is only compared with plausible ones. */
const PREFIX_INDEX = new Map<string, Keyword[]>();
for (const keyword of VOCABULARY) {
  if (keyword.wholeWord) continue;
  const head = (keyword.stems[0] ?? '').slice(0, 3);
  PREFIX_INDEX.set(head, [...(PREFIX_INDEX.get(head) ?? []), keyword]);
}
/** Single-word keywords for typo matching, by first letter. */
const FUZZY_INDEX = new Map<string, Keyword[]>();
for (const keyword of VOCABULARY) {
  const [only, ...rest] = keyword.stems;
  if (only === undefined || rest.length > 0 || only.length < 4 || keyword.terms.every((term) => term.slot === null)) continue;
  FUZZY_INDEX.set(only[0] ?? '', [...(FUZZY_INDEX.get(only[0] ?? '') ?? []), keyword]);
}

// ---------------------------------------------------------------------------------------------
// Finding terms in a message.

interface Match {
  /** Character span in the folded text. */
  start: number;
  end: number;
  /** Index of the token it starts in (for negation and correction scopes). */
  token: number;
  terms: Term[];
  fuzzy: 'exact' | 'strong' | 'weak';
}

/** Exact matches: whole words by stem, other keywords anywhere inside a word (compounds), phrases across words. */
function exactMatches(tokens: readonly Token[], stems: readonly string[]): Match[] {
  const candidates: Match[] = [];
  tokens.forEach((token, index) => {
    const whole = WHOLE_WORD_INDEX.get(stems[index] ?? '') ?? WHOLE_WORD_INDEX.get(token.text);
    if (whole !== undefined) candidates.push({ start: token.start, end: token.end, token: index, terms: whole.terms, fuzzy: 'exact' });
    for (let offset = 0; offset + 3 <= token.text.length; offset += 1) {
      for (const keyword of PREFIX_INDEX.get(token.text.slice(offset, offset + 3)) ?? []) {
        const end = phraseEnd(keyword, tokens, index, offset);
        if (end !== null) candidates.push({ start: token.start + offset, end, token: index, terms: keyword.terms, fuzzy: 'exact' });
      }
    }
  });
  return longestFirst(candidates);
}

/** Where a keyword that starts at `offset` in token `index` ends, or null when it is not there. */
function phraseEnd(keyword: Keyword, tokens: readonly Token[], index: number, offset: number): number | null {
  const [first = '', ...rest] = keyword.stems;
  const token = tokens[index];
  if (token === undefined || !token.text.startsWith(first, offset)) return null;
  if (rest.length === 0) return token.start + offset + first.length;
  // A phrase starts at the beginning of a word or ends a compound, and each later word may be inflected.
  for (const [step, part] of rest.entries()) {
    if (!(tokens[index + step + 1]?.text.startsWith(part) ?? false)) return null;
  }
  return tokens[index + rest.length]?.end ?? null;
}

/**
 * Keeps the longest of overlapping matches for the same question, so "Kulturmittler" is not also
 * "Kultur"; a word inside that answers another question still counts ("Flüchtlingsunterkunft" is
 * Wohnen and names Geflüchtete). Inside a neutral word ("Einwohner") nothing counts.
 */
function longestFirst(candidates: Match[]): Match[] {
  const slots = (match: Match) => new Set(match.terms.map((term) => term.slot));
  const competes = (a: Match, b: Match) => {
    const mine = slots(a);
    return mine.has(null) || [...slots(b)].some((slot) => slot === null || mine.has(slot));
  };
  const kept: Match[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((other) => candidate.start < other.end && other.start < candidate.end && competes(candidate, other))) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Words too common to be read as a typo of a keyword. */
const NOT_TYPOS = new Set([
  'unsere', 'unser', 'welche', 'haben', 'suchen', 'brauchen', 'mochten', 'werden', 'wurde', 'konnen', 'konnte', 'sollen', 'wollen', 'planen', 'diese', 'dieser',
  'einem', 'einer', 'einen', 'keine', 'nicht', 'schon', 'immer', 'bitte', 'danke', 'hallo', 'guten', 'morgen', 'gerne', 'projekt', 'projekte', 'forderung',
  'programm', 'programme', 'mittel', 'stadt', 'kommune', 'landkreis', 'einwohner', 'sowie', 'damit', 'dafur', 'fragen', 'thema', 'bereich', 'angebot',
  'angebote', 'aktuell', 'zudem', 'etwas', 'gesucht', 'finden', 'gibt', 'welches', 'moglich', 'mehr', 'viele', 'vielen', 'weitere', 'uber', 'unter',
  'kreisfreien', 'wahrend', 'neben', 'ebenfalls', 'insbesondere', 'gemeinsam', 'starken', 'fordern', 'fordermittel', 'zuschuss', 'antrag', 'geld',
  'stadte', 'gemeinden', 'kommunen', 'leben', 'lebt', 'menschen', 'sollte', 'hatten', 'waren', 'zwischen', 'rahmen', 'arbeiten', 'umsetzen',
]);

const LINKING = /^(?:s|es|n|en)(?=[a-z]{5,})/;

/**
 * Typos ("Sprachkuse", "Wohnraummanagment") and the unmatched rest of a compound: compared stem to stem,
 * one letter off for shorter words, two for longer ones. A close call between two meanings is only a guess.
 */
function fuzzyMatches(tokens: readonly Token[], exact: readonly Match[]): Match[] {
  const found: Match[] = [];
  tokens.forEach((token, index) => {
    if (/\d/.test(token.text) || NOT_TYPOS.has(token.text)) return;
    for (const piece of uncoveredPieces(token, exact)) {
      const word = piece.text.replace(LINKING, '');
      if (word.length < 5) continue;
      const wordStem = stem(word);
      let best: { keyword: Keyword; distance: number }[] = [];
      for (const keyword of FUZZY_INDEX.get(wordStem[0] ?? '') ?? []) {
        const target = keyword.stems[0] ?? '';
        if (Math.abs(target.length - wordStem.length) > 2) continue;
        const allowed = Math.min(target.length, wordStem.length) >= 8 ? 2 : 1;
        const off = distance(wordStem, target);
        if (off === 0 || off > allowed) continue;
        if (best.length === 0 || off < (best[0]?.distance ?? Infinity)) best = [{ keyword, distance: off }];
        else if (off === best[0]?.distance) best.push({ keyword, distance: off });
      }
      if (best.length === 0) continue;
      const meanings = new Set(best.flatMap(({ keyword }) => keyword.terms.map((term) => JSON.stringify(term))));
      const strong = meanings.size === best[0]!.keyword.terms.length && (best[0]!.distance === 1 ? wordStem.length >= 6 : wordStem.length >= 10);
      found.push({ start: piece.start, end: piece.end, token: index, terms: best.flatMap(({ keyword }) => keyword.terms), fuzzy: strong ? 'strong' : 'weak' });
    }
  });
  return found;
}

function uncoveredPieces(token: Token, matches: readonly Match[]): Token[] {
  const covering = matches.filter((match) => match.start < token.end && token.start < match.end).sort((a, b) => a.start - b.start);
  const pieces: Token[] = [];
  let cursor = token.start;
  for (const match of [...covering, { start: token.end, end: token.end }]) {
    if (match.start > cursor) pieces.push({ text: token.text.slice(cursor - token.start, match.start - token.start), start: cursor, end: match.start });
    cursor = Math.max(cursor, match.end);
  }
  return pieces;
}

// ---------------------------------------------------------------------------------------------
// Negation ("nicht Frauen") and corrections ("Sprache, ach nein, eigentlich Wohnen").

const NEGATIONS = new Set(['nicht', 'kein', 'keine', 'keinen', 'keiner', 'ohne', 'statt', 'anstatt', 'anstelle', 'ausser']);
const NEGATION_REACH = 3;
/** A later part of the message that replaces what an earlier part said for the same question. */
const CORRECTIONS = new Set(['sondern', 'eigentlich', 'eher', 'lieber', 'stattdessen', 'vielmehr', 'korrektur', 'meinte']);

function isNegated(tokens: readonly Token[], index: number): boolean {
  for (let back = 1; back <= NEGATION_REACH && index - back >= 0; back += 1) {
    const word = tokens[index - back]?.text ?? '';
    if (CORRECTIONS.has(word)) return false;
    // "nicht nur Frauen" includes them.
    if (NEGATIONS.has(word)) return tokens[index - back + 1]?.text !== 'nur';
  }
  return false;
}

function segmentOf(tokens: readonly Token[], index: number): number {
  let segment = 0;
  for (let position = 0; position < index; position += 1) {
    const word = tokens[position]?.text ?? '';
    // "nicht nur …, sondern auch …" adds rather than corrects.
    if (CORRECTIONS.has(word) && !(word === 'sondern' && tokens[position + 1]?.text === 'auch')) segment += 1;
  }
  return segment;
}

// ---------------------------------------------------------------------------------------------
// Size: inhabitants from numbers in context, or a size word.

const INHABITANT_WORDS = /^(?:einwohn\w*|einw|ew|bewohn\w*|menschen|leute|burger\w*|seelen)$/;
const TOWN_WORDS = new Set(['gemeinde', 'stadt', 'kommune', 'kreis', 'landkreis', 'ort', 'dorf', 'einwohnerzahl', 'grosse', 'stadtchen', 'kleinstadt', 'mittelstadt', 'grossstadt']);
const NOT_INHABITANTS = /^(?:euro|eur|€|t€|teur|tsd€|prozent|%|stelle\w*|vza|vze|jahr\w*|monat\w*|woch\w*|tag\w*|stund\w*|platz\w*|plat\w*|kurs\w*|teilnehm\w*|person\w*|mitarbeit\w*|fall\w*|mal|minut\w*|euros)$/;
const LOWER_BOUND = new Set(['uber', 'ab', 'mindestens']);
const UPPER_BOUND = new Set(['unter', 'bis']);
const YEAR = /^(?:19|20)\d\d$/;

interface SizeEvidence {
  size: Size;
  /** Inhabitants were named with a word; a bare number counts only as the answer to the size question. */
  named: boolean;
}

function sizeFromNumbers(tokens: readonly Token[], numbers: readonly FoundNumber[], countedNouns: ReadonlySet<number>, expecting: Slot | undefined): SizeEvidence | null {
  for (const number of numbers) {
    const after = tokens[number.to]?.text ?? '';
    const before = tokens.slice(Math.max(0, number.from - 3), number.from).map((token) => token.text);
    const digits = tokens[number.from]?.text ?? '';
    if (NOT_INHABITANTS.test(after) || countedNouns.has(number.to)) continue;
    const namedAfter = INHABITANT_WORDS.test(after);
    if (YEAR.test(digits) && !namedAfter) continue;
    const named = namedAfter || before.some((word) => TOWN_WORDS.has(word) || INHABITANT_WORDS.test(word));
    if (!named && (expecting !== 'size' || number.value < 100)) continue;

    const previous = before.at(-1) ?? '';
    const beforePrevious = before.at(-2) ?? '';
    if (UPPER_BOUND.has(previous) || (previous === 'als' && beforePrevious === 'weniger')) return { size: { class: sizeClassFor(number.value - 1) }, named };
    if (LOWER_BOUND.has(previous) || (previous === 'als' && beforePrevious === 'mehr')) return { size: { class: sizeClassFor(number.value) }, named };
    if (previous === 'zwischen') {
      const upper = numbers.find((other) => other.from === number.to + 1 && tokens[number.to]?.text === 'und');
      return { size: { class: sizeClassFor(upper === undefined ? number.value : (number.value + upper.value) / 2) }, named };
    }
    return { size: { class: sizeClassFor(number.value), inhabitants: number.value }, named };
  }
  return null;
}

// "im Kreis Lippe" says where a town lies, not that the user works for the Kreis.
const LOCATION = new Set(['im', 'in', 'aus', 'des', 'vom']);

function sizeFromWords(matches: readonly Match[], tokens: readonly Token[]): SizeClassId | null {
  const classes = matches.flatMap((match) => {
    const located = LOCATION.has(tokens[match.token - 1]?.text ?? '') || (tokens[match.token - 1]?.text === 'der' && LOCATION.has(tokens[match.token - 2]?.text ?? ''));
    return match.terms.flatMap((term) => (term.slot === 'size' && !(term.id === 'kreis' && located) ? [term.id] : []));
  });
  if (classes.includes('kreis')) return 'kreis';
  // "Gemeinde" is said of any town, so a more specific class wins over "klein".
  return classes.find((id) => id !== 'klein') ?? (classes.includes('klein') ? 'klein' : null);
}

// ---------------------------------------------------------------------------------------------
// Answers to a question with choices: "2", "Nummer 3", "die zweite", "zwei", or the label itself.

const ORDINALS = ['erst', 'zweit', 'dritt', 'viert', 'funft', 'sechst', 'siebt', 'acht', 'neunt', 'zehnt', 'elft', 'zwolft'];
const CARDINALS = ['eins', 'zwei', 'drei', 'vier', 'funf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwolf'];
const CHOICE_FILLERS = new Set(['die', 'der', 'das', 'den', 'nummer', 'nr', 'bitte', 'option', 'punkt', 'auswahl', 'ich', 'nehme', 'wahle']);

/** The position (from 0) a short reply picks in a list of choices, or null. */
export function readChoiceIndex(message: string): number | null {
  const words = fold(message)
    .split(' ')
    .filter((word) => word !== '' && !CHOICE_FILLERS.has(word));
  if (words.length !== 1) return null;
  const [word = ''] = words;
  if (/^\d{1,2}$/.test(word)) return Number(word) - 1;
  const ordinal = ORDINALS.findIndex((prefix) => new RegExp(`^${prefix}(?:e|er|es|en)$`).test(word));
  if (ordinal >= 0) return ordinal;
  const cardinal = CARDINALS.indexOf(word === 'eine' || word === 'ein' ? 'eins' : word);
  return cardinal >= 0 ? cardinal : null;
}

const CHOICES = { needs: NEEDS, targetGroups: TARGET_GROUPS, size: SIZE_CLASSES } as const;

function chosen(message: string, expecting: Slot): Recognition | null {
  const choices = CHOICES[expecting];
  const folded = fold(message);
  const index = readChoiceIndex(message);
  const choice = (index === null ? undefined : choices[index]) ?? choices.find((option) => fold(option.label) === folded || fold(option.short) === folded);
  if (choice === undefined) return null;
  const recognition = emptyRecognition();
  if (expecting === 'size') recognition.size = { class: choice.id as SizeClassId };
  else if (expecting === 'needs') recognition.needs = [choice.id as NeedId];
  else recognition.targetGroups = [choice.id as TargetGroupId];
  return recognition;
}

// ---------------------------------------------------------------------------------------------

/** A search request fits in a few sentences; reading further only costs time on pasted documents. */
const MAX_MESSAGE_CHARS = 2000;

const unique = <T>(items: T[]) => [...new Set(items)];

/**
 * Reads the slots from a German message. `expecting` is the question the message answers, so that
 * "2" picks the second choice there and a bare number counts as inhabitants.
 */
export function recognize(message: string, expecting?: Slot): Recognition {
  const text = message.slice(0, MAX_MESSAGE_CHARS);
  if (expecting !== undefined) {
    const choice = chosen(text, expecting);
    if (choice !== null) return choice;
  }

  const tokens = tokenize(fold(text));
  const stems = tokens.map((token) => stem(token.text));
  const exact = exactMatches(tokens, stems);
  const matches = [...exact, ...fuzzyMatches(tokens, exact)].sort((a, b) => a.start - b.start);

  const result = emptyRecognition();
  const latestSegment: Partial<Record<ListSlot, number>> = {};
  const said: { slot: ListSlot; id: string; segment: number; sure: boolean }[] = [];
  for (const match of matches) {
    const negated = isNegated(tokens, match.token);
    const segment = segmentOf(tokens, match.token);
    for (const term of match.terms) {
      if (term.slot !== 'needs' && term.slot !== 'targetGroups') continue;
      if (negated) (result.excluded[term.slot] as string[]).push(term.id);
      else if (match.fuzzy === 'weak') (result.unsure[term.slot] as string[]).push(term.id);
      else {
        said.push({ slot: term.slot, id: term.id, segment, sure: true });
        latestSegment[term.slot] = Math.max(latestSegment[term.slot] ?? 0, segment);
      }
    }
  }
  // A correction replaces what was said before it for the same question.
  for (const entry of said) {
    if (entry.segment === latestSegment[entry.slot]) (result[entry.slot] as string[]).push(entry.id);
  }
  result.needs = unique(result.needs);
  result.targetGroups = unique(result.targetGroups);
  for (const slot of ['needs', 'targetGroups'] as const) {
    result.excluded[slot] = unique(result.excluded[slot]).filter((id) => !(result[slot] as string[]).includes(id)) as never;
    result.unsure[slot] = unique(result.unsure[slot]).filter((id) => !(result[slot] as string[]).includes(id)) as never;
  }

  // Numbers that count something the message names ("30 Kinder", "200 Geflüchtete") are not inhabitants.
  const countedNouns = new Set(matches.filter((match) => match.terms.some((term) => term.slot === 'targetGroups' || term.slot === 'needs')).map((match) => match.token));
  const byNumber = sizeFromNumbers(tokens, findNumbers(tokens), countedNouns, expecting);
  const byWord = sizeFromWords(matches.filter((match) => !isNegated(tokens, match.token)), tokens);
  if (byWord === 'kreis') result.size = byNumber?.size.inhabitants === undefined ? { class: 'kreis' } : { class: 'kreis', inhabitants: byNumber.size.inhabitants };
  else result.size = byNumber?.size ?? (byWord === null ? null : { class: byWord });
  return result;
}

/** True when the recognition says anything at all. */
export const saysAnything = (recognition: Recognition): boolean =>
  recognition.needs.length > 0 || recognition.targetGroups.length > 0 || recognition.size !== null || recognition.excluded.needs.length > 0 || recognition.excluded.targetGroups.length > 0;
