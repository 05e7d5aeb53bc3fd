import { stemmer } from '@orama/stemmers/german';
import { fold } from './text.js';
import { NEEDS, type NeedId, SIZE_CLASSES, type SizeClassId, TARGET_GROUPS, type TargetGroupId } from './taxonomy.js';

/**
 * The recognizer's vocabulary: the taxonomy's words, folded and reduced to German Snowball stems
 * once, and indexed for the three ways a keyword can be found in a word.
 */

/** What a keyword means: an answer to one of the three questions, or nothing (a neutral word). */
export type Term =
  { slot: 'needs'; id: NeedId } | { slot: 'targetGroups'; id: TargetGroupId } | { slot: 'size'; id: SizeClassId } | { slot: null };

/** Remembers a function's answers for the last many words: the same words come up in message after message. */
export function remembered<T>(compute: (word: string) => T, capacity = 20_000): (word: string) => T {
  const known = new Map<string, T>();
  return (word) => {
    if (known.has(word)) return known.get(word) as T;
    if (known.size >= capacity) known.clear();
    const value = compute(word);
    known.set(word, value);
    return value;
  };
}

export const stem = remembered((word) => (word.length <= 3 ? word : stemmer(word)));

/** Words that contain a keyword without meaning it; matched so that the keyword inside is not. */
const NEUTRAL_WORDS = [
  'Einwohner',
  'Bewohner',
  'kreisangehörig',
  'Kreisstadt',
  'Arbeitskreis',
  'Kirchengemeinde',
  'Kommunales Integrationszentrum',
  'Integrationszentrum',
  'Ausländerbehörde',
  'Transport',
  'allein',
  'alles',
  'allem',
  'vor allem',
  'Deutschland',
  'Stellenwert',
  'vorstellen',
  'herstellen',
  'bereitstellen',
  'sicherstellen',
  'Fortbildung',
  'Schulung',
  'Weiterbildung',
  'leichte Sprache',
  'einfache Sprache',
  'mehreren Sprachen',
  'verschiedenen Sprachen',
  'vielen Sprachen',
  'Bildungsministerium',
  'Bürgerbüro',
  'Bürgermeister',
  'ausbilden',
  'qualifizieren',
  'Jugendhilfe',
  'Jugendamt',
  'Gespräch',
  'Ansprache',
  'Absprache',
  'Rücksprache',
  'ansprechen',
  'arbeite',
  'arbeiten',
  'arbeitet',
  'Sozialarbeit',
  // Working with people is an activity, a working group a meeting; neither is employment.
  'Arbeit mit',
  'Arbeitsgruppe',
  // The search for funding itself, and the meetings it comes from, are not what is funded.
  'Förderberatung',
  'Fördermittelberatung',
  'Bewerbung um',
  'Netzwerktreffen',
  // An authority people are accompanied to, not a need of its own.
  'Jobcenter',
  // Offices and topics whose names hold a keyword without asking for it.
  'Ausländeramt',
  'Sozialamt',
  'Schulverwaltungsamt',
  'Fachkräftemangel',
  'Elternzeit',
  // Everyday words a typo would otherwise read as a keyword ("Bemerkung" → "Bewerbung").
  'Bemerkung',
  'viele',
];

/** Matched only as a whole word: they also occur inside unrelated words ("Beratungsstelle", "Sporthalle" for "alle"). */
const WHOLE_WORDS = new Set([
  'stell',
  'alle',
  'kind',
  'frau',
  'job',
  'fest',
  'dorf',
  'asyl',
  'kim',
  'vhs',
  'daz',
  'mso',
  'uma',
  'umf',
  'reag',
  'garp',
  'kita',
  'migration',
  'migrant',
  'burg',
  'burger',
  'gemeind',
  'jung',
]);
/** Matched only at the start of a word: as the head of a compound they mean something else ("Elternarbeit" is no job). */
const PREFIX_ONLY = new Set(['arbeit', 'deutsch', 'beruf']);

export interface Keyword {
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
  const entries: { surface: string; stems: string[]; term: Term; exact: boolean }[] = [];
  const add = (phrase: string, term: Term) => {
    const surface = fold(phrase);
    // Stemming neutral words would make "alles" the same as "alle".
    // Neutral words are exact words, and so are female plurals of groups: Snowball makes "Migrantinnen"
    // and "Migranten" one stem, but only the first says women.
    const exact = (word: string) => term.slot === null || (term.slot === 'targetGroups' && word.endsWith('innen'));
    const stems = surface
      .split(' ')
      .filter((word) => word !== '')
      .map((word) => (exact(word) ? word : stem(word)));
    if (stems.length > 0 && stems.every((part) => part !== ''))
      entries.push({ surface, stems, term, exact: surface.split(' ').every(exact) });
  };
  for (const need of NEEDS) for (const word of [need.label, need.short, ...need.words]) add(word, { slot: 'needs', id: need.id });
  for (const group of TARGET_GROUPS)
    for (const word of [group.label, group.short, ...group.words]) add(word, { slot: 'targetGroups', id: group.id });
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
    const clash =
      !entry.exact && entry.stems.length === 1 && (meaningsByStem.get(stemKey)?.size ?? 0) > 1 && lightStem(entry.surface) !== stemKey;
    // A stem of three letters ("Paten" → "pat") is too short to find inside words; the word itself is not.
    const tooShort = entry.stems.length === 1 && stemKey.length <= 3 && entry.surface.length > 3 && !WHOLE_WORDS.has(entry.surface);
    const stems = clash || tooShort ? [lightStem(entry.surface)] : entry.stems;
    const key = stems.join(' ');
    const kind =
      stems.length > 1 ? 'inside' : WHOLE_WORDS.has(key) || key.length <= 3 ? 'whole' : PREFIX_ONLY.has(key) ? 'prefix' : 'inside';
    const keyword = byKey.get(key) ?? { stems, surfaces: [], terms: [], kind };
    if (!keyword.surfaces.includes(entry.surface)) keyword.surfaces.push(entry.surface);
    if (!keyword.terms.some((known) => JSON.stringify(known) === JSON.stringify(entry.term))) keyword.terms.push(entry.term);
    byKey.set(key, keyword);
  }
  return [...byKey.values()];
}

export const VOCABULARY = buildVocabulary();
export const NEUTRAL_SURFACES = new Set(
  VOCABULARY.filter((keyword) => keyword.terms.every((term) => term.slot === null)).flatMap((keyword) => keyword.surfaces),
);
/** Whole-word keywords by every inflected form people write (unless that form is a neutral word of its own). */
export const WHOLE_WORD_INDEX = new Map<string, Keyword>();
for (const keyword of VOCABULARY.filter((candidate) => candidate.kind === 'whole')) {
  for (const base of [keyword.stems[0] ?? '', ...keyword.surfaces]) {
    for (const ending of INFLECTIONS) if (!NEUTRAL_SURFACES.has(`${base}${ending}`)) WHOLE_WORD_INDEX.set(`${base}${ending}`, keyword);
  }
}
// A female plural with a keyword of its own ("Migrantinnen") is that one, not an inflection of another ("Migrant").
for (const keyword of VOCABULARY) {
  const [only] = keyword.stems;
  if (keyword.stems.length === 1 && only !== undefined && only.endsWith('innen') && keyword.surfaces.includes(only))
    WHOLE_WORD_INDEX.set(only, keyword);
}
/** The other keywords by their first three letters, so a word is only compared with plausible ones. */
export const PREFIX_INDEX = new Map<string, Keyword[]>();
for (const keyword of VOCABULARY.filter((candidate) => candidate.kind !== 'whole')) {
  const head = (keyword.stems[0] ?? '').slice(0, 3);
  PREFIX_INDEX.set(head, [...(PREFIX_INDEX.get(head) ?? []), keyword]);
}
/** Single-word keywords that carry meaning, for typo matching, by first letter (typos rarely hit it). */
export const TYPO_CANDIDATES = new Map<string, Keyword[]>();
for (const keyword of VOCABULARY) {
  if (
    keyword.stems.length !== 1 ||
    Math.max(...keyword.surfaces.map((surface) => surface.length)) < 5 ||
    keyword.terms.every((term) => term.slot === null)
  )
    continue;
  const initial = keyword.stems[0]?.[0] ?? '';
  TYPO_CANDIDATES.set(initial, [...(TYPO_CANDIDATES.get(initial) ?? []), keyword]);
}
