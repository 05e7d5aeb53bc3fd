import type { Token } from './text.js';

/** How the parts of a message relate: negations ("nicht Frauen"), corrections ("ach nein, eher Wohnen"), who writes. */

const NEGATIONS = new Set(['nicht', 'kein', 'keine', 'keinen', 'keiner', 'ohne', 'statt', 'anstatt', 'anstelle', 'ausser']);
const NEGATION_REACH = 3;
/** A later part of the message that replaces what an earlier part said for the same question. */
export const CORRECTIONS = new Set([
  'sondern',
  'eigentlich',
  'eher',
  'lieber',
  'stattdessen',
  'vielmehr',
  'korrektur',
  'meinte',
  'nein',
  'nee',
  'ah',
  'ahm',
  'quatsch',
]);

/** Small words a negation reaches across: "nicht mehr um das Nachbarschaftsfest". */
const FILLERS = new Set([
  'mehr',
  'um',
  'das',
  'die',
  'der',
  'den',
  'dem',
  'des',
  'ein',
  'eine',
  'einen',
  'es',
  'geht',
  'fur',
  'bei',
  'uns',
]);
/** Said after a need: "Arbeitsmarkt ist bei uns kein Thema", "Sprachkurse? Gibt es genug, kein Bedarf". */
const DISMISSED_AFTER = /^(?:kein(?:e|en)? (?:thema|bedarf|problem)|gibt es genug|brauchen wir nicht|nicht notig)\b/;
const DISMISSAL_REACH = 6;

export function isNegated(tokens: readonly Token[], index: number): boolean {
  let reached = 0;
  for (let back = 1; reached < NEGATION_REACH && index - back >= 0; back += 1) {
    if (tokens[index - back + 1]?.clauseStart) break;
    const word = tokens[index - back]?.text ?? '';
    if (CORRECTIONS.has(word)) return false;
    // "nicht nur Frauen" includes them, and so does "mit und ohne Fluchterfahrung".
    if (NEGATIONS.has(word))
      return (
        tokens[index - back + 1]?.text !== 'nur' &&
        !(word === 'ohne' && tokens[index - back - 1]?.text === 'und' && tokens[index - back - 2]?.text === 'mit')
      );
    if (!FILLERS.has(word)) reached += 1;
  }
  return isDismissedAfter(tokens, index);
}

/** True when the words after a term say it is not wanted. */
function isDismissedAfter(tokens: readonly Token[], index: number): boolean {
  const after = tokens.slice(index + 1, index + 1 + DISMISSAL_REACH);
  for (let start = 0; start < after.length; start += 1) {
    if (CORRECTIONS.has(after[start]?.text ?? '')) return false;
    if (
      DISMISSED_AFTER.test(
        after
          .slice(start, start + 3)
          .map((token) => token.text)
          .join(' '),
      )
    )
      return true;
  }
  return false;
}

/** Which part of a corrected message a token is in; "nicht nur …, sondern auch …" adds rather than corrects. */
export function segmentStarts(tokens: readonly Token[]): number[] {
  const starts: number[] = [];
  tokens.forEach((token, index) => {
    if (!CORRECTIONS.has(token.text)) return;
    const additive =
      token.text === 'sondern' &&
      tokens.slice(0, index).some((earlier, position) => earlier.text === 'nicht' && tokens[position + 1]?.text === 'nur');
    if (!additive) starts.push(index);
  });
  return starts;
}

export const segmentOf = (starts: readonly number[], index: number) => starts.filter((start) => start < index).length;

/** Verbs of a request's author: "Die Verwaltung wird beauftragt", "Der Integrationsrat beantragt". */
const AUTHOR_VERBS = new Set([
  'moge',
  'mogen',
  'bittet',
  'bitten',
  'legt',
  'informiert',
  'schlagt',
  'pruft',
  'beantragt',
  'empfiehlt',
  'plant',
  'bewirbt',
]);
const MANDATED = new Set(['beauftragt', 'gebeten', 'ermachtigt', 'aufgefordert', 'hiermit']);

/**
 * Who writes or acts is not whom the project is for: "Ich bin (seit Januar) Integrationsbeauftragte",
 * "als Gleichstellungsbeauftragte", "wir sind Ehrenamtliche", "Die Verwaltung wird beauftragt".
 */
export function describesWriter(tokens: readonly Token[], index: number): boolean {
  for (let back = 1; back <= 4 && index - back >= 0; back += 1) {
    if (tokens[index - back + 1]?.clauseStart) break;
    const word = tokens[index - back]?.text ?? '';
    if (word === 'bin' || word === 'sind' || (word === 'als' && back <= 2)) return true;
  }
  for (let ahead = 1; ahead <= 2; ahead += 1) {
    const token = tokens[index + ahead];
    if (token === undefined || token.clauseStart) break;
    if (AUTHOR_VERBS.has(token.text)) return true;
    if ((token.text === 'wird' || token.text === 'werden') && MANDATED.has(tokens[index + ahead + 1]?.text ?? '')) return true;
  }
  return false;
}
