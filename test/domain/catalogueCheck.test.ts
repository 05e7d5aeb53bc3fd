import { describe, expect, it } from 'vitest';
import {
  type Finding,
  MIN_USABLE_PER_NEED,
  STALE_AFTER_DAYS,
  checkCatalogue,
  exitCodeFor,
  isUsable,
} from '../../src/domain/catalogueCheck.js';
import type { Programme } from '../../src/domain/programme.js';
import { NEEDS } from '../../src/domain/taxonomy.js';
import { dataTexts } from '../../src/texts/cli.js';
import { programme } from '../support/programmeBuilder.js';

const TODAY = '2026-11-26';
const FILE = 'data/programmes.json';
const ALL_NEEDS = NEEDS.map((need) => need.id);

/** Three usable programmes for every need, so that a case only shows the findings it is about. */
const FILLER = [1, 2, 3].map((n) => programme({ id: `filler-${n}`, needs: [...ALL_NEEDS] }));

const check = (entries: readonly unknown[]) => checkCatalogue({ programmes: [...FILLER, ...entries] }, FILE, TODAY);
const brief = (finding: Finding) => `${finding.severity} ${finding.kind} ${finding.entry ?? '-'} ${finding.field ?? '-'}`;

describe('data:check findings', () => {
  it.each<{ case: string; entries: unknown[]; findings: string[] }>([
    { case: 'a clean catalogue', entries: [programme({ id: 'a' })], findings: [] },
    { case: 'checked exactly 180 days ago', entries: [programme({ id: 'a', lastVerified: '2026-05-30' })], findings: [] },
    {
      case: 'checked 181 days ago',
      entries: [programme({ id: 'a', lastVerified: '2026-05-29' })],
      findings: ['warning stale a lastVerified'],
    },
    { case: 'checked today', entries: [programme({ id: 'a', lastVerified: TODAY })], findings: [] },
    {
      case: 'checked tomorrow',
      entries: [programme({ id: 'a', lastVerified: '2026-11-27' })],
      findings: ['error verifiedInFuture a lastVerified'],
    },
    { case: 'a stichtag today', entries: [programme({ id: 'a', deadline: { kind: 'stichtag', date: TODAY } })], findings: [] },
    {
      case: 'a stichtag yesterday',
      entries: [programme({ id: 'a', deadline: { kind: 'stichtag', date: '2026-11-25' } })],
      findings: ['warning deadlinePassed a deadline'],
    },
    {
      case: 'a past date marked beendet',
      entries: [programme({ id: 'a', deadline: { kind: 'beendet', date: '2025-01-01' } })],
      findings: [],
    },
    {
      case: 'a past round marked naechste_runde',
      entries: [programme({ id: 'a', deadline: { kind: 'naechste_runde', previous: '2025-01-01' } })],
      findings: [],
    },
    {
      case: 'the same title in other case and spacing',
      entries: [programme({ id: 'a', title: 'KOMM-AN NRW' }), programme({ id: 'b', title: ' komm-an  nrw ' })],
      findings: ['warning duplicateTitle b title'],
    },
    {
      case: 'the same title and application address: one programme entered twice',
      entries: [
        programme({ id: 'a', title: 'Heimat-Scheck', applicationUrl: 'https://www.heimat.nrw/scheck' }),
        programme({
          id: 'b',
          title: 'Heimat-Scheck',
          applicationUrl: 'https://WWW.heimat.nrw/scheck/#antrag',
          sourceUrl: 'https://example.org/a',
        }),
      ],
      findings: ['error duplicateEntry b title'],
    },
    {
      case: 'a shared application portal',
      entries: [
        programme({ id: 'a', applicationUrl: 'https://foerderportal.nrw/' }),
        programme({ id: 'b', applicationUrl: 'https://foerderportal.nrw' }),
      ],
      findings: ['warning sharedApplicationUrl b applicationUrl'],
    },
    {
      case: "a funder's overview page as source of three programmes",
      entries: ['a', 'b', 'c'].map((id) => programme({ id, sourceUrl: 'https://www.mkjfgfi.nrw/foerderung' })),
      findings: ['warning sharedSourceUrl b sourceUrl', 'warning sharedSourceUrl c sourceUrl'],
    },
    {
      case: 'a successor that has ended itself',
      entries: [
        programme({ id: 'old', deadline: { kind: 'beendet', date: '2024-12-31' }, successor: 'new' }),
        programme({ id: 'new', deadline: { kind: 'beendet', date: '2025-12-31' } }),
      ],
      findings: ['warning successorEnded old successor'],
    },
    {
      case: 'a successor that is open',
      entries: [programme({ id: 'old', deadline: { kind: 'beendet', date: '2024-12-31' }, successor: 'new' }), programme({ id: 'new' })],
      findings: [],
    },
    {
      case: 'a duplicate id',
      entries: [programme({ id: 'a' }), programme({ id: 'a', title: 'Anderes Programm' })],
      findings: ['error invalid a id'],
    },
    {
      case: 'a broken entry beside one to look at: both are reported',
      entries: [{ ...programme({ id: 'a' }), summary: undefined }, programme({ id: 'b', lastVerified: '2025-01-01' })],
      findings: ['error invalid a summary', 'warning stale b lastVerified'],
    },
    {
      case: 'a successor that does not exist',
      entries: [programme({ id: 'a', successor: 'fehlt' })],
      findings: ['error invalid a successor'],
    },
    {
      case: 'an office of its own where no Gemeinde applies beside its Kreis',
      entries: [programme({ id: 'a', applicants: ['kreis', 'kreisfreie_stadt'], onlyWithOwn: 'jugendamt' })],
      findings: ['warning ownOfficeWithoutRoute a onlyWithOwn'],
    },
  ])('$case', ({ entries, findings }) => {
    expect(check(entries).findings.map(brief)).toEqual(findings);
  });

  it('gives the details an editor needs', () => {
    const { findings } = check([
      programme({ id: 'a', lastVerified: '2026-01-01', deadline: { kind: 'stichtag', date: '2026-10-31' } }),
      programme({ id: 'b', title: 'Programm a', applicationUrl: 'https://example.org/a' }),
    ]);
    expect(findings).toEqual([
      { severity: 'warning', kind: 'stale', entry: 'a', field: 'lastVerified', lastVerified: '2026-01-01', days: 329 },
      { severity: 'warning', kind: 'deadlinePassed', entry: 'a', field: 'deadline', date: '2026-10-31' },
      { severity: 'error', kind: 'duplicateEntry', entry: 'b', field: 'title', of: 'a' },
    ]);
    expect(findings.map(dataTexts.check.finding)).toEqual([
      'Eintrag „a“, Feld „lastVerified“: zuletzt geprüft am 01.01.2026, vor 329 Tagen; bitte an der Quelle nachsehen und lastVerified aktualisieren',
      'Eintrag „a“, Feld „deadline“: Frist abgelaufen (31.10.2026), aber nicht als beendet, naechste_runde oder jaehrlich markiert',
      'Eintrag „b“, Feld „title“: doppelt: gleicher Titel und gleiche Antragsadresse wie „a“; einen der beiden Einträge löschen',
    ]);
  });

  it('reports only the top level when the file is not a programme list', () => {
    const { findings, summary } = checkCatalogue([programme({ id: 'a' })], FILE, TODAY);
    expect(findings.filter((finding) => finding.kind !== 'thinNeed').map(brief)).toEqual(['error invalid - -']);
    expect(summary.programmes).toBe(0);
  });

  it('keeps the thresholds the editors were told about', () => {
    expect([STALE_AFTER_DAYS, MIN_USABLE_PER_NEED]).toEqual([180, 3]);
  });
});

describe('usable programmes per need', () => {
  const sprache = (id: string, overrides: Partial<Programme> = {}) => programme({ id, needs: ['sprache'], ...overrides });

  it.each<{ case: string; entry: Programme; usable: boolean }>([
    { case: 'a Gemeinde applies', entry: sprache('a', { applicants: ['gemeinde'] }), usable: true },
    { case: 'a Kreis applies', entry: sprache('a', { applicants: ['kreis'] }), usable: true },
    { case: 'a kreisfreie Stadt applies', entry: sprache('a', { applicants: ['kreisfreie_stadt'] }), usable: true },
    { case: 'only associations apply', entry: sprache('a', { applicants: ['verein', 'freier_traeger'] }), usable: false },
    {
      case: 'associations apply, municipalities through an intermediary',
      entry: sprache('a', { applicants: ['verein'], viaIntermediary: 'über das KI' }),
      usable: true,
    },
    { case: 'ended', entry: sprache('a', { deadline: { kind: 'beendet', date: '2026-01-01' } }), usable: false },
    { case: 'stichtag passed', entry: sprache('a', { deadline: { kind: 'stichtag', date: '2026-11-25' } }), usable: false },
    { case: 'stichtag today', entry: sprache('a', { deadline: { kind: 'stichtag', date: TODAY } }), usable: true },
    { case: 'next round not announced', entry: sprache('a', { deadline: { kind: 'naechste_runde' } }), usable: true },
  ])('$case → usable: $usable', ({ entry, usable }) => {
    expect(isUsable(entry, TODAY)).toBe(usable);
  });

  it('warns about every need with fewer than three usable programmes, naming need and count', () => {
    const { findings, summary } = checkCatalogue(
      {
        programmes: [
          sprache('a'),
          sprache('b', { applicants: ['verein'], viaIntermediary: 'über den Kreis' }),
          sprache('c', { applicants: ['verein'] }),
          sprache('d', { deadline: { kind: 'beendet', date: '2026-01-01' } }),
          programme({ id: 'e', needs: ['wohnen', 'sprache'] }),
          programme({ id: 'f', needs: ['wohnen'] }),
        ],
      },
      FILE,
      TODAY,
    );
    expect(summary.programmes).toBe(6);
    expect(summary.usable).toBe(4);
    expect(summary.usablePerNeed).toMatchObject({ sprache: 3, wohnen: 2, arbeit: 0 });
    const thin = findings.filter((finding) => finding.kind === 'thinNeed');
    expect(thin.map((finding) => (finding.kind === 'thinNeed' ? `${finding.need}:${finding.count}` : ''))).toEqual(
      ALL_NEEDS.filter((need) => need !== 'sprache').map((need) => `${need}:${need === 'wohnen' ? 2 : 0}`),
    );
    expect(thin.every((finding) => finding.severity === 'warning' && finding.entry === null)).toBe(true);
    expect(dataTexts.check.finding(thin[0]!)).toBe(
      'Handlungsfeld „Wohnen & Unterbringung“ (wohnen): nur 2 Programme nutzbar, mindestens 3 wären gut',
    );
    expect(dataTexts.check.finding(thin[1]!)).toBe(
      'Handlungsfeld „Arbeit & Ausbildung“ (arbeit): kein nutzbares Programm, mindestens 3 wären gut',
    );
  });
});

describe('exit code', () => {
  const warning: Finding = { severity: 'warning', kind: 'deadlinePassed', entry: 'a', field: 'deadline', date: '2026-01-01' };
  const error: Finding = { severity: 'error', kind: 'verifiedInFuture', entry: 'b', field: 'lastVerified', lastVerified: '2027-01-01' };
  it.each([
    { case: 'no findings', findings: [], code: 0 },
    { case: 'warnings only', findings: [warning, warning], code: 0 },
    { case: 'one error among warnings', findings: [warning, error], code: 1 },
  ])('$case → $code', ({ findings, code }) => {
    expect(exitCodeFor(findings)).toBe(code);
  });

  it('is 1 for a schema problem and 0 for a stale entry', () => {
    expect(exitCodeFor(check([{ ...programme({ id: 'a' }), level: 'bezirk' }]).findings)).toBe(1);
    expect(exitCodeFor(check([programme({ id: 'a', lastVerified: '2020-01-01' })]).findings)).toBe(0);
  });
});

describe('coverage gaps', () => {
  const forKreise = programme({ id: 'kreise', needs: ['gesundheit'], targetGroups: ['alle'], applicants: ['kreis', 'kreisfreie_stadt'] });
  const byProviders = programme({
    id: 'traeger',
    needs: ['rueckkehr'],
    targetGroups: ['gefluechtete'],
    applicants: ['freier_traeger'],
    viaIntermediary: 'Über Beratungsstellen.',
  });
  const { gaps } = checkCatalogue({ programmes: [forKreise, byProviders] }, FILE, TODAY).summary;
  const gapOf = (need: string, kind: string) => gaps.find((gap) => gap.need === need && gap.kind === kind)?.targetGroups;

  it('names need, kind of municipality and groups where it can apply for nothing itself', () => {
    expect(gapOf('gesundheit', 'kreis')).toBeUndefined();
    expect(gapOf('gesundheit', 'kreisfrei')).toBeUndefined();
    expect(gapOf('gesundheit', 'kreisangehoerig')).toHaveLength(7);
    // A programme through providers is something, but not something of its own.
    expect(gapOf('rueckkehr', 'kreis')).toHaveLength(7);
  });

  it('says them in the summary, one line per kind of municipality', () => {
    const lines = dataTexts.check.summary(checkCatalogue({ programmes: [forKreise, byProviders] }, FILE, TODAY).summary);
    expect(lines).toContain('Kleine kreisangehörige Gemeinde: Wohnen (alle Zielgruppen)');
    expect(lines).toMatch(/Kreis: .*Rückkehr \(alle Zielgruppen\)/);
  });
});
