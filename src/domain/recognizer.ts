import { readChoices } from './choiceAnswers.js';
import { describesWriter, isNegated, segmentOf, segmentStarts } from './clauses.js';
import { findNumbers } from './numbers.js';
import { NO_PLACES, type PlaceIndex, readPlaces } from './places.js';
import { isInhabitantWord, sizeOf } from './sizeReading.js';
import { type Match, exactMatches, expandElisions, withTypos } from './termMatching.js';
import { type Token, fold, readTokens, writesCapitals } from './text.js';
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
type Option = (typeof CHOICES)[Slot][number];
/** Each slot's options by their button labels, long and short, folded; the first option keeps a label two share. */
const BY_LABEL = Object.fromEntries(
  Object.entries(CHOICES).map(([slot, options]: [string, readonly Option[]]) => {
    const byLabel = new Map<string, Option>();
    for (const option of options) {
      for (const label of [option.label, option.short]) {
        const folded = fold(label);
        if (!byLabel.has(folded)) byLabel.set(folded, option);
      }
    }
    return [slot, byLabel];
  }),
) as Record<Slot, Map<string, Option>>;

function chosen(message: string, expecting: Slot, places: PlaceIndex): Recognition | null {
  const choices = CHOICES[expecting];
  const labelled = BY_LABEL[expecting].get(fold(message));
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

/** Places where work happens, when named as where ("in der Landesunterkunft", "in unseren Unterkünften"). */
const SETTINGS = /unterkunf/;
const LOCATED = new Set(['in', 'im', 'aus']);
const ARTICLES = new Set(['der', 'den', 'dem', 'unseren', 'unserer', 'allen', 'beiden']);

/** A shelter named as where the work happens is no housing need; who lives there still counts ("Flüchtlingsunterkünfte"). */
function withoutSettingsAsNeeds(tokens: readonly Token[], matches: Match[]): Match[] {
  return matches.flatMap((match) => {
    const before = tokens[match.token - 1]?.text ?? '';
    const located = LOCATED.has(before) || (ARTICLES.has(before) && LOCATED.has(tokens[match.token - 2]?.text ?? ''));
    if (!located || !SETTINGS.test(tokens[match.token]?.text ?? '')) return [match];
    const terms = match.terms.filter((term) => !(term.slot === 'needs' && term.id === 'wohnen'));
    return terms.length === 0 ? [] : [{ ...match, terms }];
  });
}

/** Verbs when written small ("wir wollen sie schulen", "die Stadt beschäftigt drei Fachkräfte"), nouns when capitalised. */
const VERB_WHEN_SMALL = new Set(['schulen', 'beschaftigt', 'beschaftigen']);
const isVerbForm = (token: Token | undefined) => token !== undefined && token.lowerCase && VERB_WHEN_SMALL.has(token.text);

/** Groups whose training is a means of the project, not employment: "Ausbildung von Ehrenamtlichen", "Qualifizierung der Lotsen". */
const TRAINED_GROUPS = new Set(['ehrenamtliche', 'fachkraefte']);
const TRAINING_REACH = 3;

/** Drops "Arbeit & Ausbildung" where the training is of volunteers or staff (their need is engagement or staff). */
function withoutTrainingAsJobs(tokens: readonly Token[], matches: Match[]): Match[] {
  const trainedAt = new Set(
    matches
      .filter((match) => match.terms.some((term) => term.slot === 'targetGroups' && TRAINED_GROUPS.has(term.id)))
      .map((match) => match.token),
  );
  return matches.flatMap((match) => {
    if (!match.terms.some((term) => term.slot === 'needs' && term.id === 'arbeit')) return [match];
    let trainsGroup = false;
    for (let ahead = 1; ahead <= TRAINING_REACH && !tokens[match.token + ahead]?.clauseStart; ahead += 1) {
      if (trainedAt.has(match.token + ahead)) trainsGroup = true;
    }
    if (!trainsGroup) return [match];
    const terms = match.terms.filter((term) => !(term.slot === 'needs' && term.id === 'arbeit'));
    return terms.length === 0 ? [] : [{ ...match, terms }];
  });
}

const GREETINGS = new Set(['liebe', 'lieber', 'liebes', 'hallo', 'hi', 'moin', 'sehr', 'guten']);
const ADDRESSED = new Set(['frau', 'herr', 'herrn']);
/** Offices whose names hold words of the taxonomy: "Fachbereich Jugend, Familie und Soziales", "Ausschuss für Schule und Bildung". */
const OFFICES = new Set([
  'fachbereich',
  'amt',
  'abteilung',
  'dezernat',
  'ausschuss',
  'ausschusses',
  'referat',
  'fachdienst',
  'sachgebiet',
  'stabsstelle',
]);
const OFFICE_NAME_WORDS = 5;
const JOINING = new Set(['und', 'fur', 'der', 'die', 'das', 'des']);

/**
 * Tokens that name people or offices, not what the project is for: the addressee of a greeting
 * ("Liebe Kolleginnen und Kollegen", "Hallo Frau Nowak"), "Frau Peters", and an office's name.
 */
function namingTokens(tokens: readonly Token[]): Set<number> {
  const naming = new Set<number>();
  tokens.forEach((token, index) => {
    if (token.clauseStart && GREETINGS.has(token.text)) {
      for (let next = index + 1; next < tokens.length && !tokens[next]?.clauseStart; next += 1) naming.add(next);
    }
    const following = tokens[index + 1];
    if (ADDRESSED.has(token.text) && following !== undefined && (!following.lowerCase || following.text.length === 1)) {
      naming.add(index);
      naming.add(index + 1);
    }
    if (OFFICES.has(token.text)) {
      for (let next = index + 1; next <= index + OFFICE_NAME_WORDS && next < tokens.length; next += 1) {
        const word = tokens[next] as Token;
        // A verb ends the name ("… und Bildung empfiehlt dem Rat").
        if (word.lowerCase && !JOINING.has(word.text)) break;
        naming.add(next);
      }
    }
  });
  return naming;
}

/** "Migrantinnen und Migranten", "Mitarbeiterinnen und Mitarbeiter": both genders, not women. */
function withoutInclusivePairs(tokens: readonly Token[], matches: Match[]): Match[] {
  return matches.flatMap((match) => {
    const word = tokens[match.token]?.text ?? '';
    const paired =
      word.endsWith('innen') &&
      ['und', 'oder'].includes(tokens[match.token + 1]?.text ?? '') &&
      (tokens[match.token + 2]?.text ?? '').startsWith(word.slice(0, -'innen'.length));
    if (!paired) return [match];
    const terms = match.terms.filter((term) => !(term.slot === 'targetGroups' && term.id === 'frauen_familien'));
    return terms.length === 0 ? [] : [{ ...match, terms }];
  });
}

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
  const place = readPlaces(tokens, places, starts, expecting === 'size');
  // A place's name is not read as anything else ("Bad Wünnenberg", "Gemeinde Hille").
  const capitals = writesCapitals(tokens);
  const naming = namingTokens(tokens);
  const matches = withoutSettingsAsNeeds(
    tokens,
    withoutInclusivePairs(
      tokens,
      withoutTrainingAsJobs(
        tokens,
        withTypos(tokens, exactMatches(tokens)).filter(
          (match) =>
            !inhabitantWords.has(match.token) &&
            !counted(match) &&
            !place.tokens.has(match.token) &&
            !naming.has(match.token) &&
            !(capitals && isVerbForm(tokens[match.token])),
        ),
      ),
    ),
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
  // "Gemeinde mit 12.000 EW, Kreis Lippe": the Kreis says where the town lies, it is not the one searching.
  const townInKreis =
    place.municipality?.kind === 'kreis' &&
    result.size !== null &&
    result.size.class !== 'kreis' &&
    !isCloseTo(result.size.inhabitants, place.municipality.inhabitants);
  if (place.municipality !== null && !townInKreis) {
    result.municipality = withStatedInhabitants(place.municipality, result.size?.inhabitants);
    result.size = sizeOfMunicipality(result.municipality);
    result.kind = place.municipality.kind;
  } else if (place.choices.length > 0) {
    result.unsure.municipalities = place.choices;
  } else if (place.locatedIn !== null || townInKreis) {
    if (result.kind === null || result.kind === 'kreis') result.kind = 'kreisangehoerig';
  }
  return result;
}

/**
 * The directory's figures are from 31.12.2019: a number the user gives for the municipality is newer
 * and counts. A number far from the directory's is about something else ("für 5.000 Zugewanderte").
 */
function withStatedInhabitants(municipality: Municipality, stated: number | undefined): Municipality {
  return isCloseTo(stated, municipality.inhabitants) ? { ...municipality, inhabitants: stated as number } : municipality;
}

const isCloseTo = (stated: number | undefined, directory: number) => stated !== undefined && Math.abs(stated - directory) <= directory / 4;
