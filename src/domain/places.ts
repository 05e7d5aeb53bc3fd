import { isNegated, segmentOf } from './clauses.js';
import type { Municipality, MunicipalityKind } from './taxonomy.js';
import { type Token, readTokens, writesCapitals } from './text.js';
import { typoDistance } from './typos.js';

/**
 * Finding the municipality a message names: "Stadt Köln", "Gemeinde Nottuln", "Kreis Lippe",
 * "Rhein-Sieg-Kreis", "aus Bielefeld", "Guetersloh", a typo of a longer name. Names that are also
 * ordinary words ("Essen", "Lage") count only after a cue ("Stadt", "Gemeinde", "aus", "in"); a name
 * a city shares with its Kreis ("Gütersloh") is asked back unless a cue says which.
 */

/** An entry of the official directory, as far as reading names needs it. */
export interface PlaceEntry {
  ags: string;
  name: string;
  aliases: readonly string[];
  kind: MunicipalityKind;
  /** For a kreisangehörige Gemeinde: the ags of its Kreis. */
  kreis: string | null;
  inhabitants: number;
}

/** A place outside NRW, or a Land, that people may name. */
export interface OutsidePlace {
  name: string;
  land: string;
}

interface Phrase {
  tokens: readonly string[];
  place: PlaceEntry;
  /** An ordinary word too: only after a cue. */
  needsCue: boolean;
  /** Shared with another entry (a city and its Kreis): asked back unless a cue says which. */
  sharedWith: PlaceEntry | undefined;
  /** Other entries whose names fold alike ("Neuenkirchen", "Neunkirchen"): the spelling decides, else asked back. */
  homonyms: PlaceEntry[];
}

export interface PlaceIndex {
  readonly byAgs: ReadonlyMap<string, PlaceEntry>;
  readonly phrases: ReadonlyMap<string, readonly Phrase[]>;
  /** Single-word names by first letter, for typos. */
  readonly single: ReadonlyMap<string, readonly Phrase[]>;
  readonly outside: ReadonlyMap<string, readonly { tokens: readonly string[]; place: OutsidePlace }[]>;
}

/** What a message says about its municipality. */
export interface PlaceReading {
  /** The municipality named, when that is clear. */
  municipality: Municipality | null;
  /** Two or more it could mean: to be asked back. */
  choices: Municipality[];
  /** The kind said in words about a place in a Kreis ("eine Gemeinde im Kreis Lippe"). */
  locatedIn: Municipality | null;
  /** A place outside NRW, by its name as written in the directory. */
  outsideNrw: string | null;
  /** The tokens that name places: they are not read as anything else ("Bad" in "Bad Oeynhausen"). */
  tokens: ReadonlySet<number>;
}

export const NO_PLACES: PlaceIndex = { byAgs: new Map(), phrases: new Map(), single: new Map(), outside: new Map() };

/** Names of NRW municipalities that are everyday German words as well. */
const ORDINARY_WORDS = new Set([
  'essen',
  'lage',
  'senden',
  'inden',
  'alpen',
  'wenden',
  'kamen',
  'enger',
  'lohne',
  'schlangen',
  'wetter',
  'heiden',
  'recke',
  'lotte',
  'halle',
  'siegen',
  'bunde',
  'werther',
  'hille',
  'horn',
  'verl',
  'ense',
  'much',
  'rheine',
  'reken',
  'lippe',
]);
/** Words that say a municipality's own name follows: "Stadt Köln", "Universitätsstadt Siegen", "aus Bielefeld". */
const NAMING_WORDS = [
  'stadt',
  'gemeinde',
  'kommune',
  'hansestadt',
  'kreisstadt',
  'universitatsstadt',
  'wissenschaftsstadt',
  'hochschulstadt',
  'stadtverwaltung',
  'gemeindeverwaltung',
  'aus',
];
/** "Kreisverwaltung Soest", "Kreishaus Unna": the Kreis, not the town of the same name. */
const KREIS_OFFICES = new Set(['kreisverwaltung', 'kreishaus', 'landratsamt']);
/** Words right before a name that say it is meant as a municipality. */
const CUES = new Set([...NAMING_WORDS, 'in', 'im', 'fur', 'von', 'nach', 'sind', ...KREIS_OFFICES]);
/** A name right after these is a person's, a court's or a Land authority's, not the asker's municipality. */
const NOT_THE_MUNICIPALITY = new Set([
  'herr',
  'herrn',
  'frau',
  'dr',
  'bezirksregierung',
  'regierungsbezirk',
  'regierungsbezirks',
  'bistum',
  'erzbistum',
  'landgericht',
  'amtsgericht',
  'oberlandesgericht',
  'flughafen',
  'universitat',
  'hochschule',
]);
/** "Landkreis Harburg", "des Kreises Lippe": read as "Kreis". */
const KREIS_WORDS = new Set(['landkreis', 'kreises', 'landkreises']);
/** "im Kreis Lippe", "in der StädteRegion Aachen": where a town lies, not the Kreis itself. */
const LOCATION_WORDS = new Set(['im', 'in']);

// "des Hochsauerlandkreises" is the Hochsauerlandkreis.
const normalized = (word: string) => (KREIS_WORDS.has(word) ? 'kreis' : word.endsWith('kreises') ? word.slice(0, -2) : word);
const tokensOf = (name: string) => readTokens(name).map((token) => normalized(token.text));

/** "aus dem Oberbergischen Kreis", "des Märkischen Kreises": a Kreis named by an adjective, inflected. */
const inflectedForms = (name: string): string[] => (/er Kreis$/.test(name) ? [name.replace(/er Kreis$/, 'en Kreis')] : []);

/** "Halle (Westf.)" is also "Halle", "Mülheim an der Ruhr" also "Mülheim", "Haltern am See" also "Haltern". */
function shortForms(name: string): string[] {
  const forms = [name.replace(/\s*\(.*\)\s*$/, ''), name.replace(/\s+(?:an der|am|im|in der)\s+\S+$/, '')];
  return [...new Set(forms)].filter((form) => form !== name && form.trim() !== '');
}

/** Builds the lookup once per directory. */
export function placeIndexFor(entries: readonly PlaceEntry[], outsideNrw: readonly OutsidePlace[] = []): PlaceIndex {
  const byAgs = new Map(entries.map((entry) => [entry.ags, entry]));
  const named: { tokens: string[]; place: PlaceEntry; short: boolean }[] = [];
  for (const place of entries) {
    for (const name of [place.name, ...place.aliases].flatMap((name) => [name, ...inflectedForms(name)]))
      named.push({ tokens: tokensOf(name), place, short: false });
    for (const name of shortForms(place.name)) named.push({ tokens: tokensOf(name), place, short: true });
  }
  // A full name wins over another entry's short form; a name two entries claim is shared.
  const byText = new Map<string, { tokens: string[]; place: PlaceEntry; short: boolean }[]>();
  for (const entry of named) {
    const key = entry.tokens.join(' ');
    byText.set(key, [...(byText.get(key) ?? []), entry]);
  }
  const phrases = new Map<string, Phrase[]>();
  const single = new Map<string, Phrase[]>();
  for (const [key, claims] of byText) {
    const full = claims.filter((claim) => !claim.short);
    const owners = full.length > 0 ? full : claims;
    const owner = owners[0];
    if (owner === undefined || owner.tokens.length === 0) continue;
    // "Gütersloh" is the city; the Kreis of the same name is "Kreis Gütersloh". Bare, it could be either.
    const kreisOfSameName = entries.find(
      (entry) => entry.kind === 'kreis' && entry.ags === owner.place.kreis && tokensOf(entry.name).join(' ') === `kreis ${key}`,
    );
    const homonyms = [
      ...new Map(owners.filter((claim) => claim.place.ags !== owner.place.ags).map((claim) => [claim.place.ags, claim.place])).values(),
    ];
    const phrase: Phrase = {
      tokens: owner.tokens,
      place: owner.place,
      needsCue: owner.tokens.length === 1 && ORDINARY_WORDS.has(key),
      sharedWith: kreisOfSameName,
      homonyms,
    };
    const first = owner.tokens[0] as string;
    phrases.set(first, [...(phrases.get(first) ?? []), phrase]);
    if (owner.tokens.length === 1 && first.length >= 7) single.set(first[0] as string, [...(single.get(first[0] as string) ?? []), phrase]);
  }
  for (const list of phrases.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);

  const outside = new Map<string, { tokens: string[]; place: OutsidePlace }[]>();
  for (const place of outsideNrw) {
    const tokens = tokensOf(place.name);
    const first = tokens[0];
    if (first === undefined || (phrases.has(first) && phrases.get(first)?.some((phrase) => phrase.tokens.join(' ') === tokens.join(' '))))
      continue;
    outside.set(first, [...(outside.get(first) ?? []), { tokens, place }]);
  }
  for (const list of outside.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { byAgs, phrases, single, outside };
}

/** How a place is named to the user: a Kreis as one ("Kreis Lippe", not "Lippe"), a town as itself. */
function displayName(place: PlaceEntry): string {
  if (place.kind !== 'kreis' || /kreis|städteregion/i.test(place.name)) return place.name;
  return place.aliases.find((alias) => /^Kreis /.test(alias)) ?? `Kreis ${place.name}`;
}

/** The municipality as the profile keeps it. */
export function municipalityOf(place: PlaceEntry, index: PlaceIndex): Municipality {
  const kreisEntry = place.kreis === null ? undefined : index.byAgs.get(place.kreis);
  const kreis = kreisEntry === undefined ? null : displayName(kreisEntry);
  return { name: displayName(place), ags: place.ags, kind: place.kind, inhabitants: place.inhabitants, kreis };
}

interface Found {
  place: PlaceEntry;
  sharedWith: PlaceEntry | undefined;
  /** Places whose names fold alike and the spelling did not tell apart. */
  homonyms: PlaceEntry[];
  from: number;
  to: number;
  cued: boolean;
  /** Named as where a town lies ("im Kreis Lippe"). */
  location: boolean;
}

const cueBefore = (tokens: readonly Token[], from: number) => {
  const before = tokens[from - 1];
  if (before === undefined || tokens[from]?.clauseStart) return false;
  return CUES.has(before.text);
};

function phraseAt(tokens: readonly Token[], at: number, tokensOfPhrase: readonly string[]): boolean {
  return tokensOfPhrase.every((word, offset) => {
    const token = tokens[at + offset];
    return token !== undefined && normalized(token.text) === word;
  });
}

/**
 * Words that make a typo worth reading as a name. Everyday words lie one or two letters from many
 * names ("sondern" – Sundern, "Bewerbungen" – Beverungen, "schneiden" – Schleiden), so a typo counts
 * only where a name is expected: after one of these, as the whole message, or as the answer to
 * "Für welche Kommune?".
 */
const TYPO_CUES = new Set(NAMING_WORDS);

/**
 * Every place name in the message, longest first at each position, typos of longer names where a
 * name is expected; and the first place outside NRW named so that it cannot be an NRW one.
 */
function findPlaces(tokens: readonly Token[], index: PlaceIndex, answeringWhere: boolean): { found: Found[]; outside: string | null } {
  const found: Found[] = [];
  let outside: string | null = null;
  // Where the writer uses capitals, a small word ("wir frechen", "kürten") is no name without a cue.
  const capitals = writesCapitals(tokens);
  const wholeMessage = answeringWhere || tokens.length === 1;
  for (let at = 0; at < tokens.length; at += 1) {
    const word = normalized(tokens[at]?.text ?? '');
    const exact = index.phrases.get(word)?.find((phrase) => phraseAt(tokens, at, phrase.tokens));
    // "Halle (Saale)", "Landkreis Neunkirchen", "Obertshausen": named in full, the place outside NRW beats a shorter or misspelt NRW name.
    const elsewhere = index.outside.get(word)?.find((candidate) => phraseAt(tokens, at, candidate.tokens));
    if (elsewhere !== undefined && (exact === undefined || elsewhere.tokens.length > exact.tokens.length)) {
      const named = wholeMessage || cueBefore(tokens, at) || elsewhere.tokens[0] === 'kreis' || exact !== undefined;
      if (named && !isNegated(tokens, at)) outside ??= elsewhere.place.name;
      at += elsewhere.tokens.length - 1;
      continue;
    }
    let hit: { phrase: Phrase; typo: boolean } | undefined = exact === undefined ? undefined : { phrase: exact, typo: false };
    const nameExpected = wholeMessage || (cueBefore(tokens, at) && TYPO_CUES.has(tokens[at - 1]?.text ?? ''));
    if (hit === undefined && nameExpected && word.length >= 7 && !/\d/.test(word)) {
      const limit = word.length >= 11 ? 2 : 1;
      const near = (index.single.get(word[0] as string) ?? []).filter(
        (phrase) => typoDistance(word, phrase.tokens[0] as string, limit) <= limit,
      );
      if (near.length === 1 && near[0] !== undefined) hit = { phrase: near[0], typo: true };
    }
    if (hit === undefined) continue;
    const { phrase } = hit;
    const to = at + phrase.tokens.length;
    const cued = cueBefore(tokens, at) || phrase.tokens[0] === 'kreis';
    const before = tokens[at - 1]?.text ?? '';
    const doubtful = phrase.needsCue || (capitals && phrase.tokens.length === 1 && tokens[at]?.lowerCase);
    if (doubtful && !wholeMessage && !stronglyCued(tokens, at)) continue;
    if (!hit.typo && !umlautsAsWritten(tokens, at, to, [phrase.place, ...phrase.homonyms])) continue;
    // "Kerpen bei Köln": Köln only says where Kerpen lies; "Herr Hagen" is a person.
    if (before === 'bei' || NOT_THE_MUNICIPALITY.has(before)) {
      at = to - 1;
      continue;
    }
    const location = phrase.place.kind === 'kreis' && (LOCATION_WORDS.has(before) || (before === 'der' && tokens[at - 2]?.text === 'in'));
    // Of names that fold alike, the one spelt as written; else all of them, to be asked back.
    const spelt = [phrase.place, ...phrase.homonyms].find((place) =>
      [place.name, ...place.aliases].some((name) => speltAs(tokens, at, to, name)),
    );
    const place = spelt ?? phrase.place;
    const homonyms = spelt === undefined ? phrase.homonyms : [];
    found.push({ place, sharedWith: phrase.sharedWith, homonyms, from: at, to, cued, location });
    at = to - 1;
  }
  return { found, outside };
}

/**
 * "in Essen", "Stadt Lage": a cue that a name follows, strong enough for an everyday word. "für
 * Essen" or "von Halle" is not ("Förderung für Essen in Kitas").
 */
const stronglyCued = (tokens: readonly Token[], at: number) =>
  cueBefore(tokens, at) && (CITY_CUES.has(tokens[at - 1]?.text ?? '') || KREIS_OFFICES.has(tokens[at - 1]?.text ?? ''));

/** A word written with ä, ö, ü or ß folds like the name without them ("gängelt" – Gangelt), but is not that name. */
function umlautsAsWritten(tokens: readonly Token[], from: number, to: number, places: readonly PlaceEntry[]): boolean {
  const written = tokens.slice(from, to).filter((token) => /[äöüß]/.test(token.raw));
  if (written.length === 0) return true;
  const words = new Set(
    places
      .flatMap((place) => [place.name, ...place.aliases])
      .flatMap((name) => [name, ...inflectedForms(name)])
      .flatMap((name) => name.toLowerCase().split(/[\s\-()./]+/)),
  );
  return written.every((token) => words.has(token.raw));
}

/** Whether the words from `from` to `to` are the name as written (small letters aside). */
function speltAs(tokens: readonly Token[], from: number, to: number, name: string): boolean {
  const written = tokens
    .slice(from, to)
    .map((token) => token.raw)
    .join(' ');
  return (
    written ===
    name
      .toLowerCase()
      .replace(/[-()./]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Cues that mean the town, not the Kreis of its name ("Stadt Gütersloh", "in Gütersloh"); strong enough for an everyday word. */
const CITY_CUES = new Set([...NAMING_WORDS, 'in', 'sind']);

/** Places outside NRW named with a cue ("aus München", "Landkreis Harburg", "in Bayern"). */
function findOutside(tokens: readonly Token[], index: PlaceIndex, taken: ReadonlySet<number>): string | null {
  for (let at = 0; at < tokens.length; at += 1) {
    if (taken.has(at)) continue;
    const word = normalized(tokens[at]?.text ?? '');
    const place = index.outside.get(word)?.find((candidate) => phraseAt(tokens, at, candidate.tokens));
    if (place !== undefined && (cueBefore(tokens, at) || place.tokens[0] === 'kreis') && !isNegated(tokens, at)) return place.place.name;
  }
  return null;
}

/**
 * What the message says about its municipality. Of several named, the last part of a corrected
 * message counts ("nicht Köln, sondern Bonn"); a Gemeinde beats its own Kreis ("Stadt Gütersloh im
 * Kreis Gütersloh"); a name a cue introduces beats one without.
 */
export function readPlaces(tokens: readonly Token[], index: PlaceIndex, starts: readonly number[], answeringWhere = false): PlaceReading {
  const places = findPlaces(tokens, index, answeringWhere);
  const found = places.found.filter((place) => !isNegated(tokens, place.from));
  const taken = new Set(found.flatMap((place) => Array.from({ length: place.to - place.from }, (_, offset) => place.from + offset)));
  const reading: PlaceReading = { municipality: null, choices: [], locatedIn: null, outsideNrw: null, tokens: taken };
  if (found.length === 0) return { ...reading, outsideNrw: places.outside ?? findOutside(tokens, index, taken) };

  const latest = Math.max(...found.map((place) => segmentOf(starts, place.from)));
  const inLatest = found.filter((place) => segmentOf(starts, place.from) === latest);
  const towns = inLatest.filter((place) => !place.location);
  const where = inLatest.find((place) => place.location);
  // A Gemeinde named beside its Kreis is the one meant; the Kreis only says where it lies.
  const named = towns.filter((place) => !towns.some((other) => other.place.kind !== 'kreis' && other.place.kreis === place.place.ags));
  // Two places named alike ("Stadt Köln und Stadt Bonn", "Kamen und Bergkamen") are asked back, not guessed.
  const cued = named.filter((place) => place.cued);
  const candidates = [...new Map((cued.length > 0 ? cued : named).map((place) => [place.place.ags, place.place])).values()];
  if (candidates.length > 1) return { ...reading, choices: candidates.slice(0, 4).map((place) => municipalityOf(place, index)) };
  const chosen = cued[0] ?? named[0];
  if (chosen === undefined) {
    return where === undefined ? reading : { ...reading, locatedIn: municipalityOf(where.place, index) };
  }
  if (chosen.homonyms.length > 0)
    return { ...reading, choices: [chosen.place, ...chosen.homonyms].map((place) => municipalityOf(place, index)) };
  const shared = chosen.sharedWith;
  const after = tokens[chosen.to]?.text ?? '';
  const atKreisOffice = after === 'kreisverwaltung' || KREIS_OFFICES.has(tokens[chosen.from - 1]?.text ?? '');
  if (shared !== undefined && atKreisOffice) return { ...reading, municipality: municipalityOf(shared, index) };
  // The city, when a cue says so before or right after the name ("Gütersloh, Stadtverwaltung").
  const cityCued = (chosen.cued && CITY_CUES.has(tokens[chosen.from - 1]?.text ?? '')) || CITY_CUES.has(after);
  if (shared !== undefined && !cityCued) {
    return { ...reading, choices: [municipalityOf(chosen.place, index), municipalityOf(shared, index)] };
  }
  return { ...reading, municipality: municipalityOf(chosen.place, index) };
}
