import { EXAMPLE } from './labels.js';
import { quote } from './format.js';

/** What the search from anywhere in Teams (message extension, Copilot) says instead of results. */

const PARAMETER_WORDS: Record<string, string> = {
  handlungsfeld: 'Handlungsfeld',
  zielgruppe: 'Zielgruppe',
  kommune: 'Kommune',
};

/** Examples that fit the parameter the bot could not read. */
const PARAMETER_EXAMPLES: Record<string, string> = {
  handlungsfeld: '„Sprache“, „Wohnen“',
  zielgruppe: '„Geflüchtete“, „Jugendliche“',
  kommune: '„Stadt Gütersloh“, „8.000 Einwohner“',
};

export const searchAnywhereTexts = {
  unknownCommand: 'Diese Suche kenne ich nicht. Bitte wählen Sie „Förderprogramme suchen“.',
  unknownParameter: (name: string) =>
    `Die Angabe ${quote(name)} kenne ich nicht. Möglich sind: Suche, Handlungsfeld, Zielgruppe und Kommune.`,
  notUnderstood: (name: string, value: string) =>
    `${quote(value.length > 40 ? `${value.slice(0, 39)}…` : value)} habe ich nicht als ${PARAMETER_WORDS[name] ?? name} erkannt. ` +
    `Zum Beispiel: ${PARAMETER_EXAMPLES[name] ?? '„Wohnen“, „Geflüchtete“, „Stadt Gütersloh“'}.`,
  nothingUnderstood: `Dazu habe ich nichts erkannt. Beschreiben Sie Ihr Vorhaben, zum Beispiel: ${EXAMPLE}`,
  nothingFound: 'Dazu habe ich kein offenes Programm gefunden. Versuchen Sie ein anderes Handlungsfeld oder eine andere Zielgruppe.',
  outsideNrw: (place: string) => `${quote(place)} liegt nicht in NRW. Ich kenne nur Förderprogramme für Kommunen in Nordrhein-Westfalen.`,
  busy: 'Gerade kommen sehr viele Suchen an. Bitte versuchen Sie es gleich noch einmal.',
};
