import { isNegated, segmentOf } from './clauses.js';
import type { FoundNumber } from './numbers.js';
import type { Match } from './termMatching.js';
import type { Token } from './text.js';
import { typoDistance } from './typos.js';
import { type Size, type SizeClassId, type Slot, sizeClassFor } from './taxonomy.js';

/** The municipality's size from a message: a count of inhabitants in context, or a size word. */

const INHABITANT_WORDS = /^(?:einwohn\w*|einw|ew|bewohn\w*|menschen|leute\w*|burger\w*|seelen)$/;
/** "Einwohner", also misspelt ("Einwohnenr"). */
export const isInhabitantWord = (word: string) =>
  INHABITANT_WORDS.test(word) || (word.length >= 8 && typoDistance(word.slice(0, 9), 'einwohner', 2) <= 2);
const TOWN_WORDS = new Set([
  'gemeinde',
  'stadt',
  'kommune',
  'kreis',
  'landkreis',
  'ort',
  'dorf',
  'einwohnerzahl',
  'grosse',
  'kleinstadt',
  'mittelstadt',
  'grossstadt',
]);
/** Words a number counts when it is not inhabitants ("3 Ortsteilen", "14 Grundschulen", "50.000 Euro"). */
const COUNTED =
  /^(?:euro|eur|€|t€|teur|prozent|%|stelle\w*|vza|vze|vzä|jahr\w*|monat\w*|woch\w*|tag\w*|stund\w*|minut\w*|mal|plat\w*|kurs\w*|teilnehm\w*|person\w*|mitarbeit\w*|fall\w*|fallen|orts?teil\w*|stadtteil\w*|\w*schul\w*|nation\w*|kita\w*|einrichtung\w*|standort\w*|unterkunf\w*|quartier\w*|dorf\w*|dorfer|ortschaft\w*|gemeinden|kommunen|stadte|sprachen|lander\w*|team\w*|gruppe\w*|klass\w*|kolleg\w*|ehrenamtlich\w*|angebot\w*|projekt\w*|stuck|exemplar\w*)$/;
/** No municipality in NRW has fewer inhabitants; a smaller number counts something else ("ein Team von 4 Leuten"). */
const FEWEST_INHABITANTS = 500;
/** Nor more (Köln, the largest, has about 1.1 million): a larger number is no municipality's size. */
const MOST_INHABITANTS = 2_000_000;
const LOWER_BOUND = new Set(['uber', 'ab', 'mindestens']);
const UPPER_BOUND = new Set(['unter', 'bis', 'knapp']);
const YEAR = /^(?:19|20)\d\d$/;

/** Every number that reads as a count of inhabitants (or a bound on it), with where it stands. */
function sizesFromNumbers(
  tokens: readonly Token[],
  numbers: readonly FoundNumber[],
  countedNouns: ReadonlySet<number>,
  expecting: Slot | undefined,
): { size: Size; token: number }[] {
  const found: { size: Size; token: number }[] = [];
  for (const number of numbers) {
    const after = tokens[number.to]?.text;
    const before = tokens.slice(Math.max(0, number.from - 3), number.from).map((token) => token.text);
    const namedAfter = after !== undefined && isInhabitantWord(after);
    if (after !== undefined && !namedAfter && (COUNTED.test(after) || countedNouns.has(number.to))) continue;
    if (number.value < FEWEST_INHABITANTS || number.value > MOST_INHABITANTS) continue;
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
    return match.terms.flatMap((term) =>
      term.slot === 'size' && !(term.id === 'kreis' && located) ? [{ id: term.id, token: match.token }] : [],
    );
  });
}

/** Kreis beats a town word; "Gemeinde" is said of any town, so a more specific class wins over "klein". */
function strongestSizeWord(words: readonly { id: SizeClassId }[]): SizeClassId | null {
  const ids = words.map((word) => word.id);
  if (ids.includes('kreis')) return 'kreis';
  return ids.find((id) => id !== 'klein') ?? (ids.includes('klein') ? 'klein' : null);
}

/**
 * The size from the last part of the message that speaks of it ("Kreis – nein, ich schreibe für die
 * Stadt" has none): there a count of inhabitants, else the strongest size word.
 */
export function sizeOf(
  tokens: readonly Token[],
  matches: readonly Match[],
  numbers: readonly FoundNumber[],
  starts: readonly number[],
  expecting: Slot | undefined,
): Size | null {
  const words = sizeFromWords(
    matches.filter((match) => !isNegated(tokens, match.token)),
    tokens,
  );
  // A number right before a word the search knows counts that ("30 Kinder", "200 Geflüchtete").
  const countedNouns = new Set(
    matches
      .filter((match) => match.terms.some((term) => term.slot === 'needs' || term.slot === 'targetGroups'))
      .map((match) => match.token),
  );
  const counts = sizesFromNumbers(tokens, numbers, countedNouns, expecting);
  const towns = tokens.flatMap((token, index) => (TOWN_WORDS.has(token.text) ? [index] : []));
  const mentioned = [...words.map((word) => word.token), ...counts.map((count) => count.token), ...(starts.length > 0 ? towns : [])];
  if (mentioned.length === 0) return null;
  const segment = Math.max(...mentioned.map((token) => segmentOf(starts, token)));
  const count = counts.find((candidate) => segmentOf(starts, candidate.token) === segment);
  const word = strongestSizeWord(words.filter((candidate) => segmentOf(starts, candidate.token) === segment));
  if (word === 'kreis')
    return count?.size.inhabitants === undefined ? { class: 'kreis' } : { class: 'kreis', inhabitants: count.size.inhabitants };
  return count?.size ?? (word === null ? null : { class: word });
}
