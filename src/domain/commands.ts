import { fold } from './text.js';

/** Words that steer the conversation from any step; a message is a command only when it is nothing else. */
export const COMMANDS = {
  help: ['hilfe', 'help', 'hilfe bitte', 'was kann ich tun', 'was kann ich sagen', 'wie geht das', '?'],
  cancel: ['abbrechen', 'abbruch', 'stop', 'stopp', 'cancel', 'beenden', 'suche abbrechen'],
  restart: ['neu', 'neue suche', 'neustart', 'von vorn', 'von vorne', 'nochmal von vorne', 'noch mal von vorne', 'neu starten', 'neu anfangen', 'restart'],
  back: ['zurueck', 'einen schritt zurueck', 'schritt zurueck', 'back'],
} as const;

export type Command = keyof typeof COMMANDS;

/** Follow-ups work at any point of a search and leave it where it is. */
export const FOLLOW_UP_COMMANDS = {
  watchlist: ['merkliste', 'meine merkliste', 'merkliste zeigen', 'merkliste anzeigen', 'gemerkte programme', 'gespeicherte suchen', 'watchlist'],
  saveSearch: ['suche speichern', 'diese suche speichern', 'speichern'],
  notificationsOff: ['benachrichtigungen aus', 'benachrichtigungen ausschalten', 'benachrichtigungen abbestellen', 'keine benachrichtigungen', 'erinnerungen aus'],
  notificationsOn: ['benachrichtigungen an', 'benachrichtigungen einschalten', 'erinnerungen an'],
  forgetMe: ['meine daten loschen', 'daten loschen', 'alle daten loschen', 'meine daten entfernen'],
} as const;

export type FollowUpCommand = keyof typeof FOLLOW_UP_COMMANDS;

function phraseReader<C extends string>(table: Record<C, readonly string[]>): (text: string) => C | null {
  const byPhrase = new Map<string, C>(Object.entries<readonly string[]>(table).flatMap(([command, phrases]) => phrases.map((phrase) => [fold(phrase) || phrase, command as C])));
  return (text) => {
    const folded = fold(text).replace(/[.,!]/g, '').trim();
    return byPhrase.get(folded || text.trim()) ?? null;
  };
}

export const detectCommand: (text: string) => Command | null = phraseReader(COMMANDS);
export const detectFollowUpCommand: (text: string) => FollowUpCommand | null = phraseReader(FOLLOW_UP_COMMANDS);

const YES = /^(?:ja|j|jawohl|ja bitte|genau|ok|okay|yes|sicher|abbrechen|loschen)\b/;
const NO = /^(?:nein|n|nee|no|weiter|doch nicht|lieber nicht|behalten)\b/;

/** Reads "ja"/"nein" and their everyday variants (also the verb of the question: "abbrechen", "löschen"). */
export function readYesNo(text: string): boolean | null {
  const folded = fold(text).trim();
  return YES.test(folded) ? true : NO.test(folded) ? false : null;
}
