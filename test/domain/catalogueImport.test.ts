import { describe, expect, it } from 'vitest';
import { changedFields, planImport } from '../../src/domain/catalogueImport.js';
import { CSV_COLUMNS } from '../../src/domain/programmeCsv.js';
import { dataTexts } from '../../src/texts/cli.js';
import { programme } from '../support/programmeBuilder.js';
import { csvRow } from '../support/programmeCsvRow.js';

const FILE = 'data/programmes.json';
const HEADER = CSV_COLUMNS.join(';');
const row = csvRow;
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

describe('planning an import', () => {
  const current = {
    $schema: './programmes.schema.json',
    programmes: [programme({ id: 'a' }), programme({ id: 'b', contact: 'Frau Muster' }), programme({ id: 'c' })],
  };

  it('replaces by id, appends new ids, keeps the rest and the $schema key', () => {
    const plan = planImport(current, csv(row('d'), row('b', { title: 'Neuer Titel' })), FILE);
    if (!plan.ok) throw new Error(JSON.stringify(plan));
    expect(Object.keys(plan.data)).toEqual(['$schema', 'programmes']);
    const programmes = plan.data.programmes as { id: string }[];
    expect(programmes.map((entry) => entry.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(programmes[0]).toBe(current.programmes[0]);
    expect(programmes[2]).toBe(current.programmes[2]);
    expect(programmes[1]).toEqual({ ...programme({ id: 'b' }), title: 'Neuer Titel' });
    expect(plan.added.map((change) => [change.id, change.line])).toEqual([['d', 2]]);
    expect(plan.changed).toEqual([{ id: 'b', title: 'Neuer Titel', line: 3, fields: ['title', 'contact'] }]);
    expect(plan.unchanged).toBe(2);
    expect(dataTexts.import.counts(plan.added.length, plan.changed.length, plan.unchanged)).toBe(
      '1 Programm neu, 1 geändert, 2 unverändert',
    );
  });

  it('counts a row equal to its entry as unchanged and keeps the stored object', () => {
    const plan = planImport(current, csv(row('a')), FILE);
    expect(
      plan.ok && [plan.added.length, plan.changed.length, plan.unchanged, (plan.data.programmes as unknown[])[0] === current.programmes[0]],
    ).toEqual([0, 0, 3, true]);
  });

  it('refuses a merged list the store would refuse, naming the CSV line and column', () => {
    const plan = planImport(current, csv(row('d', { successor: 'fehlt' })), FILE);
    expect(plan.ok ? [] : plan.csvProblems.map(dataTexts.import.problem)).toEqual([
      'Zeile 2, Spalte T (successor): verweist auf unbekanntes Programm "fehlt"',
    ]);
  });

  it('accepts a successor that the same import adds', () => {
    expect(planImport(current, csv(row('a', { successor: 'neu' }), row('neu')), FILE).ok).toBe(true);
  });

  it('names problems of entries already in the file apart from the CSV', () => {
    const broken = { programmes: [...current.programmes, { ...programme({ id: 'x' }), level: 'bezirk' }] };
    const plan = planImport(broken, csv(row('d')), FILE);
    expect(plan.ok ? [] : [plan.csvProblems, plan.fileProblems.map((problem) => `${problem.entry}/${problem.field}`)]).toEqual([
      [],
      ['x/level'],
    ]);
  });

  it('lets the CSV replace a broken entry', () => {
    const broken = { programmes: [{ ...programme({ id: 'x' }), level: 'bezirk' }] };
    expect(planImport(broken, csv(row('x')), FILE).ok).toBe(true);
  });

  it('refuses a file that is no programme list', () => {
    const plan = planImport([programme({ id: 'a' })], csv(row('d')), FILE);
    expect(plan.ok ? null : plan.fileProblems.length).toBe(1);
  });
});

describe('changed fields', () => {
  it.each([
    { case: 'same content, other key order', stored: { ...programme({ id: 'a' }), deadline: { kind: 'laufend' } }, fields: [] },
    { case: 'a field removed', stored: { ...programme({ id: 'a' }), contact: 'x' }, fields: ['contact'] },
    {
      case: 'a list reordered',
      stored: { ...programme({ id: 'a' }), applicants: ['kreis', 'gemeinde', 'kreisfreie_stadt'] },
      fields: ['applicants'],
    },
    { case: 'a date changed', stored: { ...programme({ id: 'a' }), lastVerified: '2026-01-01' }, fields: ['lastVerified'] },
  ])('$case', ({ stored, fields }) => {
    expect(changedFields(stored, programme({ id: 'a' }))).toEqual(fields);
  });
});
