import { normalize } from './normalize.js';
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
}

type Term = { slot: 'needs'; id: NeedId } | { slot: 'targetGroups'; id: TargetGroupId } | { slot: 'size'; id: SizeClassId } | { slot: null };

interface Keyword {
  text: string;
  /** Short words match only as a whole word (with an inflection ending), so "alle" is not found in "Sporthalle". */
  wholeWord: boolean;
  terms: Term[];
}

// Words that contain a keyword without meaning it; matched so that the shorter keyword inside is ignored.
const NEUTRAL_WORDS = ['kreisangehoerig', 'stadtteilarbeit', 'transport', 'allein', 'allerdings', 'allem', 'allgemein'];
// "im Kreis Lippe" says where a town lies, not that the user works for the Kreis.
const LOCATION_OF_TOWN = /\b(?:im|in der|aus dem|aus der)\s+(?:[a-z]+\s+)?(?:landkreis|kreis|staedteregion)\b(?:\s+[a-z]+)?/g;
const INFLECTION = '(?:e|en|n|er|es|s|innen|in)?';
const WHOLE_WORD_MAX = 4;

function stem(word: string): string {
  return word.length > 6 ? word.replace(/(?:innen|en|er|es|e|n|s)$/, '') : word;
}

function buildKeywords(): Keyword[] {
  const byText = new Map<string, Keyword>();
  const add = (word: string, term: Term) => {
    const text = normalize(word).split(' ').map(stem).join(' ');
    const keyword = byText.get(text) ?? { text, wholeWord: text.length <= WHOLE_WORD_MAX, terms: [] };
    if (!keyword.terms.some((known) => known.slot === term.slot && 'id' in known && 'id' in term && known.id === term.id)) keyword.terms.push(term);
    byText.set(text, keyword);
  };
  for (const need of NEEDS) for (const word of [need.label, ...need.words]) add(word, { slot: 'needs', id: need.id });
  for (const group of TARGET_GROUPS) for (const word of [group.label, ...group.words]) add(word, { slot: 'targetGroups', id: group.id });
  for (const size of SIZE_CLASSES) for (const word of [size.label, ...size.words]) add(word, { slot: 'size', id: size.id });
  for (const word of NEUTRAL_WORDS) add(word, { slot: null });
  return [...byText.values()].sort((a, b) => b.text.length - a.text.length);
}

const KEYWORDS = buildKeywords();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const KEYWORD_PATTERNS = KEYWORDS.map((keyword) => ({
  keyword,
  // In a phrase every word may be inflected: "kreisfreien Stadt", "sozialen Zusammenhalt".
  pattern: new RegExp(keyword.wholeWord ? `\\b${escapeRegExp(keyword.text)}${INFLECTION}\\b` : keyword.text.split(' ').map(escapeRegExp).join('[a-z]*\\s+'), 'g'),
}));

interface Span {
  start: number;
  end: number;
}

/** Finds keywords, longest first; a shorter keyword inside a longer match is not counted again. */
function findTerms(text: string): Term[] {
  const taken: Span[] = [];
  const terms: Term[] = [];
  for (const { keyword, pattern } of KEYWORD_PATTERNS) {
    pattern.lastIndex = 0;
    for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
      const span = { start: found.index, end: found.index + found[0].length };
      if (taken.some((other) => span.start < other.end && other.start < span.end)) continue;
      taken.push(span);
      terms.push(...keyword.terms);
    }
  }
  return terms;
}

const NUMBER = String.raw`(\d{1,3}(?:[. ]\d{3})+|\d+(?:,\d+)?)\s*(tsd|tausend|mio|million|millionen)?\b`;
const INHABITANT_AFTER = String.raw`^\s*(?:einwohner\w*|einw|ew|bewohner\w*|menschen|leute|buerger\w*)\b`;
const INHABITANT_BEFORE = String.raw`(?:gemeinde|stadt|kommune|kreis|ort|einwohnerzahl|einwohnern|ew|groesse)\s+(?:mit\s+|von\s+)?(?:ca|rund|etwa|ungefaehr|knapp|gut|ueber|unter|fast)?\s*$`;
const NOT_INHABITANTS_AFTER = String.raw`^\s*(?:euro|eur|€|prozent|%|stellen|stelle|jahre|jahren|monate|tage|kinder|familien|personen|teilnehmende|plaetze|stunden)`;

function parseNumber(digits: string, unit: string | undefined): number {
  const value = /^\d{1,3}(?:[. ]\d{3})+$/.test(digits) ? Number(digits.replace(/[. ]/g, '')) : Number(digits.replace(',', '.'));
  const factor = unit === undefined ? 1 : unit.startsWith('mio') || unit.startsWith('million') ? 1_000_000 : 1_000;
  return Math.round(value * factor);
}

/** An inhabitant count: a number next to a word for inhabitants, or any plain number when it answers the size question. */
function findInhabitants(text: string, expecting: Slot | undefined): number | null {
  for (const found of text.matchAll(new RegExp(NUMBER, 'g'))) {
    const before = text.slice(0, found.index);
    const after = text.slice(found.index + found[0].length);
    if (new RegExp(NOT_INHABITANTS_AFTER).test(after)) continue;
    const below = /(?:unter|weniger als|bis zu)\s*$/.test(before) ? 1 : 0;
    const value = parseNumber(found[1] ?? '', found[2]) - below;
    const named = new RegExp(INHABITANT_AFTER).test(after) || new RegExp(INHABITANT_BEFORE).test(before);
    if (named || (expecting === 'size' && value >= 100)) return value > 0 ? value : null;
  }
  return null;
}

const ORDINALS = ['erst', 'zweit', 'dritt', 'viert', 'fuenft', 'sechst', 'siebt', 'acht', 'neunt', 'zehnt', 'elft'];
const CARDINALS = ['eins', 'zwei', 'drei', 'vier', 'fuenf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf'];

/** "2", "Nummer 2", "die zweite", "zwei": a position in the list of choices, counted from 0. */
function findChoiceIndex(text: string): number | null {
  const words = text.replace(/[.,]/g, ' ').split(' ').filter((word) => !['die', 'der', 'das', 'nummer', 'nr', 'bitte', 'option', 'punkt'].includes(word) && word !== '');
  if (words.length !== 1) return null;
  const [word = ''] = words;
  if (/^\d{1,2}$/.test(word)) return Number(word) - 1;
  const ordinal = ORDINALS.findIndex((prefix) => new RegExp(`^${prefix}(?:e|er|es|en)$`).test(word));
  if (ordinal >= 0) return ordinal;
  const cardinal = CARDINALS.indexOf(word === 'eine' || word === 'ein' ? 'eins' : word);
  return cardinal >= 0 ? cardinal : null;
}

const choicesFor = { needs: NEEDS, targetGroups: TARGET_GROUPS, size: SIZE_CLASSES } as const;

const unique = <T>(items: T[]) => [...new Set(items)];
const MAX_MESSAGE_CHARS = 2000;

/**
 * Reads the slots from a German message. `expecting` is the question the message answers,
 * so that "2" picks the second choice there and a bare number counts as inhabitants.
 */
export function recognize(message: string, expecting?: Slot): Recognition {
  // A search request fits in a few sentences; reading further only costs time on pasted documents.
  const text = normalize(message.slice(0, MAX_MESSAGE_CHARS));
  const result: Recognition = { needs: [], targetGroups: [], size: null };

  if (expecting !== undefined) {
    const choices = choicesFor[expecting];
    const index = findChoiceIndex(text);
    const choice = (index === null ? undefined : choices[index]) ?? choices.find((option) => normalize(option.label) === text || normalize(option.short) === text);
    if (choice !== undefined) {
      if (expecting === 'size') result.size = { class: choice.id as SizeClassId };
      else if (expecting === 'needs') result.needs = [choice.id as NeedId];
      else result.targetGroups = [choice.id as TargetGroupId];
      return result;
    }
  }

  const terms = findTerms(text.replace(LOCATION_OF_TOWN, ' '));
  result.needs = unique(terms.flatMap((term) => (term.slot === 'needs' ? [term.id] : [])));
  result.targetGroups = unique(terms.flatMap((term) => (term.slot === 'targetGroups' ? [term.id] : [])));

  const sizeWords = unique(terms.flatMap((term) => (term.slot === 'size' ? [term.id] : [])));
  const inhabitants = findInhabitants(text, expecting);
  // "Gemeinde" is said of any town, so a more specific class wins over "klein".
  const townClass = sizeWords.find((id) => id !== 'klein' && id !== 'kreis') ?? (sizeWords.includes('klein') ? 'klein' : undefined);
  if (sizeWords.includes('kreis')) result.size = inhabitants === null ? { class: 'kreis' } : { class: 'kreis', inhabitants };
  else if (inhabitants !== null) result.size = { class: sizeClassFor(inhabitants), inhabitants };
  else if (townClass !== undefined) result.size = { class: townClass };
  return result;
}
