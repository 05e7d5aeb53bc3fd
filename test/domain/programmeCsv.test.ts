import { describe, expect, it } from 'vitest';
import type { Programme } from '../../src/domain/programme.js';
import {
  CSV_COLUMNS,
  type CsvColumn,
  type CsvResult,
  parseCsvDate,
  parseGermanNumber,
  readProgrammeCsv,
  splitCsv,
} from '../../src/domain/programmeCsv.js';
import { dataTexts } from '../../src/texts/cli.js';

type Row = Partial<Record<CsvColumn, string>>;

const BASE: Record<CsvColumn, string> = {
  id: 'sprachkurs-frauen',
  title: 'Sprachkurse für Frauen',
  summary: 'Deutschkurse mit Kinderbetreuung.',
  funder: 'Land NRW',
  level: 'land',
  needs: 'sprache',
  targetGroups: 'gefluechtete|frauen_familien',
  applicants: 'gemeinde|kreis',
  viaIntermediary: '',
  sizeClasses: '',
  fundingType: 'zuschuss',
  fundingRate: '80',
  maxAmount: '50.000',
  amountNote: '',
  deadlineKind: 'stichtag',
  deadlineDate: '31.12.2026',
  applicationUrl: 'https://example.org/antrag',
  sourceUrl: 'https://example.org/quelle',
  contact: '',
  successor: '',
  lastVerified: '2026-11-01',
  ages: '',
  onlyWithOwn: '',
  withoutApplication: '',
  minAmount: '',
};

const EXPECTED: Programme = {
  id: 'sprachkurs-frauen',
  title: 'Sprachkurse für Frauen',
  summary: 'Deutschkurse mit Kinderbetreuung.',
  funder: 'Land NRW',
  level: 'land',
  needs: ['sprache'],
  targetGroups: ['gefluechtete', 'frauen_familien'],
  applicants: ['gemeinde', 'kreis'],
  fundingType: 'zuschuss',
  fundingRate: 80,
  maxAmount: 50000,
  deadline: { kind: 'stichtag', date: '2026-12-31' },
  applicationUrl: 'https://example.org/antrag',
  sourceUrl: 'https://example.org/quelle',
  lastVerified: '2026-11-01',
};

/** A cell as a spreadsheet writes it: quoted only when it has to be. */
const cell = (value: string, delimiter: string) =>
  /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
const line = (values: readonly string[], delimiter = ';') => values.map((value) => cell(value, delimiter)).join(delimiter);
const csv = (rows: readonly Row[], delimiter = ';', eol = '\n') =>
  [
    line(CSV_COLUMNS, delimiter),
    ...rows.map((row) =>
      line(
        CSV_COLUMNS.map((name) => row[name] ?? BASE[name]),
        delimiter,
      ),
    ),
  ].join(eol) + eol;

const programmesOf = (result: CsvResult) =>
  result.ok ? result.rows.map((row) => row.programme) : result.problems.map(dataTexts.import.problem);
const problemsOf = (result: CsvResult) => (result.ok ? [] : result.problems.map(dataTexts.import.problem));

describe('splitting CSV text', () => {
  it('follows RFC 4180: quoted delimiters, doubled quotes and line breaks inside cells', () => {
    const { records, delimiter, problems } = splitCsv('a;b;c\n"x;y";"sagt ""ja""";"zwei\nZeilen"\nlast;;\n');
    expect(problems).toEqual([]);
    expect(delimiter).toBe(';');
    expect(records.map((record) => [record.line, record.cells.map((cell) => cell.text)])).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['x;y', 'sagt "ja"', 'zwei\nZeilen']],
      [4, ['last', '', '']],
      [5, ['']],
    ]);
  });

  it.each([
    { case: 'LF', text: 'a;b\n1;2\n' },
    { case: 'CRLF', text: 'a;b\r\n1;2\r\n' },
    { case: 'CR', text: 'a;b\r1;2\r' },
    { case: 'a byte order mark', text: '\uFEFFa;b\r\n1;2' },
    { case: 'commas', text: 'a,b\n1,2\n' },
  ])('reads $case', ({ text }) => {
    expect(
      splitCsv(text)
        .records.slice(0, 2)
        .map((record) => record.cells.map((cell) => cell.text)),
    ).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('takes the delimiter from the header line only', () => {
    expect(splitCsv('a;b;c\n"1,5";2;3').delimiter).toBe(';');
    expect(splitCsv('a,b,c\n1;5,2,3').delimiter).toBe(',');
  });

  it('turns CRLF inside a quoted cell into one line break and counts the lines', () => {
    const { records } = splitCsv('a;b\r\n"eins\r\nzwei\r\ndrei";x\r\nnext;y\r\n');
    expect(records[1]?.cells.map((cell) => [cell.text, cell.line])).toEqual([
      ['eins\nzwei\ndrei', 2],
      ['x', 4],
    ]);
    expect(records[2]?.line).toBe(5);
  });
});

describe('German numbers and dates', () => {
  it.each([
    ['50000', 50000],
    ['50.000', 50000],
    ['1.250.000', 1250000],
    ['12,5', 12.5],
    ['1.250,75', 1250.75],
    ['0,5', 0.5],
    ['12.5', null],
    ['50.00', null],
    ['1,2,3', null],
    ['-5', null],
    ['fünf', null],
    ['', null],
  ])('%s → %s', (text, value) => {
    expect(parseGermanNumber(text)).toBe(value);
  });

  it('takes a unit the column allows', () => {
    expect(parseGermanNumber('80 %', /\s*%$/)).toBe(80);
    expect(parseGermanNumber('50.000,00 €', /\s*€$/)).toBe(50000);
  });

  it.each([
    ['2026-03-31', '2026-03-31'],
    ['31.03.2026', '2026-03-31'],
    ['1.3.2026', '2026-03-01'],
    ['29.02.2028', '2028-02-29'],
    ['29.02.2026', null],
    ['2026-02-30', null],
    ['31.04.2026', null],
    ['31.03.26', null],
    ['03/31/2026', null],
    ['morgen', null],
  ])('%s → %s', (text, iso) => {
    expect(parseCsvDate(text)).toBe(iso);
  });
});

describe('reading programmes from CSV', () => {
  it('reads a row into a checked programme; empty cells are absent fields', () => {
    expect(programmesOf(readProgrammeCsv(csv([{}])))).toEqual([EXPECTED]);
  });

  it.each([
    { case: 'semicolons, LF', text: csv([{}]) },
    { case: 'commas, CRLF', text: csv([{}], ',', '\r\n') },
    { case: 'a byte order mark', text: `\uFEFF${csv([{}], ';', '\r\n')}` },
    {
      case: 'lists with commas in a quoted cell',
      text: csv([{ targetGroups: 'gefluechtete, frauen_familien', applicants: 'gemeinde,kreis' }]),
    },
    { case: 'ids in another case', text: csv([{ level: 'Land', targetGroups: 'Gefluechtete|Frauen_Familien', deadlineKind: 'Stichtag' }]) },
    { case: 'ISO dates', text: csv([{ deadlineDate: '2026-12-31', lastVerified: '2026-11-01' }]) },
    { case: 'units after the numbers', text: csv([{ fundingRate: '80 %', maxAmount: '50.000,00 €' }]) },
    { case: 'trailing blank and empty rows', text: `${csv([{}])}\n;;;;;;;;;;;;;;;;;;;;\n\n` },
  ])('reads the same programme from $case', ({ text }) => {
    expect(programmesOf(readProgrammeCsv(text))).toEqual([EXPECTED]);
  });

  it('keeps quotes, delimiters and line breaks inside a cell', () => {
    const [programme] = programmesOf(
      readProgrammeCsv(csv([{ summary: 'Kurse; auch "Alpha"-Kurse,\nmit Betreuung' }], ',', '\r\n')),
    ) as Programme[];
    expect(programme?.summary).toBe('Kurse; auch "Alpha"-Kurse,\nmit Betreuung');
  });

  it.each<{ case: string; row: Row; expected: Partial<Programme> }>([
    { case: 'decimal comma', row: { fundingRate: '12,5' }, expected: { fundingRate: 12.5 } },
    { case: 'no rate, no amount', row: { fundingRate: '', maxAmount: '' }, expected: { fundingRate: undefined, maxAmount: undefined } },
    { case: 'laufend without date', row: { deadlineKind: 'laufend', deadlineDate: '' }, expected: { deadline: { kind: 'laufend' } } },
    {
      case: 'beendet with date',
      row: { deadlineKind: 'beendet', deadlineDate: '30.06.2025' },
      expected: { deadline: { kind: 'beendet', date: '2025-06-30' } },
    },
    {
      case: 'next round with the previous deadline',
      row: { deadlineKind: 'naechste_runde', deadlineDate: '15.03.2026' },
      expected: { deadline: { kind: 'naechste_runde', previous: '2026-03-15' } },
    },
    {
      case: 'next round without date',
      row: { deadlineKind: 'naechste_runde', deadlineDate: '' },
      expected: { deadline: { kind: 'naechste_runde' } },
    },
    { case: 'no target group: open to all', row: { targetGroups: '' }, expected: { targetGroups: [] } },
    {
      case: 'size classes and intermediary',
      row: { sizeClasses: 'klein | mittel', viaIntermediary: 'über den Kreis' },
      expected: { sizeClasses: ['klein', 'mittel'], viaIntermediary: 'über den Kreis' },
    },
    { case: 'a repeated list item once', row: { needs: 'sprache|bildung|sprache' }, expected: { needs: ['sprache', 'bildung'] } },
    { case: 'spaces around a cell', row: { title: '  Sprachkurse für Frauen  ' }, expected: { title: 'Sprachkurse für Frauen' } },
  ])('$case', ({ row, expected }) => {
    const [programme] = programmesOf(readProgrammeCsv(csv([row]))) as Programme[];
    expect(programme).toEqual(JSON.parse(JSON.stringify({ ...EXPECTED, ...expected })));
  });

  it('gives each row its line in the file, counting lines inside quoted cells', () => {
    const result = readProgrammeCsv(csv([{ summary: 'eins\nzwei' }, { id: 'zweites' }]));
    expect(result.ok ? result.rows.map((row) => [row.programme.id, row.line]) : result.problems).toEqual([
      ['sprachkurs-frauen', 2],
      ['zweites', 4],
    ]);
  });
});

describe('every problem with line and column', () => {
  it.each<{ case: string; row: Row; problem: string }>([
    {
      case: 'a number with an English decimal point',
      row: { fundingRate: '12.5' },
      problem: 'Zeile 2, Spalte L (fundingRate): „12.5“ ist keine Zahl; so geht es: 50000, 50.000 oder 12,5',
    },
    {
      case: 'an amount in words',
      row: { maxAmount: 'fünfzig' },
      problem: 'Zeile 2, Spalte M (maxAmount): „fünfzig“ ist keine Zahl; so geht es: 50000, 50.000 oder 12,5',
    },
    { case: 'a rate above 100', row: { fundingRate: '120' }, problem: 'Zeile 2, Spalte L (fundingRate): Zu groß' },
    {
      case: 'an impossible date',
      row: { lastVerified: '30.02.2026' },
      problem: 'Zeile 2, Spalte U (lastVerified): „30.02.2026“ ist kein gültiges Datum; so geht es: 2026-03-31 oder 31.03.2026',
    },
    {
      case: 'a deadline date in words',
      row: { deadlineDate: 'Ende März' },
      problem: 'Zeile 2, Spalte P (deadlineDate): „Ende März“ ist kein gültiges Datum',
    },
    {
      case: 'a stichtag without date',
      row: { deadlineDate: '' },
      problem: 'Zeile 2, Spalte P (deadlineDate): bei deadlineKind „stichtag“ gehört das Datum in deadlineDate',
    },
    {
      case: 'laufend with a date',
      row: { deadlineKind: 'laufend' },
      problem: 'Zeile 2, Spalte P (deadlineDate): bei deadlineKind „laufend“ bleibt deadlineDate leer',
    },
    {
      case: 'an unknown deadline kind',
      row: { deadlineKind: 'bald' },
      problem:
        'Zeile 2, Spalte O (deadlineKind): „bald“ ist hier nicht möglich; erlaubt: laufend, stichtag, beendet, jaehrlich, naechste_runde',
    },
    {
      case: 'no deadline kind',
      row: { deadlineKind: '', deadlineDate: '' },
      problem: 'Zeile 2, Spalte O (deadlineKind): Pflichtfeld fehlt',
    },
    {
      case: 'an unknown level',
      row: { level: 'bezirk' },
      problem: 'Zeile 2, Spalte E (level): „bezirk“ ist hier nicht möglich; erlaubt: eu, bund, land, kommune, stiftung',
    },
    {
      case: 'an unknown need in a list',
      row: { needs: 'sprache|sprachkurs' },
      problem: 'Zeile 2, Spalte F (needs): „sprachkurs“ ist hier nicht möglich; erlaubt: wohnen, arbeit, sprache',
    },
    { case: 'no need', row: { needs: '' }, problem: 'Zeile 2, Spalte F (needs): Pflichtfeld fehlt' },
    { case: 'no applicant', row: { applicants: ' | ' }, problem: 'Zeile 2, Spalte H (applicants): Pflichtfeld fehlt' },
    {
      case: 'an unknown size class',
      row: { sizeClasses: 'riesig' },
      problem: 'Zeile 2, Spalte J (sizeClasses): „riesig“ ist hier nicht möglich',
    },
    {
      case: 'an id with spaces',
      row: { id: 'Sprachkurs Frauen' },
      problem: 'Zeile 2, Spalte A (id): muss ein Kürzel aus Kleinbuchstaben, Ziffern und Bindestrichen sein',
    },
    { case: 'no title', row: { title: ' ' }, problem: 'Zeile 2, Spalte B (title): Pflichtfeld fehlt' },
    { case: 'a title that is too long', row: { title: 'x'.repeat(121) }, problem: 'Zeile 2, Spalte B (title): Zu groß' },
    {
      case: 'an http link',
      row: { applicationUrl: 'http://example.org' },
      problem: 'Zeile 2, Spalte Q (applicationUrl): muss eine https-Adresse sein',
    },
    { case: 'no verification date', row: { lastVerified: '' }, problem: 'Zeile 2, Spalte U (lastVerified): Pflichtfeld fehlt' },
  ])('$case', ({ row, problem }) => {
    const problems = problemsOf(readProgrammeCsv(csv([row])));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('reports all problems of all rows at once, in file order, with the line each cell starts on', () => {
    const text = csv([
      { id: 'a', fundingRate: 'viel', summary: 'eins\nzwei' },
      { id: 'b' },
      { id: 'c', level: 'x', lastVerified: 'gestern' },
      { id: 'a' },
    ]);
    expect(problemsOf(readProgrammeCsv(text))).toEqual([
      'Zeile 3, Spalte L (fundingRate): „viel“ ist keine Zahl; so geht es: 50000, 50.000 oder 12,5',
      'Zeile 5, Spalte E (level): „x“ ist hier nicht möglich; erlaubt: eu, bund, land, kommune, stiftung',
      'Zeile 5, Spalte U (lastVerified): „gestern“ ist kein gültiges Datum; so geht es: 2026-03-31 oder 31.03.2026',
      'Zeile 6, Spalte A (id): „a“ steht schon in Zeile 2',
    ]);
  });

  it('reads an age range from the optional ages column, and a file without that column', () => {
    const read = readProgrammeCsv(csv([{ ages: '28-59' }]));
    expect(read.ok ? read.rows[0]?.programme.ages : read.problems).toEqual({ min: 28, max: 59 });
    const withoutAges = [
      CSV_COLUMNS.filter((name) => name !== 'ages').join(';'),
      CSV_COLUMNS.filter((name) => name !== 'ages')
        .map((name) => BASE[name])
        .join(';'),
    ].join('\n');
    expect(readProgrammeCsv(`${withoutAges}\n`).ok).toBe(true);
    expect(problemsOf(readProgrammeCsv(csv([{ ages: 'Erwachsene' }])))).toEqual([
      'Zeile 2, Spalte V (ages): „Erwachsene“ ist keine Altersangabe; so geht es: 28-59, ab 28 oder bis 27',
    ]);
  });

  it('reads the route columns, and a file written before they existed', () => {
    const read = readProgrammeCsv(csv([{ onlyWithOwn: 'Jugendamt', withoutApplication: 'Das Land wählt die Schulen aus.' }]));
    const entry = read.ok ? read.rows[0]?.programme : undefined;
    expect([entry?.onlyWithOwn, entry?.withoutApplication]).toEqual(['jugendamt', 'Das Land wählt die Schulen aus.']);
    const older = CSV_COLUMNS.filter((name) => name !== 'onlyWithOwn' && name !== 'withoutApplication');
    expect(readProgrammeCsv(`${older.join(';')}\n${older.map((name) => BASE[name]).join(';')}\n`).ok).toBe(true);
    expect(problemsOf(readProgrammeCsv(csv([{ onlyWithOwn: 'Sozialamt' }])))).toEqual([
      'Zeile 2, Spalte W (onlyWithOwn): „sozialamt“ ist hier nicht möglich; erlaubt: jugendamt, auslaenderbehoerde',
    ]);
  });

  it('reads a minimum amount in German notation', () => {
    const read = readProgrammeCsv(csv([{ minAmount: '100.000 €', maxAmount: '' }]));
    expect(read.ok ? read.rows[0]?.programme.minAmount : read.problems).toBe(100_000);
    expect(problemsOf(readProgrammeCsv(csv([{ minAmount: '100.000', maxAmount: '50.000' }])))).toEqual([
      'Zeile 2, Spalte Y (minAmount): ist höher als maxAmount',
    ]);
  });

  it('names a row with too few or too many cells', () => {
    const text = `${csv([{}])}kurz;zeile\n${line([...CSV_COLUMNS.map((name) => BASE[name]), 'extra'])}\n`;
    expect(problemsOf(readProgrammeCsv(text))).toEqual([
      'Zeile 3: 2 Zellen statt 25; enthält eine Zelle das Trennzeichen ohne Anführungszeichen?',
      'Zeile 4: 26 Zellen statt 25; enthält eine Zelle das Trennzeichen ohne Anführungszeichen?',
    ]);
  });

  it('reports an unclosed quote and still checks the rows before it', () => {
    const text = `${csv([{ fundingRate: 'x' }])}neu;"Titel ohne Ende;S\nweiter`;
    expect(problemsOf(readProgrammeCsv(text))).toEqual([
      'Zeile 2, Spalte L (fundingRate): „x“ ist keine Zahl; so geht es: 50000, 50.000 oder 12,5',
      'Zeile 3, Spalte B (title): das Anführungszeichen am Anfang der Zelle wird nicht geschlossen',
    ]);
  });

  it('reports text after a closing quote', () => {
    const text = csv([{}]).replace('Land NRW', '"Land" NRW');
    expect(problemsOf(readProgrammeCsv(text))).toEqual([
      'Zeile 2, Spalte D (funder): nach dem schließenden Anführungszeichen folgt noch Text; ein Anführungszeichen in der Zelle wird verdoppelt ("")',
    ]);
  });

  it('refuses a file that is not UTF-8', () => {
    const text = csv([{}, { id: 'b', title: 'F\uFFFDrderung' }]);
    expect(problemsOf(readProgrammeCsv(text))).toEqual([
      'Zeile 3: die Datei ist nicht in UTF-8 gespeichert (Umlaute wären falsch); in Excel bitte „CSV UTF-8 (durch Trennzeichen getrennt)“ wählen',
    ]);
  });
});

describe('header problems', () => {
  const header = (names: readonly string[]) => `${names.join(';')}\n${line(CSV_COLUMNS.map((name) => BASE[name]))}\n`;

  it.each([
    {
      case: 'a misspelt column',
      text: header(CSV_COLUMNS.map((name) => (name === 'lastVerified' ? 'lastverified' : name))),
      problems: [
        'Zeile 1, Spalte U: unbekannte Spalte „lastverified“; gemeint ist wohl „lastVerified“',
        'Zeile 1: es fehlt die Spalte „lastVerified“',
      ],
    },
    {
      case: 'an extra column and two missing ones',
      text: header([...CSV_COLUMNS.filter((name) => name !== 'contact' && name !== 'successor'), 'bemerkung']),
      problems: ['Zeile 1, Spalte X: unbekannte Spalte „bemerkung“', 'Zeile 1: es fehlen die Spalten „contact“, „successor“'],
    },
    {
      case: 'a column twice',
      text: header([...CSV_COLUMNS.filter((name) => name !== 'lastVerified'), 'title']),
      problems: ['Zeile 1, Spalte Y (title): die Spalte „title“ kommt zweimal vor', 'Zeile 1: es fehlt die Spalte „lastVerified“'],
    },
    {
      case: 'a column without a name',
      text: header([...CSV_COLUMNS.filter((name) => name !== 'lastVerified'), '']),
      problems: ['Zeile 1, Spalte Y: Spalte ohne Namen', 'Zeile 1: es fehlt die Spalte „lastVerified“'],
    },
    { case: 'an empty file', text: '', problems: ['Zeile 1: die Datei ist leer; die erste Zeile muss die Spaltennamen enthalten'] },
    {
      case: 'blank lines only',
      text: '\r\n\r\n',
      problems: ['Zeile 1: die Datei ist leer; die erste Zeile muss die Spaltennamen enthalten'],
    },
    { case: 'a header without rows', text: `${CSV_COLUMNS.join(';')}\n`, problems: ['Zeile 1: nach der Kopfzeile folgt kein Programm'] },
  ])('$case', ({ text, problems }) => {
    expect(problemsOf(readProgrammeCsv(text))).toEqual(problems);
  });

  it('accepts the columns in any order', () => {
    const reversed = [...CSV_COLUMNS].reverse();
    const text = `${reversed.join(',')}\r\n${line(
      reversed.map((name) => BASE[name]),
      ',',
    )}\r\n`;
    expect(programmesOf(readProgrammeCsv(text))).toEqual([EXPECTED]);
  });
});
