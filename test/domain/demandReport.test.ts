import { describe, expect, it } from 'vitest';
import type { DemandEvent } from '../../src/domain/demand.js';
import { type DemandReport, type DemandRow, demandReport } from '../../src/domain/demandReport.js';
import { renderReport } from '../../src/cli/renderReport.js';
import type { NeedId, SizeClassId, TargetGroupId } from '../../src/domain/taxonomy.js';

const PERIOD = { from: '2026-01-01', to: '2026-03-31' };
const NO_TITLES: ReadonlyMap<string, string> = new Map();

const search = (
  needs: NeedId[],
  targetGroups: TargetGroupId[],
  sizeClass: SizeClassId | null,
  openHits = 1,
  date = '2026-01-10',
): DemandEvent => ({
  kind: 'search',
  date,
  needs,
  targetGroups,
  sizeClass,
  openHits,
});
const watch = (programmeId: string, date = '2026-01-10'): DemandEvent => ({ kind: 'watch', date, programmeId });
const feedback = (
  helpful: boolean,
  comment: string | undefined,
  date = '2026-01-10',
  profile: { needs?: NeedId[]; targetGroups?: TargetGroupId[]; sizeClass?: SizeClassId | null } = {},
): DemandEvent => ({
  kind: 'feedback',
  date,
  helpful,
  ...(comment === undefined ? {} : { comment }),
  needs: profile.needs ?? [],
  targetGroups: profile.targetGroups ?? [],
  sizeClass: profile.sizeClass ?? null,
});

/** "need|targetGroup|size searches/unmet", "-" for a question left open. */
const rowText = (row: DemandRow) => `${row.need ?? '-'}|${row.targetGroup ?? '-'}|${row.sizeClass ?? '-'} ${row.searches}/${row.unmet}`;

describe('demandReport: searches per need × target group × size class', () => {
  it.each<[string, DemandEvent[], string[]]>([
    ['one search, one of each', [search(['sprache'], ['gefluechtete'], 'klein')], ['sprache|gefluechtete|klein 1/0']],
    [
      'two needs count for each need',
      [search(['sprache', 'arbeit'], ['gefluechtete'], 'klein')],
      ['arbeit|gefluechtete|klein 1/0', 'sprache|gefluechtete|klein 1/0'],
    ],
    [
      'two needs and two target groups make four rows',
      [search(['wohnen', 'sprache'], ['gefluechtete', 'frauen_familien'], 'kreis', 0)],
      [
        'wohnen|gefluechtete|kreis 1/1',
        'wohnen|frauen_familien|kreis 1/1',
        'sprache|gefluechtete|kreis 1/1',
        'sprache|frauen_familien|kreis 1/1',
      ],
    ],
    ['no target group and no size are "ohne Angabe"', [search(['beratung'], [], null)], ['beratung|-|- 1/0']],
    ['no need is "ohne Angabe" too', [search([], ['alle'], 'grossstadt', 0)], ['-|alle|grossstadt 1/1']],
    ['a need listed twice counts once', [search(['sprache', 'sprache'], [], null)], ['sprache|-|- 1/0']],
    [
      'equal combinations add up; openHits 0 is unmet',
      [
        search(['sprache'], [], 'klein', 3),
        search(['sprache'], [], 'klein', 0),
        search(['sprache'], [], 'klein', 0),
        search(['sprache'], [], 'mittel', 0),
      ],
      ['sprache|-|klein 3/2', 'sprache|-|mittel 1/1'],
    ],
    [
      'most searched first, then in the order of the taxonomy with "ohne Angabe" last',
      [
        search(['personal'], [], null),
        search(['personal'], [], null),
        search(['wohnen'], [], null),
        search(['wohnen'], ['alle'], null),
        search(['wohnen'], [], 'kreis'),
      ],
      ['personal|-|- 2/0', 'wohnen|alle|- 1/0', 'wohnen|-|kreis 1/0', 'wohnen|-|- 1/0'],
    ],
    [
      'events outside the period and events of other kinds are left out',
      [
        search(['sprache'], [], null, 1, '2025-12-31'),
        search(['sprache'], [], null, 1, '2026-04-01'),
        search(['arbeit'], [], null, 1, '2026-03-31'),
        watch('x'),
        feedback(true, 'gut'),
      ],
      ['arbeit|-|- 1/0'],
    ],
  ])('%s', (_case, events, rows) => {
    expect(demandReport(events, PERIOD, NO_TITLES).demand.map(rowText)).toEqual(rows);
  });

  it('counts searches, not rows, in the totals', () => {
    const report = demandReport(
      [search(['sprache', 'arbeit'], ['gefluechtete', 'alle'], null, 0), search(['wohnen'], [], null, 2)],
      PERIOD,
      NO_TITLES,
    );
    expect([report.searches, report.unmetSearches]).toEqual([2, 1]);
  });
});

describe('demandReport: unmet demand', () => {
  it('lists only combinations with unmet searches, most unmet first, then most searched', () => {
    const events = [
      search(['wohnen'], [], 'klein', 4),
      search(['sprache'], ['gefluechtete'], null, 0),
      search(['sprache'], ['gefluechtete'], null, 1),
      search(['arbeit'], [], 'kreis', 0),
      search(['rueckkehr'], [], null, 0),
      search(['rueckkehr'], [], null, 0),
    ];
    expect(demandReport(events, PERIOD, NO_TITLES).unmet.map(rowText)).toEqual([
      'rueckkehr|-|- 2/2',
      'sprache|gefluechtete|- 2/1',
      'arbeit|-|kreis 1/1',
    ]);
  });
});

describe('demandReport: most watched programmes', () => {
  it('counts watch events per programme, most first, with the title, and null for an id no longer in the catalogue', () => {
    const titles = new Map([
      ['sprachkurs-frauen', 'Sprachkurse für Frauen'],
      ['kim', 'Kommunales Integrationsmanagement'],
    ]);
    const events = [
      watch('kim'),
      watch('sprachkurs-frauen'),
      watch('kim'),
      watch('weg-programm'),
      watch('kim'),
      watch('sprachkurs-frauen'),
      watch('kim', '2025-06-01'),
    ];
    expect(demandReport(events, PERIOD, titles).watched).toEqual([
      { programmeId: 'kim', title: 'Kommunales Integrationsmanagement', count: 3 },
      { programmeId: 'sprachkurs-frauen', title: 'Sprachkurse für Frauen', count: 2 },
      { programmeId: 'weg-programm', title: null, count: 1 },
    ]);
  });
});

describe('demandReport: feedback', () => {
  it.each<[string, DemandEvent[], number, number, number | null]>([
    ['no feedback', [search(['sprache'], [], null)], 0, 0, null],
    ['all helpful', [feedback(true, undefined), feedback(true, 'gut')], 2, 0, 1],
    [
      'one of four helpful',
      [feedback(true, undefined), feedback(false, undefined), feedback(false, 'nein'), feedback(false, undefined)],
      1,
      3,
      0.25,
    ],
  ])('%s', (_case, events, helpful, notHelpful, share) => {
    expect(demandReport(events, PERIOD, NO_TITLES).feedback).toMatchObject({ helpful, notHelpful, helpfulShare: share });
  });

  it('gives the comments in date order with date, verdict and profile; blank comments are left out', () => {
    const events = [
      feedback(false, '  Nichts für Kreise  ', '2026-02-03', { sizeClass: 'kreis' }),
      feedback(true, '   ', '2026-01-05'),
      feedback(true, 'Danke', '2026-01-10', { needs: ['sprache'], targetGroups: ['gefluechtete'], sizeClass: 'klein' }),
    ];
    expect(demandReport(events, PERIOD, NO_TITLES).feedback.comments).toEqual([
      { date: '2026-01-10', helpful: true, comment: 'Danke', needs: ['sprache'], targetGroups: ['gefluechtete'], sizeClass: 'klein' },
      { date: '2026-02-03', helpful: false, comment: 'Nichts für Kreise', needs: [], targetGroups: [], sizeClass: 'kreis' },
    ]);
  });
});

describe('renderReport', () => {
  const events: DemandEvent[] = [
    search(['sprache'], ['gefluechtete'], 'klein', 2, '2026-01-10'),
    search(['sprache', 'arbeit'], ['gefluechtete'], 'klein', 0, '2026-01-11'),
    search(['wohnen'], [], null, 0, '2026-02-01'),
    search(['wohnen'], [], null, 0, '2025-12-31'),
    watch('sprachkurs-frauen', '2026-01-10'),
    watch('alt-programm', '2026-01-12'),
    watch('sprachkurs-frauen', '2026-01-13'),
    feedback(true, 'Sehr hilfreich | danke', '2026-01-10', { needs: ['sprache'], targetGroups: ['gefluechtete'], sizeClass: 'klein' }),
    feedback(false, undefined, '2026-02-02'),
    feedback(false, 'Nichts für *Kreise*; bitte "KIM" ergänzen', '2026-02-03', { sizeClass: 'kreis' }),
  ];
  const report = demandReport(events, PERIOD, new Map([['sprachkurs-frauen', 'Sprachkurse für Frauen']]));

  it('writes Markdown with German headings, labels and dates', () => {
    expect(renderReport(report, 'md')).toBe(`# Bedarfsbericht des Förderlotsen NRW

Zeitraum: 01.01.2026 bis 31.03.2026

3 Suchen, davon 2 ohne offenes Programm.

## Nachfrage nach Handlungsfeld, Zielgruppe und Größe

Eine Suche mit mehreren Handlungsfeldern oder Zielgruppen zählt in jeder passenden Zeile.

| Handlungsfeld | Zielgruppe | Größe | Suchen | davon ohne offenes Programm |
| --- | --- | --- | ---: | ---: |
| Sprache | Geflüchtete | Gemeinde unter 25.000 Einwohnern | 2 | 1 |
| Wohnen & Unterbringung | ohne Angabe | ohne Angabe | 1 | 1 |
| Arbeit & Ausbildung | Geflüchtete | Gemeinde unter 25.000 Einwohnern | 1 | 1 |

## Suchen ohne offenes Programm (ungedeckter Bedarf)

Kombinationen, zu denen mindestens eine Suche kein offenes Programm fand, die häufigsten zuerst.

| Handlungsfeld | Zielgruppe | Größe | Suchen ohne offenes Programm | Suchen insgesamt |
| --- | --- | --- | ---: | ---: |
| Sprache | Geflüchtete | Gemeinde unter 25.000 Einwohnern | 1 | 2 |
| Wohnen & Unterbringung | ohne Angabe | ohne Angabe | 1 | 1 |
| Arbeit & Ausbildung | Geflüchtete | Gemeinde unter 25.000 Einwohnern | 1 | 1 |

## Meistgemerkte Programme

| Programm | Kennung | gemerkt |
| --- | --- | ---: |
| Sprachkurse für Frauen | sprachkurs-frauen | 2 |
| alt-programm (nicht mehr im Programmbestand) | alt-programm | 1 |

## Rückmeldungen

Hilfreich: 1 · Nicht hilfreich: 2 · Anteil hilfreich: 33 %

| Datum | Hilfreich | Suche | Kommentar |
| --- | --- | --- | --- |
| 10.01.2026 | ja | Sprache · Geflüchtete · Gemeinde unter 25.000 Einwohnern | Sehr hilfreich \\| danke |
| 03.02.2026 | nein | Kreis | Nichts für \\*Kreise\\*; bitte "KIM" ergänzen |
`);
  });

  it('writes CSV as one table with a section column, ISO dates and quoted fields', () => {
    expect(renderReport(report, 'csv')).toBe(
      [
        'abschnitt;handlungsfeld;zielgruppe;groesse;programm_id;programm;suchen;ohne_offenes_programm;anzahl;datum;hilfreich;kommentar',
        'zeitraum_von;;;;;;;;;2026-01-01;;',
        'zeitraum_bis;;;;;;;;;2026-03-31;;',
        'summe;;;;;;3;2;;;;',
        'nachfrage;Sprache;Geflüchtete;Gemeinde unter 25.000 Einwohnern;;;2;1;;;;',
        'nachfrage;Wohnen & Unterbringung;ohne Angabe;ohne Angabe;;;1;1;;;;',
        'nachfrage;Arbeit & Ausbildung;Geflüchtete;Gemeinde unter 25.000 Einwohnern;;;1;1;;;;',
        'ungedeckt;Sprache;Geflüchtete;Gemeinde unter 25.000 Einwohnern;;;2;1;;;;',
        'ungedeckt;Wohnen & Unterbringung;ohne Angabe;ohne Angabe;;;1;1;;;;',
        'ungedeckt;Arbeit & Ausbildung;Geflüchtete;Gemeinde unter 25.000 Einwohnern;;;1;1;;;;',
        'gemerkt;;;;sprachkurs-frauen;Sprachkurse für Frauen;;;2;;;',
        'gemerkt;;;;alt-programm;alt-programm (nicht mehr im Programmbestand);;;1;;;',
        'rueckmeldung;;;;;;;;1;;ja;',
        'rueckmeldung;;;;;;;;2;;nein;',
        'kommentar;Sprache;Geflüchtete;Gemeinde unter 25.000 Einwohnern;;;;;;2026-01-10;ja;Sehr hilfreich | danke',
        'kommentar;ohne Angabe;ohne Angabe;Kreis;;;;;;2026-02-03;nein;"Nichts für *Kreise*; bitte ""KIM"" ergänzen"',
        '',
      ].join('\r\n'),
    );
  });

  it.each([
    ['plain text stays as it is', 'Alles gut, danke', 'Alles gut, danke'],
    ['a semicolon is quoted', 'gut; schnell', '"gut; schnell"'],
    ['quotes are doubled inside quotes', 'das "KIM"-Programm', '"das ""KIM""-Programm"'],
    ['a line break is quoted', 'Zeile 1\nZeile 2', '"Zeile 1\nZeile 2"'],
    ['a formula is kept as text', '=HYPERLINK("https://example.org")', `"'=HYPERLINK(""https://example.org"")"`],
    ['a leading minus is kept as text', '-1 Stern', "'-1 Stern"],
  ])('CSV comment: %s', (_case, comment, field) => {
    const csv = renderReport(demandReport([feedback(true, comment, '2026-01-10', { sizeClass: 'klein' })], PERIOD, NO_TITLES), 'csv');
    expect(csv.split('\r\n').at(-2)).toBe(`kommentar;ohne Angabe;ohne Angabe;Gemeinde unter 25.000 Einwohnern;;;;;;2026-01-10;ja;${field}`);
  });

  it('keeps a Markdown table whole when a comment has line breaks and markup', () => {
    const md = renderReport(
      demandReport([feedback(true, 'Zeile 1\r\nZeile 2 <b>fett</b> [Link](x)', '2026-01-10')], PERIOD, NO_TITLES),
      'md',
    );
    expect(md).toContain('| 10.01.2026 | ja | ohne Angabe | Zeile 1 Zeile 2 \\<b\\>fett\\</b\\> \\[Link\\](x) |\n');
  });

  it('says so when a section has nothing to show', () => {
    const empty: DemandReport = demandReport([], PERIOD, NO_TITLES);
    const md = renderReport(empty, 'md');
    expect(md).toContain('0 Suchen, davon 0 ohne offenes Programm.');
    for (const line of [
      'Im Zeitraum wurde nicht gesucht.',
      'Jede Suche fand mindestens ein offenes Programm.',
      'Im Zeitraum wurde kein Programm gemerkt.',
      'Im Zeitraum gab es keine Rückmeldungen.',
    ]) {
      expect(md).toContain(`\n\n${line}\n`);
    }
    expect(md).not.toContain('|');
    expect(renderReport(empty, 'csv').split('\r\n')).toHaveLength(7);
  });
});
