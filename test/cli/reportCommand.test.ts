import { describe, expect, it } from 'vitest';
import { type DemandEvent, DemandEventSchema } from '../../src/domain/demand.js';
import { DEMAND_LOG, reportCommand } from '../../src/cli/reportCommand.js';
import { EventLog } from '../../src/storage/eventLog.js';
import { type ListableStorage, ListableMemoryStorage } from '../../src/storage/listableStorage.js';
import { programme } from '../support/programmeBuilder.js';

const TODAY = '2026-06-15';
const PROGRAMMES = [programme({ id: 'sprachkurs-frauen', title: 'Sprachkurse für Frauen' })];

const search = (date: string, openHits = 1): DemandEvent => ({
  kind: 'search',
  date,
  needs: ['sprache'],
  targetGroups: ['gefluechtete'],
  sizeClass: 'klein',
  openHits,
});

async function seeded(events: readonly DemandEvent[]): Promise<ListableStorage> {
  const storage = new ListableMemoryStorage();
  const log = new EventLog(storage, { name: DEMAND_LOG, schema: DemandEventSchema, instanceId: 'bot-1' });
  for (const event of events) log.record(event);
  await log.close();
  return storage;
}

async function run(args: string[], storage: ListableStorage = new ListableMemoryStorage()) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await reportCommand(args, {
    storage,
    programmes: PROGRAMMES,
    today: TODAY,
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  });
  return { code, out: out.join(''), err: err.join('\n') };
}

describe('report command: wrong calls', () => {
  it.each([
    [['--from', '2026-02-30'], '--from „2026-02-30“ ist kein gültiges Datum'],
    [['--to', '15.06.2026'], '--to „15.06.2026“ ist kein gültiges Datum'],
    [['--from', '2026-05-01', '--to', '2026-04-30'], '--from 01.05.2026 liegt nach --to 30.04.2026.'],
    [['--from', '2026-07-01'], '--from 01.07.2026 liegt nach --to 15.06.2026.'],
    [['--from', '2016-06-07', '--to', '2026-06-15'], 'Der Zeitraum umfasst 3.661 Tage; höchstens 3.660 Tage sind möglich.'],
    [['--format', 'pdf'], '--format „pdf“ gibt es nicht; möglich sind md und csv.'],
    [['--form', 'csv'], 'Die Option --form gibt es nicht.'],
    [['--from'], '--from braucht einen Wert.'],
    [['2026-01-01'], '„2026-01-01“ ist hier nicht vorgesehen.'],
    [['--help=ja'], '„--help=ja“ ist hier nicht vorgesehen.'],
  ])('%j exits with 2 and says why', async (args, problem) => {
    const { code, out, err } = await run(args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(problem);
    expect(err).toContain('--format md|csv');
  });

  it('accepts the longest range, one day less than the refused one', async () => {
    expect((await run(['--from', '2016-06-08', '--to', '2026-06-15'])).code).toBe(0);
  });

  it('prints the usage on --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('npm run --silent cli -- report');
  });
});

describe('report command: the report', () => {
  it('reads the demand log of the last 365 days by default and prints Markdown', async () => {
    const storage = await seeded([
      search('2025-06-14', 0),
      search('2025-06-15', 0),
      search(TODAY),
      { kind: 'watch', date: TODAY, programmeId: 'sprachkurs-frauen' },
    ]);
    const { code, out, err } = await run([], storage);

    expect(code).toBe(0);
    expect(out).toContain('Zeitraum: 15.06.2025 bis 15.06.2026\n\n2 Suchen, davon 1 ohne offenes Programm.');
    expect(out).toContain('| Sprache | Geflüchtete | Gemeinde unter 25.000 Einwohnern | 2 | 1 |');
    expect(out).toContain('| Sprachkurse für Frauen | sprachkurs-frauen | 1 |');
    expect(err).toBe('3 Einträge gelesen, 0 ungültige übersprungen.');
  });

  it('prints CSV for the period asked for', async () => {
    const storage = await seeded([search('2026-01-31'), search('2026-02-01', 0), search('2026-02-28'), search('2026-03-01')]);
    const { code, out } = await run(['--from', '2026-02-01', '--to', '2026-02-28', '--format', 'csv'], storage);

    expect(code).toBe(0);
    expect(out.split('\r\n').slice(0, 5)).toEqual([
      'abschnitt;handlungsfeld;zielgruppe;groesse;programm_id;programm;suchen;ohne_offenes_programm;anzahl;datum;hilfreich;kommentar',
      'zeitraum_von;;;;;;;;;2026-02-01;;',
      'zeitraum_bis;;;;;;;;;2026-02-28;;',
      'summe;;;;;;2;1;;;;',
      'nachfrage;Sprache;Geflüchtete;Gemeinde unter 25.000 Einwohnern;;;2;1;;;;',
    ]);
  });

  it('says how many stored records it skipped', async () => {
    const storage = await seeded([search('2026-06-01')]);
    await storage.write({
      'demand/2026-06-02': { chunks: ['demand/2026-06-02/old-1'] },
      'demand/2026-06-02/old-1': { events: [search('2026-06-02'), { kind: 'search', date: '2026-06-02', needs: ['unbekannt'] }] },
    });

    const { code, out, err } = await run(['--from', '2026-06-01'], storage);

    expect(code).toBe(0);
    expect(out).toContain('2 Suchen, davon 0 ohne offenes Programm.');
    expect(err).toBe('2 Einträge gelesen, 1 ungültiger übersprungen.');
  });

  it('exits with 1 and a German message when the storage cannot be read', async () => {
    const broken: ListableStorage = {
      keys: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:10000')),
      read: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:10000')),
      write: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    };
    const { code, out, err } = await run([], broken);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe('Die gespeicherten Daten konnten nicht gelesen werden: connect ECONNREFUSED 127.0.0.1:10000');
  });
});
