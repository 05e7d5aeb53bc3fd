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

export function isNegated(tokens: readonly Token[], index: number): boolean {
  for (let back = 1; back <= NEGATION_REACH && index - back >= 0; back += 1) {
    if (tokens[index - back + 1]?.clauseStart) return false;
    const word = tokens[index - back]?.text ?? '';
    if (CORRECTIONS.has(word)) return false;
    // "nicht nur Frauen" includes them.
    if (NEGATIONS.has(word)) return tokens[index - back + 1]?.text !== 'nur';
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

/** "Ich bin Integrationsbeauftragte", "wir sind Ehrenamtliche": who writes is not whom the project is for. */
export function describesWriter(tokens: readonly Token[], index: number): boolean {
  for (let back = 1; back <= 2 && index - back >= 0; back += 1) {
    if (tokens[index - back + 1]?.clauseStart) return false;
    if (['bin', 'sind'].includes(tokens[index - back]?.text ?? '')) return true;
  }
  return false;
}
