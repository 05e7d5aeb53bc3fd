import { describe, expect, it } from 'vitest';
import { detectCommand, detectFollowUpCommand, readResultsCommand, readYesNo } from '../../src/domain/commands.js';

describe('readYesNo: only a clear answer counts', () => {
  it.each([
    ['ja', true],
    ['Ja!', true],
    ['ja, bitte', true],
    ['Okay.', true],
    ['Löschen', true],
    ['ja loeschen', true],
    ['nein', false],
    ['Nein danke', false],
    ['lieber nicht', false],
    ['nicht löschen', false],
    ['behalten', false],
  ] as const)('forget: %s → %s', (text, expected) => {
    expect(readYesNo(text, 'forget')).toBe(expected);
  });

  it.each([
    'abbrechen',
    'Abbrechen!',
    'Sicher nicht',
    'sicher?',
    'okay, lieber doch nicht',
    'Ja bitte nicht',
    'ja nein',
    'genau, was wird denn gelöscht?',
    'j',
    'ok?',
    'halt',
    'Merkliste',
    '',
  ])('forget: „%s“ is no clear answer', (text) => {
    expect(readYesNo(text, 'forget')).toBeNull();
  });

  it.each([
    ['abbrechen', true],
    ['ja abbrechen', true],
    ['weiter', false],
    ['nicht abbrechen', false],
    ['löschen', null],
    ['sicher nicht', null],
  ] as const)('cancel: %s → %s', (text, expected) => {
    expect(readYesNo(text, 'cancel')).toBe(expected);
  });
});

describe('commands', () => {
  it.each([
    ['Hilfe', 'help'],
    ['neue Suche', 'restart'],
    ['zurück', 'back'],
    ['Abbrechen.', 'cancel'],
    ['Sprachkurse abbrechen', null],
  ] as const)('%s → %s', (text, expected) => {
    expect(detectCommand(text)).toBe(expected);
  });

  it.each([
    ['Meine Daten löschen', 'forgetMe'],
    ['merkliste', 'watchlist'],
    ['Suche speichern!', 'saveSearch'],
    ['Daten', null],
  ] as const)('follow-up %s → %s', (text, expected) => {
    expect(detectFollowUpCommand(text)).toBe(expected);
  });
});

describe('the buttons after the results, typed', () => {
  it.each([
    ['Weitere Ergebnisse', { kind: 'more' }],
    ['mehr bitte', { kind: 'more' }],
    ['Nächste Seite', { kind: 'more' }],
    ['Zielgruppe ändern', { kind: 'change', slot: 'targetGroups' }],
    ['andere Kommune', { kind: 'change', slot: 'size' }],
    ['Handlungsfeld wechseln', { kind: 'change', slot: 'needs' }],
    ['nicht mehr Frauen', null],
    ['mehr für Kinder', null],
    ['ändern', null],
  ] as const)('"%s"', (text, expected) => {
    expect(readResultsCommand(text)).toEqual(expected);
  });
});
