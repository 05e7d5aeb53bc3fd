import type { Programme } from './programme.js';
import { fold } from './text.js';

/**
 * Programmes a message names: people ask for programmes they have heard of ("Einwanderung
 * gestalten", "Sprach-Kitas", "BIWAQ"), also for ended ones, and should learn what became of them.
 */

export interface NamedProgrammes {
  programmes: Programme[];
  /** The message without the names, to tell whether it also says something for a search. */
  rest: string;
}

/** Words that only say what kind of programme it is; a name without them is still the name. */
const GENERIC_PREFIX = /^(?:bundesprogramm|landesprogramm|forderprogramm|forderung|modellprogramm|programm|esf plus) /;
const GENERIC_SUFFIX = / (?:nrw|des bundes|des landes nrw)$/;
/** Words that make no name on their own ("ESF Plus", "NRW 2021–2027", "Teil sein"). */
const GENERIC_WORDS = new Set(['esf', 'plus', 'nrw', 'bund', 'land', 'eu', 'programm', 'forderung']);
/** Short names in brackets or capitals, such as (KIM), BIWAQ or JUSTiQ. */
const ABBREVIATION = /\(([A-Za-zÄÖÜäöü]{3,8})\)|^([A-Z][A-Za-z]{2,7}) [–-]/g;
/** Abbreviations this short are only taken in their own spelling: "kim" is a word, "KIM" a programme. */
const CASE_SENSITIVE_UP_TO = 3;

const MAX_NAMED = 3;

/** A name must be specific enough not to catch ordinary words: two words or one long one, and one real word of five letters or more. */
function specific(name: string): boolean {
  const words = name.split(' ');
  const long = words.some((word) => word.length >= 5 && !GENERIC_WORDS.has(word) && !/^\d+$/.test(word));
  return long && (words.length > 1 ? name.length >= 8 : name.length >= 12);
}

interface Names {
  programme: Programme;
  folded: string[];
  abbreviations: string[];
}

function namesOf(programme: Programme): Names {
  const title = programme.title;
  const parts = [title, ...title.split(/ [–-] |: /).slice(0, 1), title.replace(/\s*\([^)]*\)\s*/g, ' ')];
  const folded = new Set<string>();
  for (const part of parts) {
    const base = fold(part);
    for (const variant of [
      base,
      base.replace(GENERIC_PREFIX, ''),
      base.replace(GENERIC_SUFFIX, ''),
      base.replace(GENERIC_PREFIX, '').replace(GENERIC_SUFFIX, ''),
    ]) {
      if (specific(variant)) folded.add(variant);
    }
  }
  const abbreviations = [...title.matchAll(ABBREVIATION)]
    .map((found) => found[1] ?? found[2] ?? '')
    .filter((abbreviation) => abbreviation !== '');
  return { programme, folded: [...folded], abbreviations };
}

/** The names of a loaded list, by their first word: a message is checked against the few names that start with one of its words. */
interface NameIndex {
  byFirstWord: Map<string, { names: Names; variant: string }[]>;
  byAbbreviation: Map<string, Names[]>;
}

const indexes = new WeakMap<readonly Programme[], NameIndex>();

function nameIndexFor(programmes: readonly Programme[]): NameIndex {
  let index = indexes.get(programmes);
  if (index !== undefined) return index;
  index = { byFirstWord: new Map(), byAbbreviation: new Map() };
  for (const programme of programmes) {
    const names = namesOf(programme);
    for (const variant of names.folded) {
      const first = variant.split(' ')[0] ?? variant;
      const entries = index.byFirstWord.get(first) ?? [];
      entries.push({ names, variant });
      index.byFirstWord.set(first, entries);
    }
    for (const abbreviation of names.abbreviations) {
      const key = abbreviation.length <= CASE_SENSITIVE_UP_TO ? abbreviation : fold(abbreviation);
      index.byAbbreviation.set(key, [...(index.byAbbreviation.get(key) ?? []), names]);
    }
  }
  indexes.set(programmes, index);
  return index;
}

const wholeWords = (haystack: string, needle: string) => ` ${haystack} `.includes(` ${needle} `);

export function namedProgrammes(message: string, programmes: readonly Programme[]): NamedProgrammes {
  const index = nameIndexFor(programmes);
  const folded = fold(message);
  const found = new Map<Programme, { names: Names; length: number }>();
  const note = (names: Names, length: number) => {
    const known = found.get(names.programme);
    if (known === undefined || known.length < length) found.set(names.programme, { names, length });
  };
  for (const word of new Set(folded.split(' '))) {
    for (const { names, variant } of index.byFirstWord.get(word) ?? []) if (wholeWords(folded, variant)) note(names, variant.length);
  }
  for (const word of new Set(message.split(/[^A-Za-zÄÖÜäöü]+/))) {
    const key = word.length <= CASE_SENSITIVE_UP_TO ? word : fold(word);
    for (const names of index.byAbbreviation.get(key) ?? []) note(names, word.length);
  }
  // The most specific names first: "Sprach-Kitas NRW" before a programme that merely shares "Sprach-Kitas".
  const chosen = [...found.values()].sort((a, b) => b.length - a.length).slice(0, MAX_NAMED);
  let rest = folded;
  for (const { names } of chosen) {
    for (const variant of [...names.folded].sort((a, b) => b.length - a.length)) rest = ` ${rest} `.split(` ${variant} `).join(' ').trim();
    for (const abbreviation of names.abbreviations)
      rest = ` ${rest} `
        .split(` ${fold(abbreviation)} `)
        .join(' ')
        .trim();
  }
  return { programmes: chosen.map((entry) => entry.names.programme), rest };
}
