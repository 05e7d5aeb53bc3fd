import { describe, expect, it } from 'vitest';
import { validateProgrammes } from '../../src/domain/programme.js';
import { programme } from '../support/programmeBuilder.js';

const FILE = 'data/programmes.json';
const problemsOf = (entry: Record<string, unknown>) => {
  const result = validateProgrammes({ programmes: [entry] }, FILE);
  return result.ok ? [] : result.problems;
};

describe('each kind of invalid entry names file, entry and field', () => {
  const valid = programme({ id: 'kim' });
  it.each([
    { kind: 'missing title', entry: { ...valid, title: undefined }, field: 'title', message: 'Pflichtfeld fehlt' },
    { kind: 'empty summary', entry: { ...valid, summary: '  ' }, field: 'summary', message: 'darf nicht leer sein' },
    { kind: 'unknown level', entry: { ...valid, level: 'bezirk' }, field: 'level', message: 'Ungültige Option' },
    { kind: 'unknown need id', entry: { ...valid, needs: ['sprache', 'spache'] }, field: 'needs[1]', message: 'Ungültige Option' },
    { kind: 'no need', entry: { ...valid, needs: [] }, field: 'needs', message: 'mindestens ein Handlungsfeld' },
    {
      kind: 'unknown target group',
      entry: { ...valid, targetGroups: ['senioren'] },
      field: 'targetGroups[0]',
      message: 'Ungültige Option',
    },
    { kind: 'unknown applicant', entry: { ...valid, applicants: ['land'] }, field: 'applicants[0]', message: 'Ungültige Option' },
    { kind: 'unknown size class', entry: { ...valid, sizeClasses: ['riesig'] }, field: 'sizeClasses[0]', message: 'Ungültige Option' },
    { kind: 'rate above 100 %', entry: { ...valid, fundingRate: 120 }, field: 'fundingRate', message: 'Zu groß' },
    { kind: 'amount as text', entry: { ...valid, maxAmount: '5000' }, field: 'maxAmount', message: 'erwartet Zahl' },
    {
      kind: 'deadline without date',
      entry: { ...valid, deadline: { kind: 'stichtag' } },
      field: 'deadline.date',
      message: 'Pflichtfeld fehlt',
    },
    {
      kind: 'impossible date',
      entry: { ...valid, deadline: { kind: 'stichtag', date: '2026-02-30' } },
      field: 'deadline.date',
      message: 'JJJJ-MM-TT',
    },
    { kind: 'unknown deadline kind', entry: { ...valid, deadline: { kind: 'bald' } }, field: 'deadline.kind', message: '' },
    { kind: 'http link', entry: { ...valid, applicationUrl: 'http://example.org' }, field: 'applicationUrl', message: 'https' },
    { kind: 'javascript link', entry: { ...valid, sourceUrl: 'javascript:alert(1)' }, field: 'sourceUrl', message: 'https' },
    { kind: 'id with spaces', entry: { ...valid, id: 'Kim NRW' }, field: 'id', message: 'Kürzel' },
    { kind: 'unknown field', entry: { ...valid, foerderquote: 80 }, field: null, message: 'foerderquote' },
    { kind: 'bad verification date', entry: { ...valid, lastVerified: 'gestern' }, field: 'lastVerified', message: 'JJJJ-MM-TT' },
  ])('$kind', ({ entry, field, message }) => {
    const [problem, ...rest] = problemsOf(entry);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: FILE, field });
    expect(problem?.entry).toBe(typeof entry.id === 'string' ? entry.id : null);
    expect(problem?.message).toContain(message);
  });

  it('names an entry without an id by its position', () => {
    const result = validateProgrammes({ programmes: [programme({ id: 'a' }), { ...programme({ id: 'b' }), id: undefined }] }, FILE);
    expect(result.ok ? [] : result.problems).toEqual([{ file: FILE, entry: 'Eintrag 2', field: 'id', message: 'Pflichtfeld fehlt' }]);
  });

  it('reports every problem at once', () => {
    const result = validateProgrammes(
      {
        programmes: [
          { ...programme({ id: 'a' }), level: 'x' },
          { ...programme({ id: 'b' }), needs: [] },
        ],
      },
      FILE,
    );
    expect(result.ok ? [] : result.problems.map((problem) => `${problem.entry}/${problem.field}`)).toEqual(['a/level', 'b/needs']);
  });

  it('finds duplicate ids and successors that do not exist', () => {
    const result = validateProgrammes(
      { programmes: [programme({ id: 'a' }), programme({ id: 'a' }), programme({ id: 'old', successor: 'new' })] },
      FILE,
    );
    expect(result.ok ? [] : result.problems).toEqual([
      { file: FILE, entry: 'a', field: 'id', message: 'kommt mehrfach vor' },
      { file: FILE, entry: 'old', field: 'successor', message: 'verweist auf unbekanntes Programm "new"' },
    ]);
  });

  it.each([
    { shape: 'a bare list', data: [programme({ id: 'a' })] },
    { shape: 'null', data: null },
    { shape: 'programmes not a list', data: { programmes: {} } },
  ])('refuses $shape at the top level', ({ data }) => {
    const result = validateProgrammes(data, FILE);
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.problems[0]?.file).toBe(FILE);
  });

  it('accepts a valid store with a $schema reference', () => {
    const result = validateProgrammes({ $schema: './programmes.schema.json', programmes: [programme({ id: 'a' })] }, FILE);
    expect(result.ok).toBe(true);
  });
});

describe('amounts', () => {
  it('refuses a minimum above the maximum, naming entry and field', () => {
    const result = validateProgrammes(
      { programmes: [programme({ id: 'a', minAmount: 50_000, maxAmount: 20_000 })] },
      'data/programmes.json',
    );
    expect(result.ok ? [] : result.problems).toEqual([
      { file: 'data/programmes.json', entry: 'a', field: 'minAmount', message: 'ist höher als maxAmount' },
    ]);
  });
});
