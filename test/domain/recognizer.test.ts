import { describe, expect, it } from 'vitest';
import { detectCommand } from '../../src/domain/commands.js';
import { looksEnglish } from '../../src/domain/language.js';
import { EVAL_FILE, HOLDOUT_FILE, loadEvalCases } from '../eval/recognizerEval.js';
import { recognize } from '../../src/domain/recognizer.js';
import type { Slot } from '../../src/domain/taxonomy.js';

describe('recognize', () => {
  it.each([
    {
      text: 'Sprachkurse für geflüchtete Frauen, Gemeinde mit 8.000 Einwohnern',
      needs: ['sprache'],
      groups: ['gefluechtete', 'frauen_familien'],
      size: { class: 'klein', inhabitants: 8000 },
    },
    {
      text: 'Wohnraum für Familien in einer kreisfreien Stadt',
      needs: ['wohnen'],
      groups: ['frauen_familien'],
      size: { class: 'grossstadt' },
    },
    {
      text: 'Flüchtlingsunterkünfte, Stadt mit rund 45.000 Einwohnern',
      needs: ['wohnen'],
      groups: ['gefluechtete'],
      size: { class: 'mittel', inhabitants: 45000 },
    },
    { text: 'Kreis Lippe sucht Geld für Integrationslotsen', needs: ['engagement'], groups: [], size: { class: 'kreis' } },
    {
      text: 'Gemeinde mit 12 Tausend EW im Kreis Lippe, Hausaufgabenhilfe für Kinder',
      needs: ['bildung'],
      groups: ['kinder_jugendliche'],
      size: { class: 'klein', inhabitants: 12000 },
    },
    {
      text: 'Köln hat 1,1 Mio. Einwohner, wir suchen Rückkehrberatung',
      needs: ['rueckkehr'],
      groups: [],
      size: { class: 'grossstadt', inhabitants: 1100000 },
    },
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

describe('understanding like a colleague would', () => {
  const slots = (text: string, expecting?: Slot) => {
    const { needs, targetGroups, size, excluded, unsure } = recognize(text, expecting);
    return { needs, targetGroups, size, excluded, unsure };
  };

  it.each([
    ['Sprachkuse für Jugentliche', ['sprache'], ['kinder_jugendliche']],
    ['Wohnraummanagment fuer Gefluechtete', ['wohnen'], ['gefluechtete']],
    ['Migrationsbertung für Famlien', ['beratung'], ['frauen_familien']],
    ['Flüchtlingsunterkümfte', ['wohnen'], ['gefluechtete']],
    ['Sprach- und Kulturmittler', ['engagement'], ['ehrenamtliche']],
    ['Elternarbeit an der Grundschule', ['bildung'], ['frauen_familien']],
    ['Netzwerkarbeit', ['personal'], []],
    ['Deutschlernen für Seniorinnen', ['sprache'], []],
    ['Förderung für UMA', [], ['gefluechtete', 'kinder_jugendliche']],
    ['KIM-Stellen im Kreis', ['beratung', 'personal'], []],
  ])('typos, compounds and abbreviations: "%s"', (text, needs, groups) => {
    const found = slots(text as string);
    expect([...found.needs].sort()).toEqual([...(needs as string[])].sort());
    expect([...found.targetGroups].sort()).toEqual([...(groups as string[])].sort());
  });

  it('a correction replaces what was said before it', () => {
    expect(slots('Sprache, ach nein, eigentlich eher Wohnen').needs).toEqual(['wohnen']);
    expect(slots('nicht Frauen, sondern Jugendliche')).toMatchObject({
      targetGroups: ['kinder_jugendliche'],
      excluded: { targetGroups: ['frauen_familien'] },
    });
    expect(slots('Gemeinde mit 20.000, äh, 28.000 Einwohnern').size).toEqual({ class: 'mittel', inhabitants: 28000 });
    expect(slots('Kreis – nein, ich schreibe für die Stadt Gütersloh').size).toBeNull();
  });

  it('"nicht nur …, sondern auch …" adds instead of correcting', () => {
    expect([...slots('nicht nur für Geflüchtete, sondern für alle').targetGroups].sort()).toEqual(['alle', 'gefluechtete']);
  });

  it('a negation alone rules a value out', () => {
    expect(slots('bitte nicht für Frauen')).toMatchObject({ targetGroups: [], excluded: { targetGroups: ['frauen_familien'] } });
  });

  it('a short or ambiguous typo is only a guess, to be confirmed', () => {
    expect(slots('Frauem')).toMatchObject({ targetGroups: [], unsure: { targetGroups: ['frauen_familien'] } });
  });

  it('who writes is not whom the project is for', () => {
    expect(slots('Ich bin Integrationsbeauftragte und suche Sprachkurse').targetGroups).toEqual([]);
  });

  it.each([
    ['Stadt mit 14 Grundschulen', null],
    ['Gemeinde mit 3 Ortsteilen', { class: 'klein' }],
    ['Die Stadt hat 52.000 Bürger', { class: 'mittel', inhabitants: 52000 }],
    ['unter 20.000 Einwohner', { class: 'klein' }],
    ['knapp 60.000 EW', { class: 'mittel' }],
    ['über 100.000 Einwohner', { class: 'grossstadt' }],
    ['Gemeinde im Rhein-Sieg-Kreis mit 9.000 EW', { class: 'klein', inhabitants: 9000 }],
    ['KI des Kreises Heinsberg', { class: 'kreis' }],
    ['Millionenstadt', { class: 'grossstadt' }],
    ['Budget 40.000 Euro, seit 2015', null],
  ])('size of "%s"', (text, size) => {
    expect(slots(text as string).size).toEqual(size);
  });

  it.each([
    ['2 und 3', 'needs', { needs: ['arbeit', 'sprache'] }],
    ['die letzte', 'targetGroups', { targetGroups: ['alle'] }],
    [
      '4 – wir sind übrigens eine Gemeinde mit 8.000 Einwohnern',
      'needs',
      { needs: ['bildung'], size: { class: 'klein', inhabitants: 8000 } },
    ],
    ['3 Stellen', 'needs', { needs: ['personal'] }],
    ['Ehrenamtliche und Kulturmittler', 'targetGroups', { needs: [], targetGroups: ['ehrenamtliche'] }],
    ['Jugendliche, wir sind übrigens ein Kreis', 'targetGroups', { targetGroups: ['kinder_jugendliche'], size: { class: 'kreis' } }],
  ])('answer "%s" to the %s question', (text, slot, expected) => {
    expect(slots(text as string, slot as Slot)).toMatchObject(expected as object);
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

describe('language', () => {
  it.each([
    ['Hello, we need funding for language courses', true],
    ['What does this mean?', true],
    ['Sprachkurse für geflüchtete Frauen', false],
    ['Case Management und Coaching für Familien', false],
    ['Jobcoaching in der Stadt', false],
    ['Hallo', false],
  ])('"%s" is English: %s', (text, english) => {
    expect(looksEnglish(text as string)).toBe(english);
  });

  it('takes none of the labelled German messages for English', () => {
    const messages = [...loadEvalCases(EVAL_FILE), ...loadEvalCases(HOLDOUT_FILE)].map((evalCase) => evalCase.text);
    expect(messages.filter(looksEnglish)).toEqual([]);
  });
});

describe('numbers that are no size of a municipality', () => {
  it.each(['99999999', '1.000.000.000', '12 Mio'])('"%s" is too large for any municipality in NRW', (text) => {
    expect(recognize(text, 'size').size).toBeNull();
  });

  it('reads the largest city still', () => {
    expect(recognize('1,1 Mio.', 'size').size).toEqual({ class: 'grossstadt', inhabitants: 1_100_000 });
  });
});
