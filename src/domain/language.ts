import { fold } from './text.js';

// Folded like the message, so that "does" compares as "dos" on both sides.
const foldedSet = (words: string[]) => new Set(words.map(fold));

// Frequent words that are clearly English or clearly German; a handful decides which language a message is in.
const ENGLISH = foldedSet(['the', 'and', 'for', 'with', 'need', 'needs', 'funding', 'hello', 'hi', 'please', 'is', 'are', 'we', 'our', 'my', 'what', 'how', 'can', 'you', 'looking', 'support', 'language', 'courses', 'refugees', 'women', 'housing', 'city', 'town', 'thanks', 'thank', 'help', 'of', 'to', 'in', 'a', 'an', 'do', 'does', 'which', 'programs', 'programmes', 'grant', 'grants', 'this', 'that', 'mean', 'want', 'would', 'like']);
const GERMAN = foldedSet(['der', 'die', 'das', 'und', 'fur', 'mit', 'wir', 'ich', 'sie', 'ist', 'sind', 'eine', 'ein', 'nicht', 'bitte', 'suchen', 'hallo', 'danke', 'gibt', 'es', 'im', 'von', 'zu', 'auf', 'unsere', 'unser', 'mochten', 'brauchen']);

/** True for a message written in English (the bot answers in German and says so in English). */
export function looksEnglish(message: string): boolean {
  const words = fold(message).split(' ');
  const english = words.filter((word) => ENGLISH.has(word)).length;
  const german = words.filter((word) => GERMAN.has(word)).length;
  return english >= 2 && german === 0;
}
