import type { Slot } from './taxonomy.js';
import { fold } from './text.js';

/** Words that steer the conversation from any step; a message is a command only when it is nothing else. */
export const COMMANDS = {
  help: ['hilfe', 'help', 'hilfe bitte', 'was kann ich tun', 'was kann ich sagen', 'wie geht das', '?'],
  cancel: ['abbrechen', 'abbruch', 'stop', 'stopp', 'cancel', 'beenden', 'suche abbrechen'],
  restart: [
    'neu',
    'neue suche',
    'neustart',
    'von vorn',
    'von vorne',
    'nochmal von vorne',
    'noch mal von vorne',
    'neu starten',
    'neu anfangen',
    'restart',
  ],
  back: ['zurueck', 'einen schritt zurueck', 'schritt zurueck', 'back'],
  /** Politeness, not an answer: it gets a friendly word and the open question again. */
  thanks: [
    'danke',
    'danke schon',
    'dankeschon',
    'danke sehr',
    'vielen dank',
    'vielen lieben dank',
    'herzlichen dank',
    'besten dank',
    'danke dir',
    'danke ihnen',
    'super danke',
    'prima danke',
    'toll danke',
    'ok danke',
    'merci',
    'thanks',
    'thank you',
  ],
  greeting: [
    'hallo',
    'hallo zusammen',
    'hi',
    'hey',
    'moin',
    'moin moin',
    'servus',
    'guten tag',
    'guten morgen',
    'guten abend',
    'gruss gott',
  ],
} as const;

export type Command = keyof typeof COMMANDS;

/** Follow-ups work at any point of a search and leave it where it is. */
export const FOLLOW_UP_COMMANDS = {
  watchlist: [
    'merkliste',
    'meine merkliste',
    'merkliste zeigen',
    'merkliste anzeigen',
    'gemerkte programme',
    'gespeicherte suchen',
    'watchlist',
  ],
  saveSearch: ['suche speichern', 'diese suche speichern', 'speichern'],
  notificationsOff: [
    'benachrichtigungen aus',
    'benachrichtigungen ausschalten',
    'benachrichtigungen abbestellen',
    'keine benachrichtigungen',
    'erinnerungen aus',
  ],
  notificationsOn: ['benachrichtigungen an', 'benachrichtigungen einschalten', 'erinnerungen an'],
  forgetMe: ['meine daten loschen', 'daten loschen', 'alle daten loschen', 'meine daten entfernen'],
} as const;

export type FollowUpCommand = keyof typeof FOLLOW_UP_COMMANDS;

function phraseReader<C extends string>(table: Record<C, readonly string[]>): (text: string) => C | null {
  const byPhrase = new Map<string, C>(
    Object.entries<readonly string[]>(table).flatMap(([command, phrases]) =>
      phrases.map((phrase) => [fold(phrase) || phrase, command as C]),
    ),
  );
  return (text) => {
    const folded = fold(text).replace(/[.,!]/g, '').trim();
    return byPhrase.get(folded || text.trim()) ?? null;
  };
}

export const detectCommand: (text: string) => Command | null = phraseReader(COMMANDS);
export const detectFollowUpCommand: (text: string) => FollowUpCommand | null = phraseReader(FOLLOW_UP_COMMANDS);

/** Answers to a yes/no question, whole messages only: "sicher nicht" or "ja nein" is neither. */
const YES_NO = {
  yes: ['ja', 'ja bitte', 'jawohl', 'ja gerne', 'ja klar', 'ja sicher', 'genau', 'ok', 'okay', 'yes'],
  no: ['nein', 'nein danke', 'nee', 'no', 'nicht', 'doch nicht', 'lieber nicht', 'besser nicht'],
} as const;

/** What confirms and what declines a question about one action, besides the usual yes and no. */
const ACTION_WORDS = {
  cancel: {
    yes: ['abbrechen', 'ja abbrechen', 'ja bitte abbrechen', 'suche abbrechen'],
    no: ['nicht abbrechen', 'weiter', 'weitermachen', 'weiter suchen'],
  },
  forget: { yes: ['loschen', 'ja loschen', 'ja bitte loschen', 'alles loschen'], no: ['nicht loschen', 'behalten', 'alles behalten'] },
} as const;

const yesNoReaders = Object.fromEntries(
  Object.entries(ACTION_WORDS).map(([action, words]) => [
    action,
    phraseReader({ yes: [...YES_NO.yes, ...words.yes], no: [...YES_NO.no, ...words.no] }),
  ]),
) as Record<keyof typeof ACTION_WORDS, (text: string) => 'yes' | 'no' | null>;

/** Reads the answer to "Möchten Sie … wirklich abbrechen / löschen?": true, false, or null when it is not a clear answer. */
export function readYesNo(text: string, action: keyof typeof ACTION_WORDS): boolean | null {
  // "ok?" asks back; it is no answer.
  if (text.trim().endsWith('?')) return null;
  const answer = yesNoReaders[action](text);
  return answer === null ? null : answer === 'yes';
}

/** "Weitere Ergebnisse", "mehr bitte", "nächste Seite", "weiter": only as the whole message ("nicht mehr Frauen" is an answer). */
const MORE_RESULTS = /^(?:bitte )?(?:weitere|mehr|nachste|weiter)(?: (?:ergebnisse|programme|seite|treffer|anzeigen|zeigen))*(?: bitte)?$/;
/** "Zielgruppe ändern", "andere Kommune", "Handlungsfeld wechseln": which answer to give anew. */
const CHANGE_WORDS = /\b(?:andern|anders|andere|wechseln)\b/;
const SLOT_WORDS: readonly [Slot, RegExp][] = [
  ['needs', /handlungsfeld|bedarf|thema/],
  ['targetGroups', /zielgruppe/],
  ['size', /grosse|einwohner|kommune/],
];

/** The buttons after the results, typed or tapped: more results, or one answer to change. */
export function readResultsCommand(text: string): { kind: 'more' } | { kind: 'change'; slot: Slot } | null {
  const folded = fold(text);
  if (MORE_RESULTS.test(folded.replace(/[.!?,]/g, '').trim())) return { kind: 'more' };
  if (!CHANGE_WORDS.test(folded)) return null;
  const slot = SLOT_WORDS.find(([, words]) => words.test(folded))?.[0];
  return slot === undefined ? null : { kind: 'change', slot };
}
