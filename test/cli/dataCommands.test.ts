import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { validateProgrammes } from '../../src/domain/programme.js';
import { CSV_COLUMNS } from '../../src/domain/programmeCsv.js';
import { programme } from '../support/programmeBuilder.js';
import { csvRow } from '../support/programmeCsvRow.js';

const run = promisify(execFile);
const TSX = join('node_modules', '.bin', 'tsx');
const TODAY = '2026-11-26';

async function cli(args: string[]) {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/index.ts', ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

const ORIGINAL = {
  $schema: './programmes.schema.json',
  programmes: [programme({ id: 'a' }), programme({ id: 'b', contact: 'Frau Muster, 0211 123' }), programme({ id: 'c', needs: ['wohnen'] })],
};

/** A temp folder with a programme file of its own, so that the (slow) CLI runs can go in parallel. */
function setup() {
  const folder = mkdtempSync(join(tmpdir(), 'data-commands-'));
  const file = join(folder, 'programmes.json');
  writeFileSync(file, `${JSON.stringify(ORIGINAL, null, 2)}\n`);
  return {
    folder,
    file,
    bytes: () => readFileSync(file),
    stored: () => JSON.parse(readFileSync(file, 'utf8')) as { $schema?: string; programmes: Record<string, unknown>[] },
    writeCsv: (name: string, text: string) => {
      const path = join(folder, name);
      writeFileSync(path, text);
      return path;
    },
  };
}

/** A row as a spreadsheet exports it, with a German date; `cells` overrides columns by name. */
const row = (id: string, cells: Record<string, string> = {}) => csvRow(id, { lastVerified: '01.11.2026', ...cells });
const csv = (...rows: string[]) => `\uFEFF${[CSV_COLUMNS.join(';'), ...rows].join('\r\n')}\r\n`;

describe.concurrent('data:check', () => {
  it('passes the shipped catalogue (warnings allowed) and prints the summary', async () => {
    const { code, stdout, stderr } = await cli(['data:check']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^data\/programmes\.json: \d+ Programme geprüft, Stand \d\d\.\d\d\.\d{4}/);
    expect(stdout).toMatch(/Nutzbar für Kommunen .*: \d+ von \d+ Programmen\./);
    expect(stdout).toMatch(/Je Handlungsfeld: Wohnen \d+ · Arbeit & Ausbildung \d+ · .* · Personal[^·\n]* \d+/);
    expect(stdout).toMatch(/Keine Fehler, /);
  });

  it('exits 1 for a broken file and names file, entry and field', async () => {
    const { file } = setup();
    writeFileSync(
      file,
      JSON.stringify({
        programmes: [
          { ...programme({ id: 'a' }), summary: undefined },
          programme({ id: 'b', lastVerified: '2026-12-01' }),
          programme({ id: 'c', lastVerified: '2026-01-02' }),
        ],
      }),
    );
    const { code, stdout } = await cli(['data:check', '--file', file, '--today', TODAY]);
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}: 2 Programme geprüft, Stand 26.11.2026`);
    expect(stdout).toContain(
      'Fehler (2), bitte beheben:\n  Eintrag „a“, Feld „summary“: Pflichtfeld fehlt\n  Eintrag „b“, Feld „lastVerified“: Prüfdatum 01.12.2026 liegt in der Zukunft',
    );
    expect(stdout).toContain('  Eintrag „c“, Feld „lastVerified“: zuletzt geprüft am 02.01.2026, vor 328 Tagen');
    expect(stdout).toContain('Handlungsfeld „Sprache“ (sprache): nur 2 Programme nutzbar, mindestens 3 wären gut');
    expect(stdout).toMatch(/2 Fehler, \d+ Warnungen: Die Datei muss korrigiert werden\.$/m);
  });

  it('exits 0 with warnings only', async () => {
    const { file } = setup();
    const { code, stdout } = await cli(['data:check', '--file', file, '--today', TODAY]);
    expect(code).toBe(0);
    expect(stdout).toContain('Warnungen (');
    expect(stdout).not.toContain('Fehler (');
  });

  it.each([
    { args: ['--today', '26.11.2026'], message: '--today „26.11.2026“ ist kein gültiges Datum' },
    { args: ['--heute', TODAY], message: 'Die Option --heute gibt es nicht.' },
    { args: ['--file'], message: '--file braucht einen Wert.' },
  ])('exits 2 for a wrong call: $args', async ({ args, message }) => {
    const { code, stderr } = await cli(['data:check', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('npm run --silent cli -- data:check');
  });

  it('exits 1 when the file cannot be read', async () => {
    const { file } = setup();
    writeFileSync(file, '{ "programmes": [');
    const { code, stderr } = await cli(['data:check', '--file', file]);
    expect(code).toBe(1);
    expect(stderr).toContain(`Programmdaten nicht lesbar: ${file}: kein gültiges JSON`);
  });
});

describe.concurrent('data:import', () => {
  it('replaces by id, appends new ids, keeps the other entries and writes a file the store accepts', async () => {
    const { folder, file, stored, writeCsv } = setup();
    const csvFile = writeCsv(
      'neu.csv',
      csv(row('d', { maxAmount: '25.000', deadlineKind: 'stichtag', deadlineDate: '31.03.2027' }), row('b', { title: 'Programm b, neu' })),
    );
    const { code, stdout, stderr } = await cli(['data:import', csvFile, '--file', file]);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('  neu:      d · Programm d (Zeile 2)');
    expect(stdout).toContain('  geändert: b · Programm b, neu (Zeile 3; title, contact)');
    expect(stdout).toContain(`1 Programm neu, 1 geändert, 2 unverändert; geschrieben nach ${file}`);
    expect(stdout).toContain('Ein laufender Bot übernimmt die Änderung von selbst');

    const text = readFileSync(file, 'utf8');
    const after = stored();
    expect(text).toBe(`${JSON.stringify(after, null, 2)}\n`);
    expect(Object.keys(after)).toEqual(['$schema', 'programmes']);
    expect(after.$schema).toBe('./programmes.schema.json');
    expect(after.programmes.map((entry) => entry.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(after.programmes[0]).toEqual(ORIGINAL.programmes[0]);
    expect(after.programmes[2]).toEqual(ORIGINAL.programmes[2]);
    expect(after.programmes[1]).toEqual(programme({ id: 'b', title: 'Programm b, neu' }));
    expect(after.programmes[3]).toMatchObject({ maxAmount: 25000, deadline: { kind: 'stichtag', date: '2027-03-31' } });
    expect(validateProgrammes(after, file).ok).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['neu.csv', 'programmes.json']);
  });

  it('refuses a bad CSV with every problem and leaves the file untouched', async () => {
    const { file, bytes, writeCsv } = setup();
    const before = bytes();
    const csvFile = writeCsv(
      'kaputt.csv',
      csv(row('d', { fundingRate: '80%%' }), row('e', { needs: 'sprache|deutsch', lastVerified: '31.11.2026' })),
    );
    const { code, stdout, stderr } = await cli(['data:import', csvFile, '--file', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${csvFile}: 3 Probleme, nichts geschrieben.`);
    expect(stderr).toContain('  Zeile 2, Spalte L (fundingRate): „80%%“ ist keine Zahl');
    expect(stderr).toContain('  Zeile 3, Spalte F (needs): „deutsch“ ist hier nicht möglich');
    expect(stderr).toContain('  Zeile 3, Spalte U (lastVerified): „31.11.2026“ ist kein gültiges Datum');
    expect(bytes().equals(before)).toBe(true);
  });

  it('refuses a CSV whose entries break the merged list and leaves the file untouched', async () => {
    const { file, bytes, writeCsv } = setup();
    const before = bytes();
    const csvFile = writeCsv('nachfolger.csv', csv(row('a', { successor: 'gibt-es-nicht' })));
    const { code, stderr } = await cli(['data:import', csvFile, '--file', file]);
    expect(code).toBe(1);
    expect(stderr).toContain('Zeile 2, Spalte T (successor): verweist auf unbekanntes Programm "gibt-es-nicht"');
    expect(bytes().equals(before)).toBe(true);
  });

  it('names a header problem and the expected header', async () => {
    const { file, bytes, writeCsv } = setup();
    const before = bytes();
    const csvFile = writeCsv('kopf.csv', `${CSV_COLUMNS.join(';').replace('fundingRate', 'Foerderquote')}\n${row('d')}\n`);
    const { code, stderr } = await cli(['data:import', csvFile, '--file', file]);
    expect(code).toBe(1);
    expect(stderr).toContain('Zeile 1, Spalte L: unbekannte Spalte „Foerderquote“');
    expect(stderr).toContain('Zeile 1: es fehlt die Spalte „fundingRate“');
    expect(stderr).toContain(`Erwartete Kopfzeile: ${CSV_COLUMNS.join(';')}`);
    expect(bytes().equals(before)).toBe(true);
  });

  it('--dry-run shows what would change and writes nothing', async () => {
    const { folder, file, bytes, writeCsv } = setup();
    const before = bytes();
    const csvFile = writeCsv('probe.csv', csv(row('d'), row('a', { fundingRate: '50' })));
    const { code, stdout } = await cli(['data:import', csvFile, '--file', file, '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toContain('  neu:      d · Programm d (Zeile 2)');
    expect(stdout).toContain('  geändert: a · Programm a (Zeile 3; fundingRate)');
    expect(stdout).toContain('1 Programm neu, 1 geändert, 2 unverändert; Probelauf (--dry-run), nichts geschrieben.');
    expect(bytes().equals(before)).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['probe.csv', 'programmes.json']);
  });

  it('writes nothing when every row equals its entry', async () => {
    const { file, bytes, writeCsv } = setup();
    const before = bytes();
    const csvFile = writeCsv('gleich.csv', csv(row('a', { lastVerified: '2026-11-01' })));
    const { code, stdout } = await cli(['data:import', csvFile, '--file', file]);
    expect(code).toBe(0);
    expect(stdout).toBe('0 Programme neu, 0 geändert, 3 unverändert; nichts zu schreiben.\n');
    expect(bytes().equals(before)).toBe(true);
  });

  it.each([
    { args: [], message: 'Bitte die CSV-Datei angeben.' },
    { args: ['a.csv', 'b.csv'], message: '„b.csv“ ist hier nicht vorgesehen.' },
    { args: ['a.csv', '--dry-run=ja'], message: '„--dry-run=ja“ ist hier nicht vorgesehen.' },
  ])('exits 2 for a wrong call: $args', async ({ args, message }) => {
    const { file } = setup();

    const { code, stderr } = await cli(['data:import', ...args, '--file', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('npm run --silent cli -- data:import DATEI.csv');
  });

  it('exits 1 for a CSV file that is not there', async () => {
    const { folder, file } = setup();
    const { code, stderr } = await cli(['data:import', join(folder, 'fehlt.csv'), '--file', file]);
    expect(code).toBe(1);
    expect(stderr).toContain('fehlt.csv ist nicht lesbar');
  });
});
