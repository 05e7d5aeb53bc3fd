import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GazetteerEntrySchema } from '../../src/domain/gazetteer.js';
import { everydayName, GV_COLUMNS, type GvProblem, parseGvExtract } from '../../src/domain/gazetteerExtract.js';
import { gazetteerTexts } from '../../src/texts/cli.js';

// Real lines of the Destatis extract: Köln (kreisfrei), the StädteRegion Aachen with the city of Aachen,
// the Kreis Gütersloh with its namesake city, Siegen-Wittgenstein with a cut-off line, and Saarland's and
// Sachsen-Anhalt's Neunkirchen and Halle (Saale).
const excerpt = readFileSync('test/fixtures/gv-excerpt.csv', 'utf8');
const result = parseGvExtract(excerpt);
const entry = (ags: string) => result.municipalities.find((candidate) => candidate.ags === ags);

const HEADER = readFileSync('test/fixtures/gv-excerpt.csv', 'utf8').split('\n', 1)[0]!;
const NRW_START = ['10,,05,,,,,Nordrhein-Westfalen', '20,,05,7,,,,Reg.-Bez. Detmold', '40,43,05,7,54,,,Gütersloh'];
/** A record with its key parts, name and population; the other twelve columns stay empty. */
const line = (type: string, keys: string, name: string, population = '') => {
  const [land = '', rb = '', kreis = '', vb = '', gemeinde = ''] = keys.split('|');
  return [type, '', land, rb, kreis, vb, gemeinde, `"${name}"`, '', population, ...Array<string>(10).fill('')].join(',');
};
const pad = (text: string) => text + ','.repeat(20 - text.split(',').length);
/** The lines after the start of NRW (lines 2 to 4), from line 5 on; a good Gemeinde last, so that the Kreis is not empty. */
const parse = (...lines: string[]) =>
  parseGvExtract([HEADER, ...NRW_START.map(pad), ...lines, line('60', '05|7|54|0012|012', 'Halle (Westf.), Stadt', '21 577')].join('\n'));

describe('parseGvExtract on an excerpt of the real extract', () => {
  it('reports the cut-off line by its line number and reads every other one', () => {
    expect(result.problems).toEqual([{ line: 18, kind: 'cellCount', found: 11, expected: 20 }]);
    expect(gazetteerTexts.problem(result.problems[0]!)).toBe('Zeile 18: 11 Zellen statt 20');
  });

  it('lists the NRW Kreise before their Gemeinden, in the order of their keys', () => {
    expect(result.municipalities.map((candidate) => `${candidate.ags} ${candidate.name} (${candidate.kind})`)).toEqual([
      '05315000 Köln (kreisfrei)',
      '05334 StädteRegion Aachen (kreis)',
      '05334002 Aachen (kreisfrei)',
      '05334004 Alsdorf (kreisangehoerig)',
      '05334028 Simmerath (kreisangehoerig)',
      '05754 Kreis Gütersloh (kreis)',
      '05754008 Gütersloh (kreisangehoerig)',
      '05754012 Halle (Westf.) (kreisangehoerig)',
      '05970 Siegen-Wittgenstein (kreis)',
      '05970036 Neunkirchen (kreisangehoerig)',
    ]);
    expect(result.municipalities.every((candidate) => GazetteerEntrySchema.safeParse(candidate).success)).toBe(true);
  });

  it('reads a kreisfreie Stadt from the record-40 entry whose single Gemeinde has the same key', () => {
    expect(entry('05315000')).toEqual({
      ags: '05315000',
      ars: '053150000000',
      name: 'Köln',
      officialName: 'Köln, Stadt',
      aliases: [],
      kind: 'kreisfrei',
      kreis: null,
      regierungsbezirk: 'Köln',
      inhabitants: 1_087_863,
      goStatus: null,
    });
  });

  it('counts the city of Aachen as kreisfrei and the StädteRegion, with Aachen among its people, as a Kreis', () => {
    expect(entry('05334002')).toMatchObject({ ars: '053340002002', name: 'Aachen', kind: 'kreisfrei', kreis: null });
    expect(entry('05334')).toMatchObject({
      ars: '05334',
      name: 'StädteRegion Aachen',
      officialName: 'Städteregion Aachen',
      kind: 'kreis',
      kreis: null,
      inhabitants: 248_960 + 47_149 + 15_404,
    });
    expect(entry('05334004')).toMatchObject({ kind: 'kreisangehoerig', kreis: '05334', regierungsbezirk: 'Köln' });
  });

  it('names a Kreis "Kreis X" where a city is called X, and gives "Kreis X" as an alias otherwise', () => {
    expect(entry('05754')).toMatchObject({ name: 'Kreis Gütersloh', officialName: 'Gütersloh', aliases: [], regierungsbezirk: 'Detmold' });
    expect(entry('05754008')).toMatchObject({ name: 'Gütersloh', officialName: 'Gütersloh, Stadt', kreis: '05754' });
    expect(entry('05970')).toMatchObject({
      name: 'Siegen-Wittgenstein',
      aliases: ['Kreis Siegen-Wittgenstein'],
      regierungsbezirk: 'Arnsberg',
    });
  });

  it('writes out "(Westf.)" as an alias, but leaves "Halle" to the larger Halle (Saale)', () => {
    expect(entry('05754012')?.aliases).toEqual(['Halle (Westfalen)']);
  });

  it('names the Länder, Kreise and larger places outside NRW once each, without the names NRW has too', () => {
    expect(result.outsideNrw).toEqual([
      { name: 'Saarland', land: 'Saarland' },
      { name: 'Landkreis Neunkirchen', land: 'Saarland' },
      // The city of Neunkirchen (Saar) is left out: "Neunkirchen" is a Gemeinde in NRW.
      { name: 'Sachsen-Anhalt', land: 'Sachsen-Anhalt' },
      { name: 'Halle (Saale)', land: 'Sachsen-Anhalt' },
    ]);
  });
});

describe('parseGvExtract', () => {
  it.each<{ case: string; lines: string[]; problems: GvProblem[] }>([
    {
      case: 'an unknown record type',
      lines: [line('70', '05|7|54|0008|008', 'Gütersloh, Stadt', '100')],
      problems: [{ line: 5, kind: 'unknownRecordType', value: '70' }],
    },
    {
      case: 'a key with a letter',
      lines: [line('60', '05|7|54|0008|0x8', 'Gütersloh, Stadt', '100')],
      problems: [{ line: 5, kind: 'badKey', column: 'gemeinde', value: '0x8', digits: 3 }],
    },
    {
      case: 'a population that is no number',
      lines: [line('60', '05|7|54|0008|008', 'Gütersloh, Stadt', '100 8x1')],
      problems: [{ line: 5, kind: 'badPopulation', value: '100 8x1' }],
    },
    {
      case: 'an NRW Gemeinde without population',
      lines: [line('60', '05|7|54|0008|008', 'Gütersloh, Stadt')],
      problems: [{ line: 5, kind: 'badPopulation', value: '' }],
    },
    {
      case: 'a Gemeinde twice',
      lines: [line('60', '05|7|54|0008|008', 'Gütersloh', '1'), line('60', '05|7|54|0009|008', 'Gütersloh', '1')],
      problems: [{ line: 6, kind: 'duplicateKey', key: '05754008', firstLine: 5 }],
    },
    {
      case: 'a Gemeinde of a Kreis the file lacks',
      lines: [line('60', '05|7|54|0008|008', 'Gütersloh', '1'), line('60', '05|7|58|0004|004', 'Bünde', '1')],
      problems: [{ line: 6, kind: 'noKreis', key: '05758' }],
    },
    {
      case: 'a name without text',
      lines: [line('60', '05|7|54|0008|008', '', '1')],
      problems: [{ line: 5, kind: 'emptyName' }],
    },
  ])('reports $case', ({ lines, problems }) => {
    expect(parse(...lines).problems).toEqual(problems);
  });

  it('reports a quote left open in the last line', () => {
    const lines = [...NRW_START.map(pad), `60,,05,7,54,0008,008,"Gütersloh, 1`];
    expect(parseGvExtract([HEADER, ...lines].join('\n')).problems).toEqual([
      { line: 4, kind: 'kreisWithoutGemeinden', key: '05754' },
      { line: 5, kind: 'unclosedQuote' },
      { line: 5, kind: 'cellCount', found: 8, expected: 20 },
    ]);
  });

  it('reports a Regierungsbezirk NRW does not have', () => {
    const lines = [
      pad(NRW_START[0]!),
      pad('20,,05,2,,,,Reg.-Bez. Aachen'),
      pad('40,43,05,2,54,,,Test'),
      line('60', '05|2|54|0008|008', 'Test', '1'),
    ];
    expect(parseGvExtract([HEADER, ...lines].join('\n')).problems).toEqual([
      { line: 3, kind: 'unknownRegierungsbezirk', name: 'Reg.-Bez. Aachen' },
    ]);
  });

  it('reports missing columns, and a file without NRW', () => {
    expect(parseGvExtract('satzart;land\n10;05\n').problems).toEqual([
      { line: 1, kind: 'missingColumns', names: GV_COLUMNS.filter((column) => column !== 'satzart' && column !== 'land') },
    ]);
    expect(parseGvExtract([HEADER, pad('10,,10,,,,,Saarland')].join('\n')).problems).toEqual([{ line: null, kind: 'noNrw' }]);
  });
});

describe('the words for the problems', () => {
  it.each<[GvProblem, string]>([
    [{ line: 18, kind: 'cellCount', found: 11, expected: 20 }, 'Zeile 18: 11 Zellen statt 20'],
    [{ line: 5, kind: 'unknownRecordType', value: '70' }, 'Zeile 5: unbekannte Satzart „70“ (erwartet: 10, 20, 30, 40, 50 oder 60)'],
    [
      { line: 5, kind: 'badKey', column: 'gemeinde', value: '0x8', digits: 3 },
      'Zeile 5: „0x8“ in Spalte „gemeinde“ ist kein Schlüssel aus 3 Ziffern',
    ],
    [
      { line: 5, kind: 'badPopulation', value: '100 8x1' },
      'Zeile 5: „100 8x1“ ist keine Einwohnerzahl (erwartet: Ziffern, Tausender durch Leerzeichen getrennt)',
    ],
    [{ line: 5, kind: 'badPopulation', value: '' }, 'Zeile 5: Gemeinde in NRW ohne Einwohnerzahl'],
    [{ line: 6, kind: 'duplicateKey', key: '05754008', firstLine: 5 }, 'Zeile 6: der Schlüssel 05754008 steht schon in Zeile 5'],
    [{ line: 6, kind: 'noKreis', key: '05758' }, 'Zeile 6: zum Kreis 05758 fehlt die Zeile mit Satzart 40'],
    [{ line: 1, kind: 'missingColumns', names: ['bevoelkerung'] }, 'Zeile 1: es fehlt die Spalte „bevoelkerung“'],
    [{ line: null, kind: 'noNrw' }, 'Datei: der Auszug enthält keine Gemeinde in Nordrhein-Westfalen (Land 05)'],
  ])('%o', (problem, text) => {
    expect(gazetteerTexts.problem(problem)).toBe(text);
  });
});

describe('everydayName', () => {
  it.each([
    ['Gütersloh, Stadt', 'Gütersloh'],
    ['Düsseldorf, Landeshauptstadt', 'Düsseldorf'],
    ['Hagen, Stadt der FernUniversität', 'Hagen'],
    ['Stolberg (Rhld.), Kupferstadt', 'Stolberg (Rhld.)'],
    ['Simmerath', 'Simmerath'],
  ])('%s → %s', (official, name) => {
    expect(everydayName(official)).toBe(name);
  });
});
