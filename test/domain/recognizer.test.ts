import { describe, expect, it } from 'vitest';
import { detectCommand } from '../../src/domain/commands.js';
import { recognize } from '../../src/domain/recognizer.js';
import type { Slot } from '../../src/domain/taxonomy.js';

describe('recognize', () => {
  it.each([
    { text: 'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern', needs: ['sprache'], groups: ['gefluechtete', 'frauen_familien'], size: { class: 'klein', inhabitants: 8000 } },
    { text: 'Wohnraum für Familien in einer kreisfreien Stadt', needs: ['wohnen'], groups: ['frauen_familien'], size: { class: 'grossstadt' } },
    { text: 'Flüchtlingsunterkünfte, Stadt mit rund 45.000 Einwohnern', needs: ['wohnen'], groups: ['gefluechtete'], size: { class: 'mittel', inhabitants: 45000 } },
    { text: 'Kreis Lippe sucht Geld für Integrationslotsen', needs: ['engagement'], groups: [], size: { class: 'kreis' } },
    { text: 'Gemeinde mit 12 Tausend EW im Kreis Lippe, Hausaufgabenhilfe für Kinder', needs: ['bildung'], groups: ['kinder_jugendliche'], size: { class: 'klein', inhabitants: 12000 } },
    { text: 'Köln hat 1,1 Mio. Einwohner, wir suchen Rückkehrberatung', needs: ['rueckkehr'], groups: [], size: { class: 'grossstadt', inhabitants: 1100000 } },
    { text: 'Sprachkurse und Wohnraum für Geflüchtete', needs: ['wohnen', 'sprache'], groups: ['gefluechtete'], size: null },
    { text: '50.000 Euro für Kulturmittler, Stand 2024', needs: ['engagement'], groups: ['ehrenamtliche'], size: null },
    { text: '2 Stellen für das Integrationsmanagement', needs: ['personal'], groups: [], size: null },
    { text: 'Sporthalle für Jugendliche', needs: ['zusammenleben'], groups: ['kinder_jugendliche'], size: null },
    { text: 'Alleinerziehende', needs: [], groups: ['frauen_familien'], size: null },
    { text: 'Guten Morgen', needs: [], groups: [], size: null },
  ])('"$text"', ({ text, needs, groups, size }) => {
    const recognition = recognize(text);
    expect([...recognition.needs].sort()).toEqual([...needs].sort());
    expect([...recognition.targetGroups].sort()).toEqual([...groups].sort());
    expect(recognition.size).toEqual(size);
  });

  it.each([
    { text: '2', slot: 'needs', expected: { needs: ['arbeit'] } },
    { text: 'Nummer 3', slot: 'targetGroups', expected: { targetGroups: ['kinder_jugendliche'] } },
    { text: 'die zweite', slot: 'size', expected: { size: { class: 'mittel' } } },
    { text: 'fünf', slot: 'size', expected: { size: { class: 'kreis' } } },
    { text: 'ab 100.000 EW', slot: 'size', expected: { size: { class: 'grossstadt' } } },
    { text: 'Mittlere Stadt (25.000–59.999)', slot: 'size', expected: { size: { class: 'mittel' } } },
    { text: '8.000', slot: 'size', expected: { size: { class: 'klein', inhabitants: 8000 } } },
    { text: 'ca. 45 Tsd.', slot: 'size', expected: { size: { class: 'mittel', inhabitants: 45000 } } },
    { text: '8000', slot: 'needs', expected: {} },
    { text: '12', slot: 'needs', expected: {} },
  ] as { text: string; slot: Slot; expected: Record<string, unknown> }[])('"$text" as the answer to $slot', ({ text, slot, expected }) => {
    const { needs, targetGroups, size } = recognize(text, slot);
    expect({ needs, targetGroups, size }).toEqual({ needs: [], targetGroups: [], size: null, ...expected });
  });
});

describe('commands', () => {
  it.each([
    ['hilfe', 'help'],
    ['Hilfe!', 'help'],
    ['?', 'help'],
    ['abbrechen', 'cancel'],
    ['Stopp', 'cancel'],
    ['neu', 'restart'],
    ['Neue Suche', 'restart'],
    ['zurück', 'back'],
    ['Zurueck', 'back'],
    ['Hilfe für Familien', null],
    ['neue Wohnungen', null],
  ])('"%s" → %s', (text, command) => {
    expect(detectCommand(text)).toBe(command);
  });
});
