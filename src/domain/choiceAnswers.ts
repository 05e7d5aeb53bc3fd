import { fold } from './text.js';

/** Replies that pick from a list of choices: "2", "Nummer 3", "die zweite", "zwei", "2 und 3", "die letzte". */

const ORDINALS = ['erst', 'zweit', 'dritt', 'viert', 'funft', 'sechst', 'siebt', 'acht', 'neunt', 'zehnt', 'elft', 'zwolft'];
const CARDINALS = ['eins', 'zwei', 'drei', 'vier', 'funf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwolf'];
const CHOICE_FILLERS = new Set([
  'die',
  'der',
  'das',
  'den',
  'nummer',
  'nr',
  'bitte',
  'option',
  'punkt',
  'auswahl',
  'ich',
  'nehme',
  'wahle',
]);
export const LAST = -1;
const ORDINAL_WORDS = ORDINALS.map((prefix) => new RegExp(`^${prefix}(?:e|er|es|en)$`));

function choiceWord(word: string): number | null {
  // Choices count from 1: "0" names none (and must not read as LAST).
  if (/^\d{1,2}$/.test(word)) return word === '0' || word === '00' ? null : Number(word) - 1;
  if (/^letzte[nrs]?$/.test(word)) return LAST;
  const ordinal = ORDINAL_WORDS.findIndex((pattern) => pattern.test(word));
  if (ordinal >= 0) return ordinal;
  const cardinal = CARDINALS.indexOf(word === 'eine' || word === 'ein' ? 'eins' : word);
  return cardinal >= 0 ? cardinal : null;
}

/** The positions (from 0; -1 for "die letzte") a short reply picks, and what it says besides. */
export function readChoices(message: string): { indices: number[]; rest: string } | null {
  // A separator must end the list: "3 Stellen" counts posts, "3 – wir sind ein Kreis" picks the third.
  const [head = '', ...tail] = message.split(/\s[-–—]\s|[,;:]\s*(?=[a-zäöüß])/i);
  const words = fold(head)
    .split(' ')
    .filter((word) => word !== '' && !CHOICE_FILLERS.has(word));
  const indices: number[] = [];
  for (const [position, word] of words.entries()) {
    if ((word === 'und' || word === 'oder') && position % 2 === 1) continue;
    const index = choiceWord(word);
    if (index === null || position % 2 === 1) return null;
    indices.push(index);
  }
  return indices.length === 0 ? null : { indices, rest: tail.join(' ') };
}

/** The position (from 0) a short reply picks in a list of choices, or null. */
export function readChoiceIndex(message: string): number | null {
  const choice = readChoices(message);
  return choice !== null && choice.indices.length === 1 && choice.rest === '' && (choice.indices[0] ?? LAST) >= 0
    ? (choice.indices[0] ?? null)
    : null;
}
