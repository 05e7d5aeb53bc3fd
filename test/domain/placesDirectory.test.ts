import { describe, expect, it } from 'vitest';
import { recognize } from '../../src/domain/recognizer.js';
import { readGazetteerFile } from '../../src/storage/gazetteerFile.js';
import { realPlaces } from '../support/testBot.js';

const read = await readGazetteerFile();
if (!read.ok) throw new Error(read.problems.join('\n'));
const { municipalities } = read.gazetteer;
const places = await realPlaces();

describe('every name of the official directory', () => {
  it.each(municipalities.map((entry) => [entry.name, entry] as const))('%s resolves to itself', (_name, entry) => {
    const said = entry.kind === 'kreis' ? entry.name : `Gemeinde ${entry.name}`;
    expect(recognize(said, undefined, places).municipality?.ags).toBe(entry.ags);
  });

  it.each(municipalities.flatMap((entry) => entry.aliases.map((alias) => [alias, entry] as const)))(
    'alias %s resolves to its entry',
    (alias, entry) => {
      const said = entry.kind === 'kreis' ? alias : `Stadt ${alias}`;
      expect(recognize(said, undefined, places).municipality?.ags).toBe(entry.ags);
    },
  );
});

describe('names as people write them, on the real directory', () => {
  it.each([
    ['Wir sind die Stadt Gütersloh und suchen Förderung für Wohnraum für Geflüchtete', 'Gütersloh'],
    ['Stadt Köln', 'Köln'],
    ['Gemeinde Nottuln', 'Nottuln'],
    ['Kreis Lippe', 'Kreis Lippe'],
    ['Rhein-Sieg-Kreis', 'Rhein-Sieg-Kreis'],
    ['Hochsauerlandkreis', 'Hochsauerlandkreis'],
    ['StädteRegion Aachen', 'StädteRegion Aachen'],
    ['aus Bielefeld', 'Bielefeld'],
    ['Guetersloh, Stadtverwaltung', 'Gütersloh'],
    ['Mülheim a. d. Ruhr', 'Mülheim an der Ruhr'],
    ['Stadt Düsseldorf', 'Düsseldorf'],
    ['Recklinghausen, Stadt', 'Recklinghausen'],
    ['Stadt Mönchengladbach', 'Mönchengladbach'],
    ['aus Mönchengladbch', 'Mönchengladbach'],
    ['Kreis Neuss', 'Rhein-Kreis Neuss'],
  ])('%s → %s', (text, name) => {
    expect(recognize(text, undefined, places).municipality?.name).toBe(name);
  });

  it('a city and its Kreis of the same name are asked back', () => {
    expect(recognize('Gütersloh', undefined, places).unsure.municipalities.map((choice) => choice.name)).toEqual([
      'Gütersloh',
      'Kreis Gütersloh',
    ]);
  });

  it.each(['aus München', 'Stadt Hamburg', 'Landkreis Harburg', 'in Bayern'])('%s is outside NRW', (text) => {
    expect(recognize(text, undefined, places).outsideNrw).not.toBeNull();
  });

  // Everyday words one or two letters from a name; found by running a German word list through the reader.
  it.each([
    'nicht für Geflüchtete, sondern für alle',
    'Hilfe bei Bewerbungen für Geflüchtete',
    'Ihre Bemerkungen zum Antrag',
    'Stoffe schneiden im Nähcafé',
    'die Kinder strahlen beim Sprachfest',
    'im vierten Quartal',
    'Gewerbe sollen sich niederlassen',
    'eine schwere Aufgabe für die Verwaltung',
    'für Bewerbungen von Frauen',
  ])('an everyday word is no misspelt name: %s', (text) => {
    const recognition = recognize(text, undefined, places);
    expect(recognition.municipality).toBeNull();
    expect(recognition.unsure.municipalities).toEqual([]);
  });

  it.each([
    'Förderung für Essen in der Kita für Geflüchtete',
    'Hilfe von Halle zu Halle für Senioren',
    'Wir frechen das Projekt mit den Schulen ab',
    'Die Kinder gängelt niemand im Jugendzentrum',
    'Beratung in Sündern für Zugewanderte',
  ])('an everyday word is no name without a strong cue, and a word with umlauts only the name spelt so: %s', (text) => {
    expect(recognize(text, undefined, places).municipality).toBeNull();
  });

  it.each([
    ['Wir sind in Essen und suchen Sprachkurse', 'Essen'],
    ['Die Stadt Lage sucht Förderung', 'Lage'],
    ['wir sind aus frechen und suchen sprachkurse', 'Frechen'],
    ['Die Stadt frechen braucht Sprachkurse für Frauen', 'Frechen'],
    ['Gemeinde Kurten, Kita-Sozialarbeit', 'Kürten'],
    ['Stadt Muelheim an der Ruhr', 'Mülheim an der Ruhr'],
  ])('a name with a strong cue or as the writer spells it: %s', (text, name) => {
    expect(recognize(text, undefined, places).municipality?.name).toBe(name);
  });

  it.each([
    ['aus Biellefeld', undefined, 'Bielefeld'],
    ['Stadt Gütersloch', undefined, 'Gütersloh'],
    ['Biellefeld', undefined, 'Bielefeld'],
    ['wir sind Mönchengladbch', 'size', 'Mönchengladbach'],
  ] as const)('a misspelt name where one is expected: %s', (text, expecting, name) => {
    expect(recognize(text, expecting, places).municipality?.name).toBe(name);
  });
});

describe('a number of inhabitants beside a name', () => {
  it('is newer than the directory and counts when it is close to it', () => {
    const recognition = recognize('Die Gemeinde Extertal hat zwölftausend Einwohner', undefined, places);
    expect(recognition.municipality?.name).toBe('Extertal');
    expect(recognition.municipality?.inhabitants).toBe(12_000);
    expect(recognition.size).toEqual({ class: 'klein', inhabitants: 12_000 });
  });

  it('is about something else when it is far from it', () => {
    const recognition = recognize('Stadt Köln mit 8.000 Einwohnern', undefined, places);
    expect(recognition.size?.class).toBe('grossstadt');
  });

  it('makes a Kreis named after it the place where the town lies', () => {
    const recognition = recognize('Knapp 60.000 EW, Kreis Gütersloh – Patenschaften für Geflüchtete', undefined, places);
    expect(recognition.municipality).toBeNull();
    expect(recognition.kind).toBe('kreisangehoerig');
    expect(recognition.size?.class).not.toBe('kreis');
  });
});

describe('names as the attack found them', () => {
  it.each(['Essen', 'Siegen', 'Lage', 'Verl'])('%s, an everyday word, is the name as the whole answer', (text) => {
    expect(recognize(text, 'size', places).municipality?.name).toBe(text);
  });

  it.each([
    ['Wir sind aus Halle (Saale)', 'Halle (Saale)'],
    ['Stadt Mühlheim am Main', 'Mühlheim am Main'],
    ['Obertshausen', 'Obertshausen'],
    ['Landkreis Neunkirchen', 'Landkreis Neunkirchen'],
    ['aus Lohne (Oldenburg)', 'Lohne (Oldenburg)'],
    ['Schwalm-Eder-Kreis', 'Schwalm-Eder-Kreis'],
    ['Osnabrück', 'Osnabrück'],
  ])('a place outside NRW named in full beats a shorter or misspelt NRW name: %s', (text, outside) => {
    const recognition = recognize(text, 'size', places);
    expect(recognition.municipality).toBeNull();
    expect(recognition.outsideNrw).toBe(outside);
  });

  it.each([
    ['Wir kommen aus dem Oberbergischen Kreis', 'Oberbergischer Kreis'],
    ['Kreisverwaltung des Märkischen Kreises', 'Märkischer Kreis'],
    ['Landrat des Hochsauerlandkreises', 'Hochsauerlandkreis'],
    ['Kreisverwaltung Soest', 'Kreis Soest'],
    ['Kreishaus Unna', 'Kreis Unna'],
    ['Landratsamt Unna', 'Kreis Unna'],
  ])('a Kreis inflected or by its office: %s', (text, name) => {
    expect(recognize(text, undefined, places).municipality?.name).toBe(name);
  });

  it.each([
    'Hallo Herr Hagen, wir suchen Sprachkurse',
    'Ansprechpartnerin: Frau Brühl',
    'Die Bezirksregierung Arnsberg hat uns auf Sie verwiesen',
    'Wir sind im Regierungsbezirk Köln',
    'Wir sind eine kleine Gemeinde bei Münster',
    'Ein Renaturierungsprojekt an der Lippe',
  ])('a person, an authority, a neighbour or a river is not the municipality: %s', (text) => {
    expect(recognize(text, undefined, places).municipality).toBeNull();
  });

  it('takes the town, not the city it lies near', () => {
    expect(recognize('Kerpen bei Köln', undefined, places).municipality?.name).toBe('Kerpen');
  });

  it.each([
    ['Mu\u0308lheim an der Ruhr', 'Mülheim an der Ruhr'],
    ['Stadt Bie\u00adlefeld', 'Bielefeld'],
    ['Stadt Bie\u200blefeld', 'Bielefeld'],
  ])('reads text pasted with combining umlauts or invisible characters: %j', (text, name) => {
    expect(recognize(text, undefined, places).municipality?.name).toBe(name);
  });
});

describe('short forms and titles people write', () => {
  it.each([
    ["Wir sind aus M'gladbach", 'Mönchengladbach'],
    ['Stadt Rheda', 'Rheda-Wiedenbrück'],
    ['aus Oeynhausen', 'Bad Oeynhausen'],
    ['Wir sind der HSK', 'Hochsauerlandkreis'],
    ['Universitätsstadt Siegen', 'Siegen'],
    ['Wissenschaftsstadt Siegen', 'Siegen'],
  ])('%s', (text, name) => {
    expect(recognize(text, undefined, places).municipality?.name).toBe(name);
  });
});

describe('two places named alike', () => {
  it.each([
    ['Stadt Köln und Stadt Bonn gemeinsam', ['Köln', 'Bonn']],
    ['Die Städte Bochum und Herne planen ein gemeinsames Projekt', ['Bochum', 'Herne']],
  ])('are asked back, not guessed: %s', (text, names) => {
    const recognition = recognize(text, undefined, places);
    expect(recognition.municipality).toBeNull();
    expect(recognition.unsure.municipalities.map((municipality) => municipality.name)).toEqual(names);
  });

  it('but a town named beside its Kreis is the town, and a correction takes the last', () => {
    expect(recognize('Gemeinde Nottuln im Kreis Coesfeld', undefined, places).municipality?.name).toBe('Nottuln');
    expect(recognize('nicht Köln, sondern Bonn', undefined, places).municipality?.name).toBe('Bonn');
  });
});
