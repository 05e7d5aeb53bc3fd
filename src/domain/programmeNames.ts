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
/** Short names in brackets or capitals, such as (KIM), BIWAQ or JUSTiQ. */
const ABBREVIATION = /\(([A-Za-zÄÖÜäöü]{3,8})\)|^([A-Z][A-Za-z]{2,7}) [–-]/g;

const MAX_NAMED = 3;

/** A name must be specific enough not to catch ordinary words of a search: two words, or one long word. */
const specific = (name: string) => (name.includes(' ') ? name.length >= 8 : name.length >= 12);

function namesOf(programme: Programme): { folded: string[]; abbreviations: string[] } {
  const title = programme.title;
  const parts = [title, ...title.split(/ [–-] |: /).slice(0, 1), title.replace(/\s*\([^)]*\)\s*/g, ' ')];
  const folded = new Set<string>();
  for (const part of parts) {
    const base = fold(part);
    for (const variant of [base, base.replace(GENERIC_PREFIX, ''), base.replace(GENERIC_SUFFIX, ''), base.replace(GENERIC_PREFIX, '').replace(GENERIC_SUFFIX, '')]) {
      if (specific(variant)) folded.add(variant);
    }
  }
  const abbreviations = [...title.matchAll(ABBREVIATION)].map((found) => found[1] ?? found[2] ?? '').filter((abbreviation) => abbreviation !== '');
  return { folded: [...folded], abbreviations };
}

const cache = new WeakMap<readonly Programme[], { programme: Programme; folded: string[]; abbreviations: string[] }[]>();

const wholeWords = (haystack: string, needle: string) => ` ${haystack} `.includes(` ${needle} `);

export function namedProgrammes(message: string, programmes: readonly Programme[]): NamedProgrammes {
  let names = cache.get(programmes);
  if (names === undefined) {
    names = programmes.map((programme) => ({ programme, ...namesOf(programme) }));
    cache.set(programmes, names);
  }
  let rest = fold(message);
  const words = new Set(message.split(/[^A-Za-zÄÖÜäöü]+/));
  const found: { programme: Programme; length: number }[] = [];
  for (const { programme, folded, abbreviations } of names) {
    const name = folded.filter((variant) => wholeWords(rest, variant)).sort((a, b) => b.length - a.length)[0];
    const abbreviation = abbreviations.find((candidate) => words.has(candidate));
    if (name !== undefined) found.push({ programme, length: name.length });
    else if (abbreviation !== undefined) found.push({ programme, length: abbreviation.length });
  }
  // The most specific names first: "Sprach-Kitas NRW" before a programme that merely shares "Sprach-Kitas".
  found.sort((a, b) => b.length - a.length);
  const chosen = found.slice(0, MAX_NAMED).map((entry) => entry.programme);
  for (const programme of chosen) {
    for (const variant of namesOf(programme).folded.sort((a, b) => b.length - a.length)) rest = ` ${rest} `.split(` ${variant} `).join(' ').trim();
  }
  for (const abbreviation of chosen.flatMap((programme) => namesOf(programme).abbreviations)) rest = ` ${rest} `.split(` ${fold(abbreviation)} `).join(' ').trim();
  return { programmes: chosen, rest };
}
