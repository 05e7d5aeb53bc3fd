import { readChoices } from './choiceAnswers.js';
import { describesWriter, isNegated, segmentOf, segmentStarts } from './clauses.js';
import { findNumbers } from './numbers.js';
import { NO_PLACES, type PlaceIndex, readPlaces } from './places.js';
import { isInhabitantWord, sizeOf } from './sizeReading.js';
import { type Match, exactMatches, expandElisions, withTypos } from './termMatching.js';
import { fold, readTokens } from './text.js';
import {
  type Municipality,
  type MunicipalityKind,
  NEEDS,
  type NeedId,
  SIZE_CLASSES,
  type Size,
  type SizeClassId,
  type Slot,
  TARGET_GROUPS,
  type TargetGroupId,
  sizeOfMunicipality,
} from './taxonomy.js';

/** What one message says about the three slots; an empty list or null means "not mentioned". */
export interface Recognition {
  needs: NeedId[];
  targetGroups: TargetGroupId[];
  size: Size | null;
  /** The municipality named ("Stadt Gütersloh"); it sets size and kind. */
  municipality: Municipality | null;
  /** Kreisfrei, kreisangehörig or Kreis, from the municipality or from words ("kreisfreie Stadt"). */
  kind: MunicipalityKind | null;
  /** A municipality or Land outside NRW, as named: the bot covers NRW only. */
  outsideNrw: string | null;
  /** Said not to be wanted ("nicht Frauen"): to be removed from an earlier answer. */
  excluded: { needs: NeedId[]; targetGroups: TargetGroupId[] };
  /** Guesses too weak to use without asking back ("Meinten Sie …?"), and municipalities a name could mean. */
  unsure: { needs: NeedId[]; targetGroups: TargetGroupId[]; municipalities: Municipality[] };
}

type ListSlot = 'needs' | 'targetGroups';

export const emptyRecognition = (): Recognition => ({
  needs: [],
  targetGroups: [],
  size: null,
  municipality: null,
  kind: null,
  outsideNrw: null,
  excluded: { needs: [], targetGroups: [] },
  unsure: { needs: [], targetGroups: [], municipalities: [] },
});

/** True when the recognition says anything that changes a search. */
export const saysAnything = (recognition: Recognition): boolean =>
  recognition.needs.length > 0 ||
  recognition.targetGroups.length > 0 ||
  recognition.size !== null ||
  recognition.municipality !== null ||
  recognition.kind !== null ||
  recognition.outsideNrw !== null ||
  recognition.unsure.municipalities.length > 0 ||
  recognition.excluded.needs.length > 0 ||
  recognition.excluded.targetGroups.length > 0;

export { readChoiceIndex } from './choiceAnswers.js';

const CHOICES = { needs: NEEDS, targetGroups: TARGET_GROUPS, size: SIZE_CLASSES } as const;

function chosen(message: string, expecting: Slot, places: PlaceIndex): Recognition | null {
  const choices = CHOICES[expecting];
  const folded = fold(message);
  const labelled = choices.find((option) => fold(option.label) === folded || fold(option.short) === folded);
  const picked = readChoices(message);
  const ids = labelled !== undefined ? [labelled.id] : (picked?.indices.map((index) => choices.at(index)?.id) ?? []);
  if (ids.length === 0 || ids.some((id) => id === undefined)) return null;
  const recognition = picked !== null && picked.rest !== '' ? recognize(picked.rest, undefined, places) : emptyRecognition();
  if (expecting === 'size') recognition.size = { class: ids[0] as SizeClassId };
  else if (expecting === 'needs') recognition.needs = ids as NeedId[];
  else recognition.targetGroups = ids as TargetGroupId[];
  return recognition;
}

/** A search request fits in a few sentences; reading further only costs time on pasted documents. */
export const MAX_MESSAGE_CHARS = 2000;

const unique = <T>(items: T[]) => [...new Set(items)];

/** "kreisfreie Stadt", "kreisangehörige Gemeinde": the kind said in words. */
function kindFromWords(tokens: readonly { text: string }[]): MunicipalityKind | null {
  if (tokens.some((token) => token.text.startsWith('kreisangehorig'))) return 'kreisangehoerig';
  if (tokens.some((token) => token.text.startsWith('kreisfrei'))) return 'kreisfrei';
  return null;
}

/**
 * Reads the slots from a German message. `expecting` is the question the message answers, so that
 * "2" picks the second choice there, a bare number counts as inhabitants, and a word that could
 * answer two questions ("Ehrenamtliche") answers the one asked. `places` is the directory of NRW
 * municipalities the names are looked up in.
 */
export function recognize(message: string, expecting?: Slot, places: PlaceIndex = NO_PLACES): Recognition {
  const text = expandElisions(message.slice(0, MAX_MESSAGE_CHARS));
  if (expecting !== undefined) {
    const choice = chosen(text, expecting, places);
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
  const starts = segmentStarts(tokens);
  const place = readPlaces(tokens, places, starts);
  // A place's name is not read as anything else ("Bad Wünnenberg", "Gemeinde Hille").
  const matches = withTypos(tokens, exactMatches(tokens)).filter(
    (match) => !inhabitantWords.has(match.token) && !counted(match) && !place.tokens.has(match.token),
  );

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
  result.outsideNrw = place.outsideNrw;
  result.kind = kindFromWords(tokens) ?? (result.size?.class === 'kreis' ? 'kreis' : null);
  if (place.municipality !== null) {
    // The official directory knows its size and kind better than a number in passing.
    result.municipality = place.municipality;
    result.size = sizeOfMunicipality(place.municipality);
    result.kind = place.municipality.kind;
  } else if (place.choices.length > 0) {
    result.unsure.municipalities = place.choices;
  } else if (place.locatedIn !== null && result.kind === null) {
    result.kind = 'kreisangehoerig';
  }
  return result;
}
