import { fold } from './text.js';

/** Words that steer the conversation from any step; a message is a command only when it is nothing else. */
export const COMMANDS = {
  help: ['hilfe', 'help', 'hilfe bitte', 'was kann ich tun', 'was kann ich sagen', 'wie geht das', '?'],
  cancel: ['abbrechen', 'abbruch', 'stop', 'stopp', 'cancel', 'beenden', 'suche abbrechen'],
  restart: ['neu', 'neue suche', 'neustart', 'von vorn', 'von vorne', 'nochmal von vorne', 'noch mal von vorne', 'neu starten', 'neu anfangen', 'restart'],
  back: ['zurueck', 'einen schritt zurueck', 'schritt zurueck', 'back'],
} as const;

export type Command = keyof typeof COMMANDS;

const byPhrase = new Map<string, Command>(
  Object.entries(COMMANDS).flatMap(([command, phrases]) => phrases.map((phrase) => [fold(phrase) || phrase, command as Command])),
);

export function detectCommand(text: string): Command | null {
  const folded = fold(text).replace(/[.,]/g, '').trim();
  return byPhrase.get(folded || text.trim()) ?? null;
}
